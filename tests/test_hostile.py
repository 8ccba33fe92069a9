"""Hostile inputs in every field that reaches a page: the checker names each at file:line, or the page it
makes is inert. Then two real sites are built and every page is opened in Chromium:

* the *inert* site holds every input the checker let through, built as CI builds (strict);
* the *bypassed* site holds every hostile input, built with the checker's and the allowlist's refusals
  turned off (the allowlist cleans instead): what the output layers do on their own.

On both, no page may open a dialog, raise an error, or ask another origin for anything.
"""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest

from kompetensi import api, sanitize
from kompetensi.findings import Finding
from kompetensi.sanitize import TolerantParser

from .conftest import TODAY, build, copy_mini, serve
from .hostile import BODY, CONTEXTS, HTML, PLAIN, Context, cases

# Inputs that are not refused because what they make is inert: an abbreviation's expansion is an attribute
# value; an unclosed fence is not a fence (Markdown shows it as text); a backslash is only a character.
INERT = ("*[ABC]: <img", "```\nPagar kode", "dengan garis miring")
REPORT: dict[str, object] = {}
# One pytest-xdist worker runs this file: the inputs are checked once, for both tests.
pytestmark = pytest.mark.xdist_group("berbahaya")


# Session scope: under pytest-xdist a worker may run another file's tests between two of this file's,
# which would tear a module fixture down and make it again.
@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> tuple[collections.Counter[str], list[tuple[Context, str]]]:
    """Every hostile input checked once for this file: both tests below read the result."""
    return _outcomes(tmp_path_factory.mktemp("periksa"))


def _outcomes(tmp_path: Path) -> tuple[collections.Counter[str], list[tuple[Context, str]]]:
    counts: collections.Counter[str] = collections.Counter()
    passed: list[tuple[Context, str]] = []
    for number, (context, payload) in enumerate(cases()):
        root = copy_mini(tmp_path / f"kasus-{number}")
        context.write(root, payload)
        findings: list[Finding] = api.check(root, today=TODAY).findings  # a traceback fails the test
        if any(f.severity == "error" and f.path == context.target and f.line >= 0 for f in findings):
            counts["ditolak pemeriksa"] += 1
        else:
            counts["lolos pemeriksa"] += 1
            passed.append((context, payload))
        shutil.rmtree(root)
    return counts, passed


def test_every_hostile_input_is_refused_at_its_file_or_inert(outcomes) -> None:
    counts, passed = outcomes
    total = sum(counts.values())
    assert total == len(cases()) > 400
    unexpected = [(c.name, p[:60]) for c, p in passed if not any(marker in p for marker in INERT)]
    assert not unexpected, unexpected
    REPORT.update(counts, total=total)
    print(f"\nmasukan berbahaya: {total}; {dict(counts)}")


def _apply_all(root: Path, pairs: list[tuple[Context, str]]) -> None:
    """Put many inputs into one handbook: body inputs each in a lesson of its own, field inputs in place."""
    lesson = 2
    used: set[str] = set()
    for context, payload in pairs:
        if context.name in ("isi-pelajaran", "halaman-docs", "kuis-soal", "kuis-jawaban"):
            text = f"---\ntitle: Serangan {lesson}\nminutes: 1\n---\n\n## Isi\n\n{payload}\n"
            if context.name.startswith("kuis"):
                text = text.replace(f"{payload}\n", _quiz_text(context, payload))
            (root / "modules/contoh-lanjut" / f"{lesson:02d}-serangan.md").write_text(text, encoding="utf-8")
            lesson += 1
        elif context.name not in used:
            used.add(context.name)
            context.write(root, payload)


def _quiz_text(context: Context, payload: str) -> str:
    flat = payload.replace("\n", " ")
    if context.name == "kuis-soal":
        return f"<quiz>\n{payload}\n\n- [x] Ya\n- [ ] Tidak\n\nPenjelasan.\n</quiz>\n"
    return f"<quiz>\nSoal?\n\n- [x] {flat}\n> {flat}\n- [ ] Tidak\n\nPenjelasan {flat}\n</quiz>\n"


