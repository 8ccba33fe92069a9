"""Shared fixtures: a tiny handbook copied into a temporary folder, and helpers to break and build it."""

from __future__ import annotations

import datetime as dt
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


def build(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build` (strict, as configured) of the handbook at ``root``."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site"), *extra],
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

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per test session with --strict."""
    out = tmp_path_factory.mktemp("handbook") / "site"
    result = build(ROOT, "--strict", "--site-dir", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def real_url(real_site: Path):
    url, server = serve(real_site)
    yield url
    server.shutdown()
    server.server_close()
