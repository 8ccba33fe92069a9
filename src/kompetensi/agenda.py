"""The agenda of face-to-face and online sessions: the format of ``modules/agenda.yml``, its validation, its times.

The loader reads the file (:func:`validate_events`); the cross-file facts (modules that exist, the calendar)
are checked in :mod:`kompetensi.checks.structure`; :mod:`kompetensi.render` and :mod:`kompetensi.ical` write it.
Every text field is plain text: markup is refused here and every writer escapes it for its own context.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass

from .findings import Finding
from .manifest import KEBAB, describe_value, kebab_suggestion
from .model import Event
from .plaintext import markup_problem, web_url_problem
from .rules import RULES
from .suggest import did_you_mean
from .yamlsafe import YamlDoc

AGENDA_FILE = "agenda.yml"
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
"""Pematangsiantar's time zone: the site shows every time in WIB, whatever offset the file uses."""
STATUSES = {"planned": "Direncanakan", "done": "Selesai", "cancelled": "Dibatalkan"}
MAX_ID = 60
MAX_CAPACITY = 100_000
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
EXAMPLE_TIME = "2027-02-10T09:00+07:00"


@dataclass(frozen=True)
class AgendaField:
    kind: str  # "id" | "text" | "url" | "time" | "modules" | "count" | "status"
    required: bool
    about: str


FIELDS: dict[str, AgendaField] = {
    "id": AgendaField(
        "id",
        True,
        f"Pengenal sesi yang unik: huruf kecil, angka, dan tanda hubung, paling banyak {MAX_ID} karakter. Id "
        "menjadi alamat sesi di halaman Agenda dan nama berkas kalendernya (.ics).",
    ),
    "title": AgendaField("text", True, "Judul sesi, misalnya 'Lokakarya Naskah Dinas Elektronik'."),
    "start": AgendaField(
        "time", True, f"Waktu mulai: tanggal, jam, dan zona waktu, misalnya {EXAMPLE_TIME} (+07:00 adalah WIB)."
    ),
    "end": AgendaField("time", False, "Waktu selesai, dengan format yang sama; sesudah 'start'."),
    "place": AgendaField("text", False, "Tempat tatap muka: nama gedung dan alamatnya. Wajib bila tidak ada 'online'."),
    "online": AgendaField(
        "url", False, "Alamat pertemuan daring, diawali https://. Wajib bila tidak ada 'place'; boleh keduanya."
    ),
    "modules": AgendaField(
        "modules", True, "Daftar id modul yang dibahas (nama folder di modules/), misalnya [literasi-digital-asn]."
    ),
    "host": AgendaField(
        "text",
        True,
        "Kantor atau institusi mitra yang menyelenggarakan sesi dan menyediakan fasilitatornya; tampil juga di "
        "halaman Mitra dan Penyusun.",
    ),
    "registration": AgendaField(
        "text", False, "Catatan pendaftaran: siapa yang dapat ikut dan cara mendaftar (teks biasa)."
    ),
    "registration_url": AgendaField("url", False, "Alamat laman atau formulir pendaftaran, diawali https://."),
    "capacity": AgendaField("count", False, f"Jumlah kursi: bilangan bulat 1 sampai {MAX_CAPACITY}."),
    "status": AgendaField(
        "status",
        False,
        "planned (direncanakan, bawaan), done (sudah berlangsung), atau cancelled (dibatalkan). Sesi yang sudah "
        "lewat diubah menjadi done atau cancelled.",
    ),
}
PLACE_KEYS = ("place", "online")
"""At least one of these says where a session is."""
ABOUT_FILE = "Setiap sesi: id, title, start, modules, host, place atau online, dan bila perlu end, registration, " + (
    "registration_url, capacity, status."
)


