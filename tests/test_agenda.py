"""The agenda (modules/agenda.yml): its format and checks, its pages, its calendar files, and its behaviour in a
browser. The fixture's sessions move with the calendar (tests/conftest.py), so no test ages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kompetensi import agenda as ag
from kompetensi.yamlsafe import load_yaml

from .conftest import ROOT, TODAY, check, edit

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


def test_the_guide_example_is_a_valid_session() -> None:
    """The contributor guide's example is what the checker accepts, for modules the handbook has."""
    guide = (ROOT / "docs/kontribusi.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Agenda sesi tatap muka") :]
    block = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml"))]
    assert "rekaan" in section[: section.index("```yaml")]  # clearly marked as made up
    doc, findings = load_yaml(block, "contoh")
    assert doc is not None and findings == []
    events, findings = ag.validate_events(doc, "contoh")
    assert findings == [] and len(events) == 1
    assert set(events[0].modules) <= {p.name for p in (ROOT / "modules").iterdir() if p.is_dir()}
    assert "<!-- kompetensi:agenda-format -->" in section  # the key table comes from the checker's own table


def test_the_shipped_agenda_invents_no_session() -> None:
    from kompetensi.loader import load_handbook

    book, findings = load_handbook(ROOT)
    assert book.agenda == []
    assert "CONTOH REKAAN" in (ROOT / A).read_text(encoding="utf-8")
    assert not [f for f in findings if f.path == A]


# --- Pages ------------------------------------------------------------------------------------------------


def _book(root: Path, today: dt.date = TODAY):
    from kompetensi.loader import load_handbook

    book, _ = load_handbook(root, today)
    return book


def _landing(book, module_id: str, today: dt.date = TODAY) -> str:
    from kompetensi import render

    return render.landing_page(book, book.modules[module_id], today).markdown


def test_agenda_page_lists_coming_sessions_first_then_past(mini: Path) -> None:
    from kompetensi import render

    page = render.agenda_page(_book(mini), TODAY).markdown
    order = [
        "### Lokakarya TTE (contoh) { #sesi-lokakarya-tte }",
        "### Seminar Daring Contoh { #sesi-seminar-daring }",
        "## Sudah berlangsung",
        "### Lokakarya yang Sudah Berlangsung (contoh) { #sesi-lokakarya-lalu }",
        "## Untuk fasilitator",
    ]
    assert [page.index(text) for text in order] == sorted(page.index(text) for text in order)
    coming, gone = page.split("## Sudah berlangsung")
    assert coming.count(".ics){ .md-button") == 2 and ".ics)" not in gone
    assert "[Daftar di example.go.id](<https://www.example.go.id/daftar>)" in coming
    assert "40 peserta" in coming and "40 peserta" not in gone  # how to join matters only before a session
    assert "**Selesai.**" in gone
    assert "(../modul/contoh-dasar/index.md)" in page


def test_an_empty_agenda_says_so_kindly_and_how_to_add_a_session(mini: Path) -> None:
    from kompetensi import render
    from kompetensi.model import DocPage

    (mini / A).write_text("events: []\n", encoding="utf-8")
    book = _book(mini)
    page = render.agenda_page(book, TODAY).markdown
    assert "Belum ada sesi terjadwal" in page and "[Katalog Modul](../modul/index.md)" in page
    assert "modules/agenda.yml" in page and "## Akan datang" not in page
    assert "kontribusi.md" not in page  # this handbook has no contributor guide to link to
    book.docs["kontribusi.md"] = DocPage(path=mini, rel="docs/kontribusi.md", site_path="kontribusi.md")
    assert "(../kontribusi.md#agenda-sesi-tatap-muka)" in render.agenda_page(book, TODAY).markdown
    assert "Sesi tatap muka" not in _landing(book, "contoh-dasar")  # module pages show nothing at all


