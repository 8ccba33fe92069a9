"""The command line as trainers and CI run it: exit codes, output formats, paths, bad usage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kompetensi.cli import main

from .conftest import ROOT, edit

D = "modules/contoh-dasar"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kompetensi.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_clean_handbook_exits_zero(mini: Path) -> None:
    result = run("check", cwd=mini)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Bersih: tidak ada galat atau peringatan di 9 berkas")


def test_error_output_has_location_rule_message_and_fix(mini: Path) -> None:
    edit(mini / D / "02-kata-sandi.md", "#apa-itu-tte", "#apa-itu-tt")
    result = run("check", cwd=mini)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "modules/contoh-dasar/02-kata-sandi.md:8:65: error [link-missing-anchor] Tautan menuju "
        "'#apa-itu-tt' di '01-pengantar.md', tetapi judul itu tidak ada. Maksud Anda '#apa-itu-tte'?"
    )
    assert lines[1].startswith("    Perbaikan (galat): Jangkar dibentuk dari judul")
    assert lines[-1].startswith("Ringkasan: 1 galat, 0 peringatan di 9 berkas")


def test_warnings_fail_only_with_strict(mini: Path) -> None:
    edit(mini / D / "01-pengantar.md", "[pelajaran berikutnya]", "[klik di sini]")
    assert run("check", cwd=mini).returncode == 0
    assert run("check", "--strict", cwd=mini).returncode == 1


def test_json_and_github_formats(mini: Path) -> None:
    edit(mini / D / "module.yml", "jp: 2", "jp: dua")
    data = json.loads(run("check", "--format", "json", cwd=mini).stdout)
    assert data["summary"]["errors"] == 1
    assert data["findings"][0] | {"message": "", "hint": ""} == {
        "path": "modules/contoh-dasar/module.yml",
        "line": 5,
        "column": 1,
        "rule": "manifest-type",
        "severity": "error",
        "message": "",
        "hint": "",
        "about": [],
    }
    github = run("check", "--format", "github", cwd=mini).stdout.splitlines()
    assert github[0].startswith(
        "::error file=modules/contoh-dasar/module.yml,line=5,col=1,title=manifest-type::"
        "Nilai 'jp' harus bilangan positif"
    )
    assert "%0APerbaikan: " in github[0]


def test_one_module_or_one_file(mini: Path) -> None:
    edit(mini / D / "module.yml", "jp: 2", "jp: dua")
    assert run("check", "modules/contoh-lanjut", cwd=mini).returncode == 0
    assert run("check", "modules/contoh-dasar/module.yml", cwd=mini).returncode == 1
    assert run("check", "modules/contoh-dasar/01-pengantar.md", cwd=mini).returncode == 0


def test_checking_a_module_reports_what_concerns_it_in_shared_files_and_other_modules(mini: Path) -> None:
    # a partner's pull request: a duplicate glossary term and, elsewhere, a broken link into their module
    edit(mini / "modules/glosarium.yml", "terms:\n", "terms:\n  - term: TTE\n    definition: Dua kali.\n")
    other = mini / "modules/contoh-lanjut/01-satu.md"
    other.write_text(
        other.read_text(encoding="utf-8") + "\nLihat [pengantar](../contoh-dasar/01-pengantarr.md).\n",
        encoding="utf-8",
    )
    result = run("check", "modules/contoh-dasar", cwd=mini)
    assert result.returncode == 1, result.stdout
    located = [line.split(" ", 1)[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert any(loc.startswith("modules/glosarium.yml:") for loc in located), result.stdout
    assert any(loc.startswith("modules/contoh-lanjut/01-satu.md:") for loc in located), result.stdout
    assert "Maksud Anda '../contoh-dasar/01-pengantar.md'?" in result.stdout
    # a module the change does not touch stays clean of the other module's broken link
    lanjut = run("check", "modules/contoh-lanjut/module.yml", cwd=mini)
    assert "contoh-lanjut/01-satu.md" not in lanjut.stdout


def test_wrong_usage_exits_two_without_traceback(mini: Path, tmp_path: Path) -> None:
    for args, cwd in (
        (("check", "tidak-ada"), mini),
        (("check", "--format", "xml"), mini),
        (("periksa",), mini),
        (("check",), tmp_path),
        (("check", "--root", str(tmp_path / "x")), mini),
    ):
        result = run(*args, cwd=cwd)
        assert result.returncode == 2, args
        assert "galat:" in result.stderr and "Traceback" not in result.stderr


def test_help_is_indonesian(capsys) -> None:
    try:
        main(["check", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Pemakaian: kompetensi check") and "anggap peringatan sebagai galat" in out


def test_rules_reference_lists_every_rule() -> None:
    from kompetensi.rules import RULES

    result = run("rules", "--format", "markdown", cwd=ROOT)
    assert result.returncode == 0
    for rule_id in RULES:
        assert f"#### `{rule_id}`" in result.stdout


def test_validation_script_is_the_same_checker(mini: Path) -> None:
    edit(mini / D / "module.yml", "jp: 2", "jp: dua")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_modules.py"), "--root", str(mini)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "[manifest-type]" in result.stdout
