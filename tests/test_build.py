"""Real MkDocs builds of tiny handbooks in a temporary folder, and of the real handbook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from kompetensi import builthtml
from kompetensi.mkdocs_plugin import KompetensiPlugin

from .conftest import build, edit, published, url_of

D = "modules/contoh-dasar"


@pytest.fixture(scope="module")
def site(mini_site: Path) -> Path:
    """The fixture handbook built once for the whole run (conftest.mini_site): these tests only read it."""
    return mini_site


def _article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_nav_lists_modules_and_their_pages_in_order(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') : html.index('<div class="md-content"')]
    nav = nav[: nav.rfind('class="md-nav md-nav--secondary"')]  # without the table of contents beside it
    # The home page's own contents (its module cards) come first in the phone menu; the Modul section follows.
    nav = nav[nav.rindex("Contoh Modul Dasar") :]
    order = [
        nav.index(text)
        for text in (
            "Contoh Modul Dasar",
            "Pengantar TTE",
            "Kata Sandi yang Kuat",
            "Kuis Modul",
            "Panduan Fasilitator",
            "Contoh Modul Lanjut",
        )
    ]
    assert order == sorted(order)


def test_many_modules_are_grouped_in_the_navigation(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond render.NAV_GROUP modules the navigation lists numbered groups; a page carries the group titles
    and its own group only (navigation.prune), so a page's size no longer grows with the handbook. Built
    in-process with a group of one module, so that the mini handbook's two modules make two groups."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from kompetensi import render

    monkeypatch.setattr(render, "NAV_GROUP", 1)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    features = "  features: [navigation.indexes, navigation.prune]  # as in the handbook's mkdocs.yml\n"
    edit(mini / "mkdocs.yml", "  font: false\n", "  font: false\n" + features)
    monkeypatch.chdir(mini)
    mkdocs_build(load_config(str(mini / "mkdocs.yml"), site_dir=str(mini / "site"), strict=True))
    lesson = next((mini / "site/modul/contoh-lanjut").glob("0*/index.html")).read_text(encoding="utf-8")
    nav = lesson[lesson.index('<nav class="md-nav md-nav--primary"') : lesson.index('<div class="md-content"')]
    assert "Modul 1–1" in nav and "Modul 2–2" in nav
    assert "Contoh Modul Lanjut" in nav, "its own group is open"
    assert "Pengantar TTE" not in nav, "another group's modules and pages are left out of the page"


def test_landing_page_shows_every_manifest_field(site: Path) -> None:
    page = _article(site / "modul/contoh-dasar/index.html")
    for expected in (
        "<h1>Contoh Modul Dasar</h1>",
        "Modul contoh untuk pengujian.",
        "Dasar",
        "2 JP",
        "Teknis",
        "Semua ASN",
        "SRIKANDI",
        "Menjelaskan tanda tangan elektronik.",
        "Tidak ada prasyarat",
        "Penulis Uji, Universitas Contoh",
        "BKPSDM Kota Pematangsiantar",
        "CC BY-SA 4.0",
        "Contoh rujukan resmi</a> [resmi]",
    ):
        assert expected in page, expected
    assert page.index('href="01-pengantar/"') < page.index('href="02-kata-sandi/"') < page.index('href="kuis/"')
    lanjut = _article(site / "modul/contoh-lanjut/index.html")
    assert re.search(
        r'<a class="kd-prasyarat" data-modul="contoh-dasar" href="../contoh-dasar/">Contoh Modul Dasar</a>',
        lanjut,
    )
    assert "1,5 JP" in lanjut


def test_lesson_shows_its_module_and_pager_within_module(site: Path) -> None:
    first = _article(site / "modul/contoh-dasar/01-pengantar/index.html")
    assert 'href="../">Contoh Modul Dasar</a> · Pelajaran 1 dari 2 · 10 menit' in first
    assert 'href="../02-kata-sandi/">Kata Sandi yang Kuat →</a>' in first
    quiz = _article(site / "modul/contoh-dasar/kuis/index.html")
    assert 'href="../02-kata-sandi/">← Kata Sandi yang Kuat</a>' in quiz
    pager = quiz.split('class="kd-pager"')[1].split("</nav>")[0]
    assert "fasilitator" not in pager  # the facilitator guide is not part of the learner's sequence


def test_quiz_markup_is_safe(site: Path) -> None:
    lesson = (site / "modul/contoh-dasar/01-pengantar/index.html").read_text(encoding="utf-8")
    assert 'class="quiz"' in lesson and 'type="submit"' in lesson
    assert "- [x]" not in lesson and "&lt;quiz&gt;" not in lesson  # no embedded answer source
    assert '"auto_submit": true' not in lesson and "autoSubmit: true" not in lesson
    assert "Bukan: pindaian hanya gambar." in lesson  # per-answer feedback
    # mkdocs-quiz's own inline script, style and sidebar are not shipped: progres.js gives the behaviour
    # and its stylesheet is one shared file.
    assert "quiz_progress_" not in lesson and "<style" not in lesson and "quiz-progress-sidebar" not in lesson
    assert "assets/mkdocs-quiz.css" in lesson and (site / "assets/mkdocs-quiz.css").is_file()


def test_facilitator_page_lists_expert_checks(site: Path) -> None:
    page = _article(site / "modul/contoh-dasar/fasilitator/index.html")
    assert "Hal yang masih dikonfirmasi ahli" in page and "Berapa menit 1 JP?" in page


def test_glossary_page_and_abbreviations(site: Path) -> None:
    assert "Tanda tangan yang memakai sertifikat elektronik." in _article(site / "glosarium/index.html")
    lesson = _article(site / "modul/contoh-dasar/01-pengantar/index.html")
    assert '<abbr title="Tanda Tangan Elektronik">TTE</abbr>' in lesson


def test_each_abbreviation_of_a_page_knows_its_glossary_entry(site: Path) -> None:
    """kompetensi.js links a tapped abbreviation to the id the build wrote beside the page; the build is the one
    place where those ids are made, so every abbreviation must find its entry there."""
    glossary = builthtml.parse((site / "glosarium/index.html").read_text(encoding="utf-8"))
    ids = {e.get("id") for e in glossary.iter() if e.get("id")}
    checked = 0
    for path in site.rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        tree = builthtml.parse(text)
        terms = {builthtml.text_of(text, e) for e in tree.iter() if e.tag == "abbr"}
        links: dict[str, str] = {}
        for island in tree.find_all(builthtml.has_class("kd-istilah")):
            links.update(json.loads(island.get("data-json")))
        assert terms <= set(links), (path, terms - set(links))
        assert all(links[term] in ids for term in terms), path
        checked += len(terms)
    assert checked >= 2


def test_catalogue_marker_is_filled(site: Path) -> None:
    home = _article(site / "index.html")
    assert "kompetensi:katalog" not in home
    assert 'href="modul/contoh-dasar/">Contoh Modul Dasar</a>' in home and "3,5 JP seluruhnya" in home


EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?(?:https?:)?//(?!127\.0\.0\.1|localhost)|url\(\s*["']?(?:https?:)?//|@import"""
)
RESOURCE_TAG = re.compile(r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>", re.I)


def test_built_site_requests_no_other_origin(site: Path) -> None:
    offenders = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            for tag in RESOURCE_TAG.findall(path.read_text(encoding="utf-8")):
                if EXTERNAL.search(tag):
                    offenders.append((path.name, tag[:120]))
        elif path.suffix == ".css" and re.search(
            r"url\(\s*[\"']?(?:https?:)?//|@import", path.read_text(encoding="utf-8")
        ):
            offenders.append((path.name, "css"))
    assert offenders == []


def test_pages_carry_no_template_indentation(site: Path) -> None:
    """Material's templates indent every block tag; with Jinja's lstrip_blocks that indentation stays out of
    the pages (a fifth of a lesson's bytes on a 200-lesson handbook, and of what Pagefind holds in memory).
    Only whitespace between tags goes: a newline always remains, and pages render the same."""
    lesson = next(p for p in (site / "modul").rglob("index.html") if p.parent.name[:2].isdigit())
    lines = lesson.read_text(encoding="utf-8").splitlines()
    indented_blank = [n for n, line in enumerate(lines, 1) if line and not line.strip()]
    assert len(indented_blank) < len(lines) / 10, f"{len(indented_blank)} of {len(lines)} lines are indentation only"


def test_checker_errors_fail_the_build_with_file_and_line(mini: Path) -> None:
    edit(mini / D / "module.yml", "summary: Modul contoh", "summary: Modul: contoh")
    result = build(mini)
    assert result.returncode != 0
    assert "modules/contoh-dasar/module.yml:3:" in result.stderr and "[yaml-syntax]" in result.stderr
    assert "Traceback" not in result.stderr


def test_quiz_on_page_without_quizzes_fails_the_build(mini: Path) -> None:
    edit(
        mini / "docs/index.md",
        "<!-- kompetensi:katalog -->",
        "<quiz>\nSoal?\n\n- [x] Ya\n- [ ] Tidak\n\nKarena.\n</quiz>",
    )
    result = build(mini)
    assert result.returncode != 0
    assert "docs/index.md:8:1: [quiz-disabled]" in result.stderr
    assert not (mini / "site/index.html").exists()


def test_render_guard_catches_quiz_left_raw() -> None:
    class _Page:
        class file:  # noqa: N801 - stands in for mkdocs' File
            src_uri = "catatan.md"

    plugin = KompetensiPlugin()
    with pytest.raises(PluginError, match="catatan.md"):
        plugin._finish_page("<p><quiz> Soal - [x] Ya</p>", page=_Page(), config=None, files=None)  # type: ignore[arg-type]
    assert (
        plugin._finish_page(
            "<pre><code>&lt;quiz&gt;</code></pre>",
            page=_Page(),
            config=None,  # type: ignore[arg-type]
            files=None,
        )
        == "<pre><code>&lt;quiz&gt;</code></pre>"
    )


def test_sanitizer_refuses_what_the_allowlist_removes() -> None:
    plugin = KompetensiPlugin()

    class _Page:
        class file:  # noqa: N801 - stands in for mkdocs' File
            src_uri = "modul/x/01-a.md"

    for bad in (
        '<p><img src="a.png" onerror="alert(1)"></p>',
        "<script>alert(1)</script>",
        '<a href="JAVASCRIPT:alert(1)">a</a>',
        "<iframe src=x></iframe>",
        "<p><svg/onload=alert(1)></p>",
        '<p style="background:url(https://x.id/a.png)">x</p>',
        '<img src="//x.id/a.png" alt="a">',
    ):
        with pytest.raises(PluginError, match="modul/x/01-a.md"):
            plugin._sanitize(bad, page=_Page(), config=None, files=None)  # type: ignore[arg-type]
    safe = '<pre><code>&lt;script&gt;</code></pre><p><a href="https://x.go.id">a</a> <img src="a.png" alt="b"></p>'
    assert plugin._sanitize(safe, page=_Page(), config=None, files=None).startswith(safe)  # type: ignore[arg-type]


def test_drafts_only_in_preview_builds(mini: Path) -> None:
    edit(mini / "modules/contoh-lanjut/module.yml", "status: published", "status: draft")
    assert build(mini).returncode == 0
    assert not (mini / "site/modul/contoh-lanjut").exists()
    assert "Contoh Modul Lanjut" not in (mini / "site/index.html").read_text(encoding="utf-8")
    preview = build(mini, env={"KOMPETENSI_PRATINJAU": "1"})
    assert preview.returncode == 0, preview.stderr
    assert "masih draf" in _article(mini / "site/modul/contoh-lanjut/01-satu/index.html")


def test_real_handbook_builds_strict(real_site: Path, preview_site: Path, real_book) -> None:
    """Production publishes every published module and no draft; preview publishes drafts too."""
    modules = sorted(real_book.modules.values(), key=lambda m: m.id)
    assert modules, "the handbook has no module"
    for module in modules:
        draft = module.manifest.status == "draft"
        assert (real_site / url_of(module) / "index.html").is_file() != draft, (module.id, module.manifest.status)
        assert (preview_site / url_of(module) / "index.html").is_file(), module.id
        for page in module.pages:
            assert (preview_site / url_of(module, page) / "index.html").is_file(), page.rel
    built = {p.name for p in (real_site / "modul").iterdir() if p.is_dir()}
    assert built == {m.id for m in published(real_book)}  # nothing published that the model does not know
    test_built_site_requests_no_other_origin(real_site)


def test_theme_assets_are_published_wherever_the_theme_is_installed(site: Path) -> None:
    """The guard against files from outside docs/ must not drop the theme's own files (installed elsewhere)."""
    assert list((site / "assets/javascripts").glob("bundle.*.min.js"))
    assert list((site / "assets/stylesheets").glob("main.*.min.css"))


def test_a_draft_in_a_learning_path_never_breaks_the_build(mini: Path) -> None:
    """A partner's draft module, already added to a path, builds: production leaves it out, preview shows it."""
    (mini / "modules/jalur.yml").write_text(
        "paths:\n  - id: semua\n    title: Semua\n    summary: Urutan.\n    modules: [contoh-dasar, contoh-lanjut]\n",
        encoding="utf-8",
    )
    edit(mini / "modules/contoh-lanjut/module.yml", "status: published", "status: draft")
    production = build(mini)
    assert production.returncode == 0, production.stderr[-3000:]
    path_page = _article(mini / "site/jalur/semua/index.html")
    assert "Contoh Modul Dasar" in path_page and "Contoh Modul Lanjut" not in path_page
    preview = build(mini, env={"KOMPETENSI_PRATINJAU": "1"})
    assert preview.returncode == 0, preview.stderr[-3000:]
    assert "Contoh Modul Lanjut" in _article(mini / "site/jalur/semua/index.html")