def test_a_module_page_shows_only_its_coming_sessions(mini: Path) -> None:
    book = _book(mini)
    basic, advanced = _landing(book, "contoh-dasar"), _landing(book, "contoh-lanjut")
    assert "## Sesi tatap muka berikutnya" in basic and "## Sesi tatap muka berikutnya" in advanced
    assert "Lokakarya TTE (contoh)" in basic and "Seminar Daring Contoh" in basic
    assert "Lokakarya TTE" not in advanced and "Seminar Daring Contoh" in advanced
    assert "Sudah Berlangsung" not in basic
    assert "(../../agenda/lokakarya-tte.ics)" in basic and "(../../agenda/index.md)" in basic
    # The card names the other modules only; the module the page is about goes without saying.
    assert "Modul lain\n: [Contoh Modul Dasar](../../modul/contoh-dasar/index.md)" in advanced
    assert "Modul lain" not in basic.split("Seminar Daring Contoh")[0]
    later = TODAY + dt.timedelta(days=400)
    assert "Sesi tatap muka" not in _landing(_book(mini, later), "contoh-dasar", later)


def test_a_session_stays_coming_on_its_own_day(mini: Path) -> None:
    from kompetensi import render

    book = _book(mini)
    day = book.agenda[0].start.astimezone(ag.WIB).date()
    assert "Lokakarya TTE" in render.agenda_page(book, day).markdown.split("## Sudah berlangsung")[0]
    after = render.agenda_page(book, day + dt.timedelta(days=1)).markdown.split("## Sudah berlangsung")
    assert "Lokakarya TTE" in after[1] and "**Sudah lewat.**" in after[1]  # still 'planned': said plainly


def test_a_cancelled_session_says_so_and_offers_no_calendar(mini: Path) -> None:
    from kompetensi import render

    edit(mini / A, "status: planned", "status: cancelled")
    book = _book(mini)
    page = render.agenda_page(book, TODAY).markdown
    card = page[page.index("Lokakarya TTE") : page.index("Seminar Daring")]
    assert "**Dibatalkan.**" in card and ".ics" not in card and "Pendaftaran" not in card
    assert "Lokakarya TTE" not in "\n".join(render.session_hosts(book))  # a cancelled session credits nobody


def test_a_draft_module_is_named_not_linked_in_production(mini: Path) -> None:
    from kompetensi import render

    edit(mini / f"{L}/module.yml", "status: published", "status: draft")
    pages = {p.site_path: p.markdown for p in render.generated_pages(_book(mini), include_drafts=False, today=TODAY)}
    assert "contoh-lanjut (belum terbit)" in pages[render.AGENDA]
    assert "modul/contoh-lanjut" not in pages[render.AGENDA]


def test_partners_page_credits_the_hosts(mini: Path) -> None:
    from kompetensi import render

    page = render.partners_page(_book(mini), include_drafts=False).markdown
    credits = page[page.index("## Penyelenggara lokakarya dan seminar") :]
    assert "- Dinas Komunikasi dan Informatika Kota Pematangsiantar: [Seminar Daring Contoh]" in credits
    assert "(agenda/index.md#sesi-lokakarya-lalu)" in credits and "(agenda/index.md#sesi-lokakarya-tte)" in credits
    (mini / A).write_text("events: []\n", encoding="utf-8")
    assert "Penyelenggara lokakarya" not in render.partners_page(_book(mini), include_drafts=False).markdown


def test_plain_text_stays_text_on_every_page(mini: Path) -> None:
    """Markdown and HTML characters in a session's fields are shown as written (the checker let them through)."""
    from kompetensi import render

    title = r"Data \ Arsip < 5 & *Penting* [1](x) {#y} _z_"
    edit(mini / A, "title: Lokakarya TTE (contoh)", f"title: '{title}'")
    edit(mini / A, "place: Aula Contoh, Jalan Contoh Nomor 1", "place: '# Aula | Contoh'")
    book = _book(mini)
    assert check(mini) == []
    page = render.agenda_page(book, TODAY).markdown
    assert render.md_text(title) in page and "# Aula" not in page.replace("\\# Aula", "")
    assert "&#35; Aula \\| Contoh" in page


# --- Calendar files ---------------------------------------------------------------------------------------

STAMP = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)


def _calendars(book, site_url: str = "https://contoh.github.io/buku/") -> dict[str, str]:
    from kompetensi import render

    return dict(render.calendar_files(book, site_url, STAMP))


def _physical_lines(text: str) -> list[str]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    return text[:-2].split("\r\n")


