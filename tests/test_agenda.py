"""The agenda (modules/agenda.yml): its format and checks, its pages, its calendar files, and its behaviour in a
browser. The fixture's sessions move with the calendar (tests/conftest.py), so no test ages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kompetensi import agenda as ag

from .conftest import TODAY, check, edit

A = "modules/agenda.yml"
L = "modules/contoh-lanjut"


def _edit(old: str, new: str, rel: str = A):
    return lambda root: edit(root / rel, old, new)


def _sub(pattern: str, new: str):
    """Replace the first match of ``pattern`` in the agenda (its dates are moved, so they are matched)."""

    def mutate(root: Path) -> None:
        path = root / A
        text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1)
        assert count == 1, pattern
        path.write_text(text, encoding="utf-8")

    return mutate


# (rule id, file, line, mutation), run by tests/test_rules.py with every other rule. Lines of the fixture:
# 4 id, 5 title, 6 start, 7 end, 8 place, 9 modules, 12 registration_url, 13 capacity, 14 status (first
# session); 15 id, 19 online, 20 modules (second); 29 status (third, done).
AGENDA_CASES = [
    ("agenda-key-unknown", A, 8, _edit("    place: Aula Contoh, Jalan", "    tempat: Aula Contoh, Jalan")),
    ("agenda-key-missing", A, 4, _edit("    host: Universitas Contoh\n", "")),
    ("agenda-value", A, 13, _edit("capacity: 40", "capacity: empat puluh")),
    ("agenda-value", A, 13, _edit("capacity: 40", "capacity: 0")),
    ("agenda-value", A, 14, _edit("status: planned", "status: rencana")),
    ("agenda-value", A, 4, _edit("id: lokakarya-tte", "id: Lokakarya TTE")),
    ("agenda-value", A, 9, _edit("modules: [contoh-dasar]", "modules: []")),
    ("agenda-id-duplicate", A, 15, _edit("id: seminar-daring", "id: lokakarya-tte")),
    ("agenda-time", A, 6, _sub(r"start: \S+", "start: 15-03-2026 jam 9")),
    ("agenda-time", A, 6, _sub(r"(start: \S+)\+07:00", r"\1")),
    ("agenda-time", A, 6, _sub(r"start: (\d{4}-\d\d-\d\d)T\S+", r"start: \1")),
    ("agenda-time", A, 7, _sub(r"end: \S+", "end: 2020-01-01T09:00+07:00")),
    ("agenda-place-missing", A, 15, _edit("    online: https://www.example.go.id/ruang\n", "")),
    ("agenda-unknown-module", A, 20, _edit("[contoh-dasar, contoh-lanjut]", "[contoh-dasar, contoh-lanjt]")),
    ("agenda-draft-module", A, 20, _edit("status: published", "status: draft", f"{L}/module.yml")),
    ("agenda-past-planned", A, 29, _edit("    status: done", "    status: planned")),
    ("agenda-done-future", A, 14, _edit("status: planned", "status: done")),
    ("text-markup", A, 5, _edit("title: Lokakarya TTE (contoh)", 'title: "<img src=x onerror=alert(1)>"')),
    ("text-markup", A, 11, _edit("registration: Terbuka", "registration: Terbuka &amp;")),
    ("url-invalid", A, 19, _edit("https://www.example.go.id/ruang", "http://www.example.go.id/ruang")),
    ("url-invalid", A, 12, _edit("https://www.example.go.id/daftar", '"javascript:alert(1)"')),
    ("data-invalid", A, 1, lambda root: (root / A).write_text("event:\n  - id: x\n", encoding="utf-8")),
    ("data-invalid", A, 15, _edit("  - id: seminar-daring\n", "  - seminar-daring\n  - id: seminar-daring\n")),
    ("yaml-syntax", A, 5, _edit("title: Lokakarya TTE (contoh)", "title: Lokakarya: TTE")),
]


# --- Format and checks ------------------------------------------------------------------------------------


def test_fixture_agenda_is_clean_and_loaded(mini: Path) -> None:
    from kompetensi import api

    result = api.check(mini, today=TODAY)
    assert result.findings == []
    events = {e.id: e for e in result.book.agenda or []}
    assert list(events) == ["lokakarya-tte", "seminar-daring", "lokakarya-lalu"]
    first = events["lokakarya-tte"]
    assert (first.capacity, first.status, first.modules, first.module_lines) == (40, "planned", ["contoh-dasar"], [9])
    assert events["seminar-daring"].status == "planned"  # the default
    assert first.start.utcoffset() == dt.timedelta(hours=7)


def test_no_agenda_file_means_no_agenda(mini: Path) -> None:
    from kompetensi import api

    (mini / A).unlink()
    result = api.check(mini, today=TODAY)
    assert result.findings == [] and result.book.agenda is None


@pytest.mark.parametrize("text", ["events: []\n", "events:\n", "# kosong\nevents: []\n"])
def test_an_empty_agenda_is_clean(mini: Path, text: str) -> None:
    from kompetensi import api

    (mini / A).write_text(text, encoding="utf-8")
    result = api.check(mini, today=TODAY)
    assert result.findings == [] and result.book.agenda == []


def test_a_session_is_past_from_the_day_after_it_ends(mini: Path) -> None:
    """The calendar rule counts days in WIB: a session is not 'past' on its own day, and the checker's
    ``today`` decides, so the warning appears exactly the day after and never blocks a build."""
    from kompetensi.rules import RULES

    edit(mini / A, "    status: done", "    status: planned")
    text = (mini / A).read_text(encoding="utf-8")
    day = dt.date.fromisoformat(re.findall(r"start: (\d{4}-\d\d-\d\d)", text)[2])
    assert not [f for f in check(mini, today=day) if f.rule == "agenda-past-planned"]
    late = [f for f in check(mini, today=day + dt.timedelta(days=1)) if f.rule == "agenda-past-planned"]
    assert [(f.path, f.line, str(f.severity)) for f in late] == [(A, 29, "warning")]
    assert ag.MONTHS[day.month - 1] in late[0].message
    assert not RULES["agenda-past-planned"].blocks_build


def test_messages_name_the_session_and_suggest(mini: Path) -> None:
    edit(mini / A, "[contoh-dasar, contoh-lanjut]", "[contoh-dasar, contoh-lanjt]")
    edit(mini / A, "    host: Universitas Contoh\n    status: done", "    hots: Universitas Contoh\n    status: done")
    messages = {f.rule: f.message for f in check(mini)}
    assert "Sesi 'seminar-daring' membahas modul 'contoh-lanjt'" in messages["agenda-unknown-module"]
    assert "Maksud Anda 'contoh-lanjut'?" in messages["agenda-unknown-module"]
    assert "Maksud Anda 'host'?" in messages["agenda-key-unknown"]
    assert "'lokakarya-lalu'" in messages["agenda-key-missing"]


def test_an_incomplete_session_is_reported_once_and_left_out(mini: Path) -> None:
    """A session missing what the page needs is left out of the site; its other facts wait for the fix."""
    from kompetensi import api

    old = "modules: [contoh-dasar]\n    host: Universitas Contoh\n    registration"
    edit(mini / A, old, "modules: [contoh-dsar]\n    registration")
    result = api.check(mini, today=TODAY)
    assert [(f.rule, f.line) for f in result.findings] == [("agenda-key-missing", 4)]
    assert [e.id for e in result.book.agenda or []] == ["seminar-daring", "lokakarya-lalu"]


def test_check_one_agenda_file_from_the_command_line(mini: Path) -> None:
    import subprocess
    import sys

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kompetensi.cli", "check", "modules/agenda.yml"],
            cwd=mini,
            capture_output=True,
            text=True,
            timeout=120,
        )

    clean = run()
    assert clean.returncode == 0 and clean.stdout.startswith("Bersih: tidak ada galat atau peringatan di 1 berkas")
    edit(mini / A, "capacity: 40", "capacity: -3")
    edit(mini / "modules/contoh-dasar/02-kata-sandi.md", "#apa-itu-tte", "#apa-itu-tt")  # another file: not shown
    broken = run()
    assert broken.returncode == 1
    assert broken.stdout.splitlines()[0].startswith("modules/agenda.yml:13:5: error [agenda-value] Nilai 'capacity'")
    assert "02-kata-sandi" not in broken.stdout


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2027-02-10T09:00+07:00", ""),
        ("2027-02-10 09:00:00+07:00", ""),
        ("2027-02-10T02:00Z", ""),
        (dt.datetime(2027, 2, 10, 9, tzinfo=ag.WIB), ""),
        ("2027-02-10T09:00", "zona waktu"),
        (dt.datetime(2027, 2, 10, 9), "zona waktu"),
        ("2027-02-10", "hanya tanggal"),
        (dt.date(2027, 2, 10), "hanya tanggal"),
        ("10 Februari 2027", "bukan tanggal"),
        ("2027-02-30T09:00+07:00", "bukan tanggal"),
        (20270210, "yang ditulis"),
        (None, "yang ditulis kosong"),
        ("0001-01-01T00:00+07:00", "tahun"),
    ],
)
def test_parse_time(value: object, problem: str) -> None:
    moment, found = ag.parse_time(value)
    assert (moment is None) == bool(problem)
    assert problem in found


def test_times_are_shown_in_wib_as_eyd_writes_them() -> None:
    from kompetensi.model import Event

    def event(start: str, end: str | None = None) -> Event:
        return Event(
            id="x",
            title="X",
            start=dt.datetime.fromisoformat(start),
            end=dt.datetime.fromisoformat(end) if end else None,
            host="H",
            place="P",
            modules=["m"],
        )

    assert ag.when_text(event("2027-02-10T09:00+07:00", "2027-02-10T12:00+07:00")) == (
        "Rabu, 10 Februari 2027, pukul 09.00–12.00 WIB"
    )
    assert ag.when_text(event("2027-02-10T02:00+00:00")) == "Rabu, 10 Februari 2027, pukul 09.00 WIB"
    assert ag.when_text(event("2027-02-28T20:00+08:00", "2027-03-01T10:00+07:00")) == (
        "Minggu, 28 Februari 2027, pukul 19.00 WIB, sampai Senin, 1 Maret 2027, pukul 10.00 WIB"
    )
    late = event("2027-02-10T23:30+07:00")  # 16:30 UTC: the WIB day counts, not the UTC one
    assert ag.last_day(late) == dt.date(2027, 2, 10)
    assert not ag.is_past(late, dt.date(2027, 2, 10)) and ag.is_past(late, dt.date(2027, 2, 11))
    assert ag.utc_text(ag.ends_at(late)) == "2027-02-10T16:59:59Z"
