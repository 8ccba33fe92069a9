"""A partner's new module from `kompetensi new` to published, the documented path end to end."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

from .conftest import TODAY, build, check, edit


def kompetensi(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kompetensi.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def fill_in(folder: Path) -> None:
    """What an author does: replace every TODO with real text and publish."""
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"TODO:? ?", "", text)
        path.write_text(text, encoding="utf-8")
    edit(folder / "module.yml", "status: draft", "status: published")


def test_new_module_from_scaffold_to_published(mini: Path) -> None:
    result = kompetensi(
        "new",
        "literasi-data",
        "--title",
        "Literasi Data",
        "--owner",
        "Diskominfo Uji",
        "--author",
        "Dr. Contoh",
        "--institution",
        "Universitas Contoh",
        cwd=mini,
    )
    assert result.returncode == 0, result.stderr
    folder = mini / "modules/literasi-data"
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-pengantar.md",
        "02-pelajaran-kedua.md",
        "fasilitator.md",
        "kuis.md",
        "module.yml",
    ]
    assert check(mini) == []  # a fresh skeleton passes the checker

    # Drafts stay out of the production build and show, bannered, in a preview build.
    assert build(mini).returncode == 0
    assert not (mini / "site/modul/literasi-data").exists()
    preview = build(mini, env={"KOMPETENSI_PRATINJAU": "1"})
    assert preview.returncode == 0, preview.stderr
    assert "masih draf" in (mini / "site/modul/literasi-data/index.html").read_text(encoding="utf-8")

    # Publishing with leftover TODO markers is flagged; after filling in, it is clean and builds.
    edit(folder / "module.yml", "status: draft", "status: published")
    assert {f.rule for f in check(mini)} == {"leftover-marker"}
    edit(folder / "module.yml", "status: published", "status: draft")
    fill_in(folder)
    assert check(mini) == []
    assert build(mini).returncode == 0
    landing = (mini / "site/modul/literasi-data/index.html").read_text(encoding="utf-8")
    assert "Dr. Contoh, Universitas Contoh" in landing and "Diskominfo Uji" in landing
    partners = (mini / "site/mitra/index.html").read_text(encoding="utf-8")
    assert "Universitas Contoh" in partners and "Literasi Data" in partners

    report = json.loads(kompetensi("report", "--format", "json", cwd=mini).stdout)
    row = next(r for r in report if r["id"] == "literasi-data")
    assert row | {"reviewed": ""} == {
        "id": "literasi-data",
        "title": "Literasi Data",
        "owner": "Diskominfo Uji",
        "status": "published",
        "reviewed": "",
        "overdue": False,
        "expert_checks": 0,
        "lessons": 2,
        "jp": 1,
    }

    assert kompetensi("codeowners", "--check", cwd=mini).returncode == 1  # new owner, stale CODEOWNERS
    assert kompetensi("codeowners", "--write", cwd=mini).returncode == 0
    assert "/modules/literasi-data/ @kompetensi-digital-asn/diskominfo-uji" in (mini / ".github/CODEOWNERS").read_text(
        encoding="utf-8"
    )
    assert kompetensi("codeowners", "--check", cwd=mini).returncode == 0


def test_new_refuses_bad_or_existing_ids(mini: Path) -> None:
    for bad in ("Literasi_Data", "contoh-dasar", "-x", "a--b"):
        result = kompetensi("new", bad, cwd=mini)
        assert result.returncode == 2, bad
        assert "galat:" in result.stderr and "Traceback" not in result.stderr
    assert not (mini / "modules/Literasi_Data").exists()


def test_report_flags_overdue_modules(mini: Path) -> None:
    later = (TODAY + dt.timedelta(days=400)).isoformat()
    table = kompetensi("report", "--today", later, cwd=mini).stdout
    assert "YA" in table and "2 terlambat ditelaah" in table
    rows = json.loads(kompetensi("report", "--format", "json", "--today", later, cwd=mini).stdout)
    assert all(row["overdue"] for row in rows)


def test_review_banner_and_overdue_notice(mini: Path) -> None:
    edit(mini / "modules/contoh-lanjut/module.yml", "status: published", "status: review")
    manifest = mini / "modules/contoh-dasar/module.yml"
    manifest.write_text(
        re.sub(
            r"(?m)^reviewed: .*$",
            f"reviewed: {(TODAY - dt.timedelta(days=400)).isoformat()}",
            manifest.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    result = build(mini)
    assert result.returncode == 0, result.stderr  # an overdue review never breaks the build
    assert "Dalam telaah" in (mini / "site/modul/contoh-lanjut/01-satu/index.html").read_text(encoding="utf-8")
    lesson = (mini / "site/modul/contoh-dasar/01-pengantar/index.html").read_text(encoding="utf-8")
    assert "Perlu ditelaah ulang" in lesson and "BKPSDM Kota Pematangsiantar" in lesson
    assert "review-overdue" in result.stderr  # still reported to the maintainers


def test_codeowners_never_blocks_a_contributor() -> None:
    """CODEOWNERS is regenerated by CI after a merge (.github/workflows/pemilik.yml), not by hand in a pull
    request: the pull request checks do not compare it, and its default rule covers a module not listed yet."""
    from .conftest import ROOT

    pr = (ROOT / ".github/workflows/pr.yml").read_text(encoding="utf-8")
    assert "codeowners" not in pr
    bot = (ROOT / ".github/workflows/pemilik.yml").read_text(encoding="utf-8")
    assert "kompetensi codeowners --check" in bot and "kompetensi codeowners --write" in bot
    owners = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in owners if line.strip() and not line.startswith("#")]
    assert rules[0][0] == "*" and len(rules[0]) > 1, "the default owners come first and review new modules"