def test_calendar_files_are_rfc5545_as_a_real_parser_reads_them(mini: Path) -> None:
    import icalendar

    files = _calendars(_book(mini))
    assert sorted(files) == ["agenda/lokakarya-lalu.ics", "agenda/lokakarya-tte.ics", "agenda/seminar-daring.ics"]
    text = files["agenda/lokakarya-tte.ics"]
    for line in _physical_lines(text):
        assert len(line.encode("utf-8")) <= 75, line
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"] and calendar["METHOD"] == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    session = _book(mini).agenda[0]
    assert str(event["UID"]) == "lokakarya-tte@kompetensi-digital-asn-pematangsiantar"
    assert event.decoded("DTSTAMP") == STAMP
    assert event.decoded("DTSTART") == session.start and event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert event.decoded("DTEND") == session.end
    assert str(event["SUMMARY"]) == "Lokakarya TTE (contoh)"
    assert str(event["LOCATION"]) == "Aula Contoh, Jalan Contoh Nomor 1"
    description = str(event["DESCRIPTION"]).split("\n")
    assert description[0] == ag.when_text(session)
    assert "Modul: Contoh Modul Dasar" in description and "Penyelenggara: Universitas Contoh" in description
    assert "Pendaftaran: Terbuka untuk ASN; daftar lewat pengelola kepegawaian unit kerja." in description
    assert str(event["URL"]) == "https://contoh.github.io/buku/agenda/#sesi-lokakarya-tte"
    assert str(event["STATUS"]) == "CONFIRMED"
    online = icalendar.Calendar.from_ical(files["agenda/seminar-daring.ics"]).walk("VEVENT")[0]
    assert str(online["LOCATION"]) == "Daring (example.go.id)"
    assert "Daring: https://www.example.go.id/ruang" in str(online["DESCRIPTION"]).split("\n")


def test_calendar_text_is_escaped_and_folded(mini: Path) -> None:
    """Backslash, semicolon, comma and newlines are escaped; a long line folds between characters and
    escapes, never inside one; the parser reads back exactly what was written."""
    import icalendar

    from kompetensi import ical

    title = "Rapat; evaluasi, \\ tahap 1 — Pematangsiantar " + "é" * 40 + ";,\\" * 10
    edit(mini / A, "title: Lokakarya TTE (contoh)", f"title: '{title}'")
    edit(mini / A, "status: planned", "status: cancelled")
    book = _book(mini)
    text = _calendars(book, "")["agenda/lokakarya-tte.ics"]
    lines = _physical_lines(text)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    for previous, line in zip(lines, lines[1:], strict=False):
        if line.startswith(" "):  # a continuation never starts with the second half of an escape
            assert not re.search(r"(?<!\\)(?:\\\\)*\\$", previous), (previous, line)
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == title
    assert str(event["STATUS"]) == "CANCELLED" and "URL" not in event  # no site address known
    assert "Status: Dibatalkan" in str(event["DESCRIPTION"])
    assert ical.text_value("a\r\nb\rc\nd") == "a\\nb\\nc\\nd"


def test_calendar_text_round_trips_whatever_a_field_holds() -> None:
    """Any plain text the checker accepts comes back from a real parser unchanged."""
    import icalendar
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kompetensi import ical
    from kompetensi.model import Event
    from kompetensi.plaintext import markup_problem

    plain = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200).filter(
        lambda text: text.strip() == text and markup_problem(text) is None
    )

    @settings(max_examples=150, deadline=None)
    @given(title=plain, place=plain, host=plain)
    def round_trip(title: str, place: str, host: str) -> None:
        start = dt.datetime(2027, 2, 10, 9, tzinfo=ag.WIB)
        event = Event(id="s", title=title, start=start, host=host, place=place, modules=["m"])
        text = ical.calendar([(event, "")], STAMP)
        assert all(len(line.encode("utf-8")) <= 75 for line in _physical_lines(text))
        parsed = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
        assert (str(parsed["SUMMARY"]), str(parsed["LOCATION"])) == (title, place)
        assert f"Penyelenggara: {host}" in str(parsed["DESCRIPTION"])

    round_trip()