def _visit_every_page(browser, site: Path) -> dict[str, list[str]]:
    url, server = serve(site)
    problems: dict[str, list[str]] = collections.defaultdict(list)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    current = {"page": ""}
    page.on("dialog", lambda dialog: (problems["dialog"].append(current["page"]), dialog.dismiss()))
    page.on("pageerror", lambda error: problems["pageerror"].append(f"{current['page']}: {error}"))

    def record(request) -> None:
        if not request.url.startswith((url, "data:", "blob:", "about:")):
            problems["request"].append(f"{current['page']}: {request.url}")

    page.on("request", record)
    try:
        for html in sorted(site.rglob("*.html")):
            rel = html.relative_to(site).as_posix()
            if rel.startswith("assets/") or rel == "404.html":
                continue
            current["page"] = rel
            page.goto(url + rel, wait_until="load")
            page.wait_for_timeout(50)
            if page.evaluate("() => Boolean(window.__xss)"):
                problems["global"].append(rel)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    return problems


@pytest.mark.browser
def test_inert_and_bypassed_sites_run_nothing_and_load_nothing_elsewhere(
    browser, outcomes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The inputs the checker lets through, built exactly as CI builds.
    _, passed = outcomes
    inert = copy_mini(tmp_path / "lembam")
    _apply_all(inert, passed)
    result = build(inert)
    assert result.returncode == 0, result.stderr[-3000:]  # refused by the build although the checker passed
    pages = _visit_every_page(browser, inert / "site")
    assert not pages, dict(pages)

    # Every hostile input, with the refusals turned off: the escaping and the allowlist alone must hold.
    bypass = copy_mini(tmp_path / "tanpa-penolakan")
    everything = [(c, p) for c, p in cases() if c.name != "front-matter-tema" and c.name != "gambar-svg"]
    everything += [(CONTEXTS[0], "<script>window.__xss = 1</script>")]
    _apply_all(bypass, everything)
    _build_without_refusals(bypass, monkeypatch)
    built = sorted((bypass / "site").rglob("*.html"))
    assert len(built) > len(BODY)
    for html in built:
        assert not _handlers_calling_alert(html.read_text(encoding="utf-8")), html
    pages = _visit_every_page(browser, bypass / "site")
    assert not pages, dict(pages)
    REPORT.update(executed=0, external_requests=0)


def _handlers_calling_alert(text: str) -> list[tuple[str, str]]:
    """Event-handler attributes that would run a payload (the page's own handlers do not call alert)."""

    class Handlers(TolerantParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[tuple[str, str]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found += [(tag, n) for n, v in attrs if n.startswith("on") and "alert" in (v or "")]

    parser = Handlers()
    parser.feed(text)
    return parser.found


def _build_without_refusals(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build in this process with the checker's errors ignored and the allowlist cleaning, not refusing."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import CombinedEvent, event_priority

    from kompetensi import mkdocs_plugin
    from kompetensi.quiz_plugin import KompetensiQuizPlugin

    plugin = mkdocs_plugin.KompetensiPlugin
    original_files = plugin.on_files

    def on_files(self, files, *, config):
        self.findings = []
        return original_files(self, files, config=config)

    @event_priority(100)
    def clean_page(self, html, *, page, config, files):
        return sanitize.clean(html) + mkdocs_plugin._ASSETS_MARK

    def clean_fragment(self, text, page, config, files, md_inst=None):
        return sanitize.clean(
            KompetensiQuizPlugin.__mro__[1]._convert_fragment_markdown(self, text, page, config, files, md_inst)
        )

    monkeypatch.setattr(plugin, "on_files", on_files)
    monkeypatch.setattr(plugin, "on_page_content", CombinedEvent(clean_page, plugin._finish_page))
    monkeypatch.setattr(KompetensiQuizPlugin, "_convert_fragment_markdown", clean_fragment)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=False)
    mkdocs_build(config)


def test_plain_text_reaches_the_page_as_text(tmp_path: Path) -> None:
    """A backslash or a '<' in a module title is shown as written, in the nav, the heading and <title>."""
    root = copy_mini(tmp_path / "buku")
    manifest = root / "modules/contoh-dasar/module.yml"
    title = r"Data \ Arsip < 5 & *Penting* [1]"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("title: Contoh Modul Dasar", f"title: '{title}'"),
        encoding="utf-8",
    )
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    landing = (root / "site/modul/contoh-dasar/index.html").read_text(encoding="utf-8")
    escaped = title.replace("&", "&amp;").replace("<", "&lt;")
    assert f"<h1>{escaped}</h1>" in landing
    assert f"<title>{escaped} - Mini</title>" in landing
    assert landing.count(escaped) >= 3  # heading, <title>, navigation


assert {p for p in PLAIN} and {p for p in HTML}  # the lists are the corpus; keep them non-empty
