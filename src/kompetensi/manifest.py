"""Validation of ``module.yml`` into a :class:`~kompetensi.model.Manifest`, collecting every problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from .findings import Finding
from .model import (
    AUDIENCES,
    COMPETENCIES,
    LEVELS,
    REFERENCE_TAGS,
    STATUSES,
    Author,
    ExpertCheck,
    Manifest,
    Reference,
)
from .plaintext import markup_problem, web_url_problem
from .rules import RULES
from .suggest import did_you_mean
from .yamlsafe import YamlDoc

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LICENSES = {"CC-BY-SA-4.0": "CC BY-SA 4.0", "CC-BY-4.0": "CC BY 4.0", "CC0-1.0": "CC0 1.0"}


@dataclass(frozen=True)
class Field:
    kind: str  # "text" | "number" | "date" | "texts" | "records"
    required: bool
    about: str
    choices: dict[str, str] | None = None
    record_keys: tuple[tuple[str, bool], ...] = ()


FIELDS: dict[str, Field] = {
    "id": Field("text", True, "id modul: huruf kecil dan tanda hubung, sama dengan nama folder."),
    "title": Field("text", True, "Judul modul yang tampil di situs."),
    "summary": Field("text", True, "Satu atau dua kalimat tentang isi modul dan untuk siapa."),
    "level": Field("text", True, "Tingkat modul.", LEVELS),
    "jp": Field("number", True, "Jam pelajaran (JP) modul, bilangan positif, misalnya 2."),
    "competency": Field("text", True, "Jenis kompetensi menurut PermenPANRB 38/2017.", COMPETENCIES),
    "audience": Field("texts", True, "Sasaran peserta: daftar id peran.", AUDIENCES),
    "objectives": Field("texts", True, "3 sampai 6 tujuan pembelajaran yang terukur."),
    "prerequisites": Field("texts", False, "Daftar id modul yang sebaiknya diselesaikan lebih dulu."),
    "apps": Field("texts", False, "Aplikasi yang dibahas, misalnya [SRIKANDI, MyASN]."),
    "references": Field(
        "records",
        True,
        "Rujukan: daftar berisi title, url (opsional), tag (resmi/sekunder).",
        record_keys=(("title", True), ("url", False), ("tag", False)),
    ),
    "authors": Field(
        "records",
        True,
        "Penulis: daftar berisi name dan institution.",
        record_keys=(("name", True), ("institution", False)),
    ),
    "owner": Field("text", True, "Kantor yang menjaga isi modul tetap benar, misalnya BKPSDM Kota Pematangsiantar."),
    "license": Field("text", False, "Lisensi materi (id SPDX).", LICENSES),
    "status": Field("text", True, "Status siklus hidup modul.", STATUSES),
    "reviewed": Field("date", True, "Tanggal telaah isi terakhir, format TTTT-BB-HH."),
    "expert_checks": Field(
        "records",
        False,
        "Hal yang masih harus dikonfirmasi ahli: daftar berisi item dan office.",
        record_keys=(("item", True), ("office", False)),
    ),
}

_TYPE_NAMES = {
    "text": "teks",
    "number": "bilangan positif",
    "date": "tanggal TTTT-BB-HH",
    "texts": "daftar teks",
    "records": "daftar berisi pasangan kunci-nilai",
}


def describe_value(value: object) -> str:
    """A YAML value as a message names it: 'kosong', 'angka 5', "teks 'x'", 'daftar', ...."""
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return f"nilai ya/tidak ({value!r})"
    if isinstance(value, int | float):
        return f"angka {value}"
    if isinstance(value, str):
        return f"teks '{value[:40]}'"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pasangan kunci-nilai"
    if isinstance(value, dt.date):
        return f"tanggal {value.isoformat()}"
    return type(value).__name__


def validate_manifest(doc: YamlDoc, folder: str, rel: str, today: dt.date) -> tuple[Manifest, list[Finding]]:
    findings: list[Finding] = []
    manifest = Manifest(id=folder)
    data = doc.value
    if not isinstance(data, dict):
        findings.append(RULES["yaml-not-mapping"].at(rel, 1, 1, what="module.yml", found=describe_value(data)))
        return manifest, findings

    for key in data:
        if key not in FIELDS:
            findings.append(
                RULES["manifest-unknown-key"].at(
                    rel,
                    doc.line(key),
                    doc.column(key),
                    key=key,
                    suggestion=did_you_mean(str(key), FIELDS),
                    allowed=", ".join(FIELDS),
                )
            )

    def bad_type(key: str, expected: str, value: object, *path: object) -> None:
        findings.append(
            RULES["manifest-type"].at(
                rel,
                doc.line(key, *path),
                doc.column(key, *path),
                key=".".join(map(str, (key, *path))),
                expected=expected,
                found=describe_value(value),
                about=FIELDS[key].about,
            )
        )

    checkers: dict[str, Callable[[str, object, Field], object]] = {}

    def plain(value: str, key: str, *path: object) -> bool:
        """Plain-text fields carry no markup; a URL field must be an absolute https address."""
        field_name = ".".join(map(str, (key, *path)))
        if path and path[-1] == "url":
            problem = web_url_problem(value)
            if problem:
                findings.append(
                    RULES["url-invalid"].at(
                        rel,
                        doc.line(key, *path),
                        doc.column(key, *path),
                        url=value[:80],
                        field=field_name,
                        problem=problem,
                    )
                )
                return False
            return True
        problem = markup_problem(value)
        if problem:
            findings.append(
                RULES["text-markup"].at(
                    rel, doc.line(key, *path), doc.column(key, *path), field=field_name, problem=problem
                )
            )
            return False
        return True

    def text(key: str, value: object, spec: Field) -> object:
        if not isinstance(value, str) or not value.strip():
            bad_type(key, "teks yang tidak kosong", value)
            return None
        value = value.strip()
        if not plain(value, key):
            return None
        if spec.choices is not None and value not in spec.choices:
            findings.append(
                RULES["manifest-value"].at(
                    rel,
                    doc.line(key),
                    doc.column(key),
                    key=key,
                    value=value,
                    suggestion=did_you_mean(value, spec.choices),
                    allowed=", ".join(spec.choices),
                )
            )
            return None
        return value

    def number(key: str, value: object, spec: Field) -> object:
        # Not .nan nor .inf, and small enough to become a float: the site formats and adds JP as floats.
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e300:
            bad_type(key, _TYPE_NAMES["number"], value)
            return None
        return value

    def date(key: str, value: object, spec: Field) -> object:
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            findings.append(RULES["reviewed-invalid"].at(rel, doc.line(key), doc.column(key), value=value))
            return None
        if value > today:
            findings.append(
                RULES["reviewed-future"].at(
                    rel, doc.line(key), doc.column(key), value=value.isoformat(), today=today.isoformat()
                )
            )
        return value

    def texts(key: str, value: object, spec: Field) -> object:
        if value is None:
            value = []
        if isinstance(value, str):
            value = [value] if key not in ("objectives",) else value
        if not isinstance(value, list):
            bad_type(key, _TYPE_NAMES["texts"], value)
            return None
        result = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                bad_type(key, "teks yang tidak kosong", item, index)
                continue
            item = item.strip()
            if not plain(item, key, index):
                continue
            if spec.choices is not None and item not in spec.choices:
                findings.append(
                    RULES["manifest-value"].at(
                        rel,
                        doc.line(key, index),
                        doc.column(key, index),
                        key=key,
                        value=item,
                        suggestion=did_you_mean(item, spec.choices),
                        allowed=", ".join(spec.choices),
                    )
                )
                continue
            result.append(item)
        return result

    def records(key: str, value: object, spec: Field) -> object:
        if value is None:
            value = []
        if not isinstance(value, list):
            bad_type(key, _TYPE_NAMES["records"], value)
            return None
        result = []
        allowed = [name for name, _ in spec.record_keys]
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                bad_type(key, "pasangan kunci-nilai (" + ", ".join(allowed) + ")", item, index)
                continue
            clean: dict[str, str] = {}
            for sub in item:
                if sub not in allowed:
                    findings.append(
                        RULES["manifest-unknown-key"].at(
                            rel,
                            doc.line(key, index, sub),
                            doc.column(key, index, sub),
                            key=f"{key}.{sub}",
                            suggestion=did_you_mean(str(sub), allowed),
                            allowed=", ".join(allowed),
                        )
                    )
            for name, required in spec.record_keys:
                sub_value = item.get(name)
                if sub_value is None:
                    if required:
                        findings.append(
                            RULES["manifest-missing-key"].at(
                                rel,
                                doc.line(key, index),
                                doc.column(key, index),
                                key=f"{key}[{index + 1}].{name}",
                                about=spec.about,
                            )
                        )
                    continue
                if not isinstance(sub_value, str) or not sub_value.strip():
                    bad_type(key, "teks yang tidak kosong", sub_value, index, name)
                    continue
                if not plain(sub_value.strip(), key, index, name):
                    continue
                clean[name] = sub_value.strip()
            if key == "references" and clean.get("tag") and clean["tag"] not in REFERENCE_TAGS:
                findings.append(
                    RULES["manifest-value"].at(
                        rel,
                        doc.line(key, index, "tag"),
                        doc.column(key, index, "tag"),
                        key="references.tag",
                        value=clean["tag"],
                        suggestion=did_you_mean(clean["tag"], REFERENCE_TAGS),
                        allowed=", ".join(REFERENCE_TAGS),
                    )
                )
            if all(clean.get(name) for name, required in spec.record_keys if required):
                result.append(clean)
        return result

    checkers.update(text=text, number=number, date=date, texts=texts, records=records)

    for key, spec in FIELDS.items():
        if key not in data:
            if spec.required:
                findings.append(RULES["manifest-missing-key"].at(rel, 1, 1, key=key, about=spec.about))
            continue
        value = checkers[spec.kind](key, data[key], spec)
        if value is None:
            continue
        if key == "references":
            value = [Reference(r["title"], r.get("url"), r.get("tag")) for r in value]  # type: ignore[union-attr]
        elif key == "authors":
            value = [Author(a["name"], a.get("institution", "")) for a in value]  # type: ignore[union-attr]
        elif key == "expert_checks":
            value = [ExpertCheck(c["item"], c.get("office", "")) for c in value]  # type: ignore[union-attr]
        setattr(manifest, key, value)

    if isinstance(data.get("id"), str) and data["id"].strip() != folder:
        findings.append(
            RULES["manifest-id-mismatch"].at(
                rel, doc.line("id"), doc.column("id"), id=data["id"].strip(), folder=folder
            )
        )
    if isinstance(data.get("objectives"), list) and not 3 <= len(data["objectives"]) <= 6:
        findings.append(
            RULES["objectives-count"].at(
                rel, doc.line("objectives"), doc.column("objectives"), count=len(data["objectives"])
            )
        )
    if isinstance(data.get("id"), str):
        manifest.declared_id = data["id"].strip()
    manifest.id = folder
    return manifest, findings


def kebab_suggestion(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "nama-modul"