def test_agenda_values_never_raise_and_always_render(tmp_path: Path) -> None:
    """Whatever a session's fields hold, the checker returns findings and the pages and calendars render."""
    import icalendar
    import yaml
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from kompetensi import api, render

    from .conftest import copy_mini
    from .nasty import assert_valid

    root = copy_mini(tmp_path / "buku")
    base = yaml.safe_load((root / A).read_text(encoding="utf-8"))["events"][0]
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-5, 10**6)
        | st.floats()
        | st.text(max_size=30)
        | st.dates()
        | st.datetimes(timezones=st.none() | st.just(dt.UTC) | st.just(ag.WIB))
        | st.sampled_from(["contoh-dasar", "planned", "done", "cancelled", "https://x.go.id/", "2027-02-10T09:00"])
    )
    values = scalars | st.lists(scalars, max_size=4) | st.dictionaries(st.text(max_size=5), scalars, max_size=3)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(changes=st.dictionaries(st.sampled_from([*ag.FIELDS, "lain"]), values, max_size=6))
    def one(changes: dict[str, object]) -> None:
        session = {**base, **changes}
        (root / A).write_text(yaml.safe_dump({"events": [session, base]}, allow_unicode=True), encoding="utf-8")
        result = api.check(root, today=TODAY)
        assert_valid(result.findings)
        book = result.book
        render.generated_pages(book, include_drafts=False, today=TODAY)
        for _, text in render.calendar_files(book, "https://contoh.go.id/", STAMP):
            icalendar.Calendar.from_ical(text)

    one()


# --- The built site ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .conftest import build, copy_mini

    root = copy_mini(tmp_path_factory.mktemp("agenda") / "buku")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def _article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_the_site_has_the_agenda_page_calendars_and_module_blocks(site: Path) -> None:
    import icalendar

    page = _article(site / "agenda/index.html")
    assert '<h3 id="sesi-lokakarya-tte">' in page and 'data-agenda="akan"' in page and 'data-agenda="lalu"' in page
    assert 'class="md-button kd-sesi-aksi" href="lokakarya-tte.ics"' in page
    assert re.search(r'<time datetime="[0-9T:+-]+">\w+, \d+ \w+ \d{4}, pukul 09\.00–12\.00 WIB</time>', page)
    for name in ("lokakarya-tte", "seminar-daring", "lokakarya-lalu"):
        data = (site / f"agenda/{name}.ics").read_bytes()
        assert data.count(b"\r\n") == data.count(b"\n")  # CRLF kept as written, on every platform
        assert icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["UID"].startswith(name + "@")
    module = _article(site / "modul/contoh-dasar/index.html")
    assert 'id="sesi-tatap-muka-berikutnya"' in module and 'href="../../agenda/lokakarya-tte.ics"' in module
    assert 'href="../../agenda/"' in module
    partners = _article(site / "mitra/index.html")
    assert 'href="../agenda/#sesi-seminar-daring"' in partners


def test_an_agenda_error_fails_the_build_naming_file_and_line(mini: Path) -> None:
    from .conftest import build

    edit(mini / A, "capacity: 40", "capacity: banyak")
    result = build(mini)
    assert result.returncode != 0
    assert "modules/agenda.yml:13:5: [agenda-value]" in result.stderr


def test_a_past_session_still_planned_never_breaks_the_build(mini: Path) -> None:
    from .conftest import build

    edit(mini / A, "    status: done", "    status: planned")
    result = build(mini)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "agenda-past-planned" in result.stderr


# --- In a browser: the real handbook with sessions ----------------------------------------------------------

SESSIONS = """events:
  - id: lokakarya-kewajiban-belajar
    title: Lokakarya Kewajiban Belajar ASN (uji)
    start: {soon}T09:00+07:00
    end: {soon}T12:00+07:00
    place: Aula uji, alamat rekaan untuk pengujian yang cukup panjang agar baris membungkus di ponsel
    modules: [belajar-wajib-asn]
    host: Institusi uji
    registration: Terbuka untuk ASN; daftar lewat pengelola kepegawaian unit kerja.
    registration_url: https://www.example.org/pendaftaran-lokakarya-kewajiban-belajar-asn-yang-panjang
    capacity: 30
  - id: seminar-literasi-daring
    title: Seminar Daring Literasi Digital dan Kewajiban Belajar dengan Judul yang Sangat Panjang (uji)
    start: {later}T13:30+07:00
    end: {later}T15:00+07:00
    online: https://www.example.org/ruang-pertemuan-daring-dengan-alamat-yang-panjang-sekali
    modules: [belajar-wajib-asn, literasi-digital-asn]
    host: Kantor uji
  - id: sesi-batal
    title: Sesi yang Dibatalkan (uji)
    start: {later}T09:00+07:00
    place: Aula uji
    modules: [belajar-wajib-asn]
    host: Kantor uji
    status: cancelled
  - id: sesi-lalu
    title: Sesi yang Sudah Berlangsung (uji)
    start: {before}T09:00+07:00
    end: {before}T11:00+07:00
    place: Aula uji
    modules: [belajar-wajib-asn]
    host: Institusi uji
    status: done
"""
SOON, LATER = TODAY + dt.timedelta(days=3), TODAY + dt.timedelta(days=20)


