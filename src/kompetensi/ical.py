"""iCalendar (RFC 5545) files for agenda sessions, so a learner can put a session in a phone's calendar.

One small calendar per session, written by hand (the format is simple and the package stays dependency-free):
TEXT values escaped (backslash, semicolon, comma, newline), lines folded at 75 octets without splitting a
character, CRLF line endings, times in UTC. The tests read every file back with the ``icalendar`` package.
"""

from __future__ import annotations

import datetime as dt
import re

from .agenda import STATUSES, url_host, when_text
from .model import Event

PRODID = "-//Kompetensi Digital ASN Pematangsiantar//Agenda//ID"
UID_DOMAIN = "kompetensi-digital-asn-pematangsiantar"
"""UIDs stay the same wherever the site is published, so a calendar recognises a session it already has."""
ICS_STATUS = {"planned": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"}


def text_value(value: str) -> str:
    """A TEXT property value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    # Other control characters are not allowed in TEXT; plain-text fields never hold them, but stay safe.
    value = value.replace("\n", "\\n")
    return "".join(char for char in value if char == "\t" or ord(char) >= 0x20 and ord(char) != 0x7F)


def fold(line: str) -> str:
    """A content line folded at 75 octets (§3.1): continuation lines start with one space. A character, and an
    escape such as ``\\,``, is never split across lines (some calendars do not join a split escape)."""
    parts: list[str] = []
    current = ""
    size = 0
    for token in _TOKENS.findall(line):
        width = len(token.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += token
        size += width
    parts.append(current)
    return "\r\n".join(parts)


_TOKENS = re.compile(r"\\.|.", re.S)


def utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(
    event: Event, stamp: dt.datetime, page_url: str = "", module_titles: dict[str, str] | None = None
) -> list[str]:
    """The VEVENT of one session, unfolded. ``page_url``: the session on the Agenda page, when the site knows
    its own address; ``module_titles``: titles of the modules to name (others are named by id)."""
    titles = module_titles or {}
    modules = ", ".join(titles.get(m, m) for m in event.modules)
    description = [when_text(event), f"Modul: {modules}", f"Penyelenggara: {event.host}"]
    if event.place:
        description.append(f"Tempat: {event.place}")
    if event.online:
        description.append(f"Daring: {event.online}")
    if event.capacity:
        description.append(f"Kapasitas: {event.capacity} peserta")
    if event.registration:
        description.append(f"Pendaftaran: {event.registration}")
    if event.registration_url:
        description.append(f"Formulir pendaftaran: {event.registration_url}")
    if event.status != "planned":
        description.append(f"Status: {STATUSES[event.status]}")
    if page_url:
        description.append(f"Agenda: {page_url}")
    location = event.place or f"Daring ({url_host(event.online)})"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@{UID_DOMAIN}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.start)}",
    ]
    if event.end is not None:
        lines.append(f"DTEND:{utc(event.end)}")
    lines += [
        f"SUMMARY:{text_value(event.title)}",
        f"LOCATION:{text_value(location)}",
        f"DESCRIPTION:{text_value(chr(10).join(description))}",
        f"STATUS:{ICS_STATUS[event.status]}",
    ]
    if page_url:
        lines.append(f"URL:{page_url}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: list[tuple[Event, str]], stamp: dt.datetime, module_titles: dict[str, str] | None = None) -> str:
    """A whole iCalendar object for ``events`` (each with its page URL), CRLF line endings, folded lines."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for event, page_url in events:
        lines += event_lines(event, stamp, page_url, module_titles)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
