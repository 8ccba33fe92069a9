"""Shared fixtures: a tiny handbook copied into a temporary folder, and helpers to break and build it.

Built sites that tests only read are built once per run and shared (``mini_site``, ``real_site``,
``preview_site``); a test that changes content builds its own small copy of ``tests/fixtures/mini``.
Tests about the real handbook find its modules, lessons and paths through ``real_book`` (the engine's own
model), never by name, so that a trainer adding or renaming a module breaks no test about the engine.
Under pytest-xdist each shared build is still made once: the first worker builds, the others wait for it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kompetensi import api
from kompetensi.findings import Finding
from kompetensi.model import Handbook, Module, Page
from kompetensi.render import _url, module_path, ordered_modules, page_site_path

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
TODAY = dt.date.today()


AGENDA_DAY = dt.date(2026, 3, 1)
"""The day the fixture's agenda is written for: its sessions move with the calendar, by TODAY - AGENDA_DAY."""


def copy_mini(dest: Path) -> Path:
    """Copy the fixture handbook; its review dates are moved to a month ago and its agenda to today, so tests
    never age."""
    shutil.copytree(MINI, dest)
    recent = (TODAY - dt.timedelta(days=30)).isoformat()
    for manifest in dest.glob("modules/*/module.yml"):
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(re.sub(r"(?m)^reviewed: .*$", f"reviewed: {recent}", text), encoding="utf-8")
    agenda = dest / "modules/agenda.yml"
    if agenda.is_file():
        shift = TODAY - AGENDA_DAY
        moved = re.sub(
            r"\b(\d{4}-\d{2}-\d{2})(?=T)",
            lambda m: (dt.date.fromisoformat(m.group(1)) + shift).isoformat(),
            agenda.read_text(encoding="utf-8"),
        )
        agenda.write_text(moved, encoding="utf-8")
    return dest


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return copy_mini(tmp_path / "buku")


def check(root: Path, today: dt.date = TODAY) -> list[Finding]:
    return api.check(root, today=today).findings


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# The generator installed: MkDocs as pinned, or ProperDocs after a move (it answers `mkdocs.*` imports).
GENERATOR = "mkdocs" if importlib.util.find_spec("mkdocs") else "properdocs"


def build(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build` (strict, as configured) of the handbook at ``root``."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", GENERATOR, "build", "-d", str(root / "site"), *extra],
        cwd=root,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )


Mutation = Callable[[Path], None]


CHROMIUM = Path(os.environ.get("KOMPETENSI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Outside CI a missing browser skips; in CI it fails."""
    if not CHROMIUM.exists():
        message = f"Chromium tidak ada di {CHROMIUM}; jalankan 'make test' (memasang paket Debian 'chromium')."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def serve(directory: Path):
    """Serve ``directory`` on a free loopback port; returns (base URL, server)."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:
            if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser left before the answer ended
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def _shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run by ``make(folder)``, also when pytest-xdist runs several workers.

    Every worker asks for the same folder under the run's common temporary root; the first one makes it
    under a lock, the others wait and reuse it. A failed ``make`` is not cached: each worker fails alike.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    import fcntl  # POSIX; pytest-xdist runs are made on the Linux machines of CI and the developers

    common = tmp_path_factory.getbasetemp().parent / "bersama"
    common.mkdir(exist_ok=True)
    folder = common / name
    with open(common / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".selesai").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".selesai").touch()
    return folder


def _build_into(root: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> None:
    result = build(root, "--strict", "--site-dir", str(out), *extra, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per test session with --strict, as production (drafts left out)."""
    return _shared(tmp_path_factory, "handbook", lambda folder: _build_into(ROOT, folder / "site")) / "site"


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook as a preview build (KOMPETENSI_PRATINJAU=1: draft modules shown), built once."""

    def make(folder: Path) -> None:
        _build_into(ROOT, folder / "site", env={"KOMPETENSI_PRATINJAU": "1"})

    return _shared(tmp_path_factory, "pratinjau", make) / "site"


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture handbook as it is, built once per test session. Read it; never change it."""

    def make(folder: Path) -> None:
        root = copy_mini(folder / "buku")
        result = build(root)
        assert result.returncode == 0, result.stderr[-3000:]

    return _shared(tmp_path_factory, "mini", make) / "buku" / "site"


def served(site: Path):
    """Serve ``site`` for a yield fixture: the URL while the fixture lives, then the server stops."""
    url, server = serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def real_url(real_site: Path):
    yield from served(real_site)


@pytest.fixture(scope="session")
def mini_url(mini_site: Path):
    yield from served(mini_site)


# ---------- the real handbook, found through the engine's model ------------------------------------------


@pytest.fixture(scope="session")
def real_book() -> Handbook:
    """The real handbook as the engine reads it: the source of every module, lesson and path a test uses."""
    book, _ = api.load(ROOT)
    return book


def published(book: Handbook) -> list[Module]:
    """The modules a production build publishes, in curriculum order (as the site lists them)."""
    return ordered_modules(book, include_drafts=False)


def url_of(module: Module, page: Page | None = None) -> str:
    """A module's (or one of its pages') address relative to the site root, as the build writes it."""
    return _url(module_path(module.id) if page is None else page_site_path(module, page))


# ---------- accessibility ----------------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The only axe rules whose outcome depends on colours: all a colour scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, *, colours_only: bool = False, exclude: list[str] | None = None) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on ``page``, one line each (empty when it passes).

    axe is asked for violations only (``resultTypes``): the passes and inapplicable results it would
    otherwise serialise (3 MB for the glossary) were most of the run time and were never looked at.
    ``colours_only`` runs just the rules a colour scheme can change; ``exclude`` leaves out parts of the
    page (CSS selectors) that another run already checked.
    """
    from axe_playwright_python.sync_playwright import Axe

    run_only = {"type": "rule", "values": COLOUR_RULES} if colours_only else {"type": "tag", "values": WCAG_TAGS}
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]} if exclude else None
    result = Axe().run(page, context=context, options=options)
    return [
        f"{v['id']}: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')[:200]}"
        for v in result.response["violations"]
    ]