@pytest.fixture(scope="module")
def real_agenda_url(tmp_path_factory: pytest.TempPathFactory):
    """The real handbook (its styles and scripts) with made-up sessions, built strict and served."""
    import shutil

    from .conftest import build, served

    root = tmp_path_factory.mktemp("agenda-nyata") / "buku"
    root.mkdir()
    for name in ("modules", "docs", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    before = TODAY - dt.timedelta(days=30)
    (root / A).write_text(SESSIONS.format(soon=SOON, later=LATER, before=before), encoding="utf-8")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    yield from served(root / "site")


AGENDA_PAGES = {"agenda": "agenda/", "modul": "modul/belajar-wajib-asn/", "mitra": "mitra/"}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [(360, 740), (1280, 800)], ids=["ponsel", "desktop"])
def test_sessions_pass_axe_and_fit_a_phone(browser, real_agenda_url: str, scheme: str, viewport) -> None:
    from .conftest import axe_violations
    from .test_phone import SIDEWAYS

    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme)
    page = context.new_page()
    failures = {}
    for name, path in AGENDA_PAGES.items():
        page.goto(real_agenda_url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator(".kd-sesi").count() or name == "mitra"
        found = axe_violations(page)
        if found:
            failures[name] = found
        if viewport[0] == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
            assert page.evaluate(SIDEWAYS) == [], path
    context.close()
    assert failures == {}


@pytest.mark.browser
def test_a_session_that_ended_since_the_build_moves_in_the_browser(browser, real_agenda_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(real_agenda_url + "agenda/")
    coming = page.locator('.kd-sesi-daftar[data-agenda="akan"] .kd-sesi')
    gone = page.locator('.kd-sesi-daftar[data-agenda="lalu"] .kd-sesi')
    assert coming.count() == 3 and gone.count() == 1
    assert page.locator('.kd-sesi-daftar[data-agenda="akan"] h3').first.inner_text().startswith("Lokakarya")

    # The next day, without a new build: the workshop is past, the seminar still to come.
    page.clock.set_fixed_time(dt.datetime.combine(SOON + dt.timedelta(days=1), dt.time(8), tzinfo=ag.WIB))
    page.goto(real_agenda_url + "agenda/")
    assert coming.count() == 2 and gone.count() == 2
    moved = gone.first
    assert moved.locator("h3").inner_text().startswith("Lokakarya Kewajiban Belajar")
    assert moved.locator(".kd-sesi-aksi").count() == 0  # no calendar button for what is over
    page.goto(real_agenda_url + "modul/belajar-wajib-asn/")
    assert page.locator(".kd-agenda-modul .kd-sesi").count() == 2
    assert page.locator(".kd-agenda-modul").is_visible()

    # After every session: the module page's block is gone, the Agenda page says nothing is coming.
    page.clock.set_fixed_time(dt.datetime.combine(LATER + dt.timedelta(days=1), dt.time(8), tzinfo=ag.WIB))
    page.goto(real_agenda_url + "modul/belajar-wajib-asn/")
    assert not page.locator(".kd-agenda-modul").is_visible()
    page.goto(real_agenda_url + "agenda/")
    assert coming.count() == 0 and gone.count() == 4
    note = page.locator('[data-agenda="akan"] .kd-agenda-kosong')
    assert note.inner_text() == "Belum ada sesi baru yang dijadwalkan."
    context.close()


@pytest.mark.browser
def test_the_calendar_button_serves_the_session_file(browser, real_agenda_url: str) -> None:
    import icalendar

    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(real_agenda_url + "modul/belajar-wajib-asn/")
    href = page.locator(".kd-agenda-modul .kd-sesi-aksi").first.evaluate("link => link.href")
    assert href == real_agenda_url + "agenda/lokakarya-kewajiban-belajar.ics"
    response = page.request.get(href)
    assert response.ok
    event = icalendar.Calendar.from_ical(response.body()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Lokakarya Kewajiban Belajar ASN (uji)"
    context.close()