def parse_time(value: object) -> tuple[dt.datetime | None, str]:
    """A moment with its UTC offset from what YAML made of ``value``, or the problem in Indonesian."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        return None, f"hanya tanggal ({value.isoformat()}); tulis juga jam dan zona waktu"
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return None, f"'{text[:40]}' bukan tanggal dan jam berformat TTTT-BB-HHTjj:mm+07:00"
        if "T" not in text.upper() and " " not in text:
            return None, f"hanya tanggal ({text[:40]}); tulis juga jam dan zona waktu"
    else:
        return None, f"yang ditulis {describe_value(value)}"
    if moment.tzinfo is None or moment.utcoffset() is None:
        return None, "zona waktu tidak ditulis; tambahkan +07:00 untuk WIB"
    if not 1971 <= moment.year <= 9998:
        return None, f"tahun {moment.year} di luar jangkauan"
    return moment, ""


def validate_events(doc: YamlDoc, rel: str) -> tuple[list[Event], list[Finding]]:
    """The events of a loaded ``agenda.yml``, with a finding for each problem. Never raises on bad content."""
    findings: list[Finding] = []
    data = doc.value
    if data is None:
        return [], findings
    if not isinstance(data, dict) or "events" not in data:
        problem = "Berkas agenda harus berisi kunci 'events' berupa daftar sesi (boleh kosong: events: [])."
        return [], [RULES["data-invalid"].at(rel, 1, 1, problem=problem, about=ABOUT_FILE)]
    for key in data:
        if key != "events":
            findings.append(
                RULES["data-invalid"].at(
                    rel,
                    doc.line(key),
                    doc.column(key),
                    problem=f"Kunci '{str(key)[:40]}' tidak dikenal; berkas agenda hanya berisi 'events'.",
                    about=ABOUT_FILE,
                )
            )
    items = data["events"]
    if items is None:
        return [], findings
    if not isinstance(items, list):
        problem = "'events' harus berupa daftar sesi, setiap sesi diawali '- id: ...'."
        findings.append(RULES["data-invalid"].at(rel, doc.line("events"), 1, problem=problem, about=ABOUT_FILE))
        return [], findings
    events: list[Event] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        event, found = _event(doc, rel, index, item, seen)
        findings += found
        if event is not None:
            events.append(event)
    return events, findings


def _event(
    doc: YamlDoc, rel: str, index: int, item: object, seen: dict[str, int]
) -> tuple[Event | None, list[Finding]]:
    findings: list[Finding] = []
    line = doc.line("events", index)
    if not isinstance(item, dict):
        problem = f"Sesi ke-{index + 1} harus berupa pasangan kunci-nilai (id: ..., title: ..., ...), bukan " + (
            f"{describe_value(item)}."
        )
        return None, [
            RULES["data-invalid"].at(rel, line, doc.column("events", index), problem=problem, about=ABOUT_FILE)
        ]
    raw_id = item.get("id")
    name = f"'{raw_id[:40]}'" if isinstance(raw_id, str) and raw_id.strip() else f"ke-{index + 1}"

    def at(key: str) -> tuple[str, int, int]:
        return rel, doc.line("events", index, key), doc.column("events", index, key)

    def value_problem(key: str, problem: str) -> None:
        findings.append(
            RULES["agenda-value"].at(*at(key), key=key, event=name, problem=problem, about=FIELDS[key].about)
        )

    for key in item:
        if key not in FIELDS:
            findings.append(
                RULES["agenda-key-unknown"].at(
                    *at(key),
                    key=str(key)[:40],
                    suggestion=did_you_mean(str(key), FIELDS),
                    allowed=", ".join(FIELDS),
                )
            )
    for key, spec in FIELDS.items():
        if spec.required and item.get(key) is None:
            findings.append(
                RULES["agenda-key-missing"].at(
                    rel, line, doc.column("events", index), event=name, key=key, about=spec.about
                )
            )

    clean: dict[str, object] = {}
    for key, spec in FIELDS.items():
        value = item.get(key)
        if value is None:
            continue
        if spec.kind in ("id", "text", "url", "status"):
            if not isinstance(value, str) or not value.strip():
                value_problem(key, f"harus teks yang tidak kosong, tetapi yang ditulis {describe_value(value)}")
                continue
            value = value.strip()
            if spec.kind == "url":
                problem = web_url_problem(value) or (
                    None if value.lower().startswith("https://") else "alamat harus diawali https://"
                )
                if problem:
                    findings.append(RULES["url-invalid"].at(*at(key), url=value[:80], field=key, problem=problem))
                    continue
            else:
                problem = markup_problem(value)
                if problem:
                    findings.append(RULES["text-markup"].at(*at(key), field=key, problem=problem))
                    continue
            if spec.kind == "id" and (not KEBAB.match(value) or len(value) > MAX_ID):
                value_problem(
                    key,
                    f"'{value[:40]}' harus huruf kecil, angka, dan tanda hubung, paling banyak {MAX_ID} karakter "
                    f"(misalnya '{kebab_suggestion(value)[:MAX_ID].strip('-') or 'lokakarya'}')",
                )
                continue
            if spec.kind == "status" and value not in STATUSES:
                value_problem(
                    key,
                    f"'{value[:40]}' bukan pilihan yang berlaku.{did_you_mean(value, STATUSES)} Pilihan: "
                    + (", ".join(STATUSES)),
                )
                continue
            clean[key] = value
        elif spec.kind == "time":
            moment, problem = parse_time(value)
            if moment is None:
                findings.append(RULES["agenda-time"].at(*at(key), key=key, event=name, problem=problem))
                continue
            clean[key] = moment
        elif spec.kind == "count":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
                value_problem(
                    key, f"harus bilangan bulat 1 sampai {MAX_CAPACITY}, tetapi yang ditulis {describe_value(value)}"
                )
                continue
            clean[key] = value
        elif spec.kind == "modules":
            modules, lines = _modules(doc, rel, index, value, name, findings)
            if modules:
                clean[key] = modules
                clean["module_lines"] = lines

    if "start" in clean and "end" in clean and clean["end"] <= clean["start"]:  # type: ignore[operator]
        findings.append(
            RULES["agenda-time"].at(
                *at("end"), key="end", event=name, problem="waktu selesai tidak sesudah waktu mulai"
            )
        )
        del clean["end"]
    place_given = any(item.get(key) is not None for key in PLACE_KEYS)
    if not place_given:
        findings.append(RULES["agenda-place-missing"].at(rel, line, doc.column("events", index), event=name))
    if isinstance(clean.get("id"), str):
        event_id = str(clean["id"])
        if event_id in seen:
            findings.append(RULES["agenda-id-duplicate"].at(*at("id"), id=event_id, first=seen[event_id]))
            return None, findings
        seen[event_id] = doc.line("events", index, "id")
    if not all(key in clean for key in ("id", "title", "start", "host", "modules")):
        return None, findings
    if not clean.get("place") and not clean.get("online"):
        return None, findings
    event = Event(
        id=str(clean["id"]),
        title=str(clean["title"]),
        start=clean["start"],  # type: ignore[arg-type]
        host=str(clean["host"]),
        end=clean.get("end"),  # type: ignore[arg-type]
        place=str(clean.get("place", "")),
        online=str(clean.get("online", "")),
        modules=clean["modules"],  # type: ignore[arg-type]
        module_lines=clean["module_lines"],  # type: ignore[arg-type]
        registration=str(clean.get("registration", "")),
        registration_url=str(clean.get("registration_url", "")),
        capacity=clean.get("capacity"),  # type: ignore[arg-type]
        status=str(clean.get("status", "planned")),
        line=line,
        status_line=doc.line("events", index, "status") if "status" in item else line,
    )
    return event, findings


def _modules(
    doc: YamlDoc, rel: str, index: int, value: object, name: str, findings: list[Finding]
) -> tuple[list[str], list[int]]:
    """The module ids of one event (a single id is taken as a list of one) and the line of each."""
    where = ("events", index, "modules")

    def refuse(line: int, column: int, problem: str) -> None:
        findings.append(
            RULES["agenda-value"].at(
                rel, line, column, key="modules", event=name, problem=problem, about=FIELDS["modules"].about
            )
        )

    if isinstance(value, str):
        value = [value]
        lines = [doc.line(*where)]
    elif isinstance(value, list):
        lines = [doc.line(*where, j) for j in range(len(value))]
    else:
        refuse(
            doc.line(*where), doc.column(*where), f"harus daftar id modul, tetapi yang ditulis {describe_value(value)}"
        )
        return [], []
    modules: list[str] = []
    kept: list[int] = []
    bad = False
    for item, line in zip(value, lines, strict=True):
        if not isinstance(item, str) or not item.strip():
            bad = True
            refuse(line, 1, f"setiap butir harus id modul, tetapi ada {describe_value(item)}")
            continue
        if item.strip() not in modules:
            modules.append(item.strip()[:200])
            kept.append(line)
    if not modules and not bad:
        refuse(doc.line(*where), doc.column(*where), "daftarnya kosong")
    return modules, kept


# --- Time -----------------------------------------------------------------------------------------------


def last_day(event: Event) -> dt.date:
    """The day (in WIB) the session ends: from the next day on it is past."""
    return (event.end or event.start).astimezone(WIB).date()


def is_past(event: Event, today: dt.date) -> bool:
    return last_day(event) < today


def upcoming(events: list[Event], today: dt.date) -> list[Event]:
    """Sessions still to come (today's included), soonest first."""
    return sorted((e for e in events if not is_past(e, today)), key=lambda e: (e.start, e.id))


def past(events: list[Event], today: dt.date) -> list[Event]:
    """Sessions gone by, the latest first."""
    return sorted((e for e in events if is_past(e, today)), key=lambda e: (e.start, e.id), reverse=True)


def ends_at(event: Event) -> dt.datetime:
    """When the browser may move a session to the past: its end, or the end of its day (WIB) without one."""
    if event.end is not None:
        return event.end
    day = event.start.astimezone(WIB).date()
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=WIB)


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_text(moment: dt.datetime) -> str:
    """'Rabu, 10 Februari 2027' in WIB."""
    local = moment.astimezone(WIB)
    return f"{DAYS[local.weekday()]}, {local.day} {MONTHS[local.month - 1]} {local.year}"


def clock(moment: dt.datetime) -> str:
    """'09.00' in WIB (EYD V writes hours and minutes with a dot)."""
    return moment.astimezone(WIB).strftime("%H.%M")


def when_text(event: Event) -> str:
    """'Rabu, 10 Februari 2027, pukul 09.00–12.00 WIB', or from one day to another for longer sessions."""
    start, end = event.start, event.end
    if end is None:
        return f"{day_text(start)}, pukul {clock(start)} WIB"
    if start.astimezone(WIB).date() == end.astimezone(WIB).date():
        return f"{day_text(start)}, pukul {clock(start)}–{clock(end)} WIB"
    return f"{day_text(start)}, pukul {clock(start)} WIB, sampai {day_text(end)}, pukul {clock(end)} WIB"


def url_host(url: str) -> str:
    """The host of a checked URL, for link texts that say where a link goes."""
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.")
