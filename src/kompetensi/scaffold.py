"""``kompetensi new``: a module skeleton that passes the checker and builds, for authors to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .manifest import KEBAB

MANIFEST = """\
id: {id}
title: "{title}"
summary: >-
  TODO: satu atau dua kalimat tentang isi modul dan untuk siapa modul ini.
level: dasar                  # dasar | menengah | lanjut
jp: 1                         # jam pelajaran
competency: teknis            # teknis | manajerial | sosial-kultural
audience: [semua-asn]
objectives:                   # 3 sampai 6 tujuan yang terukur, diawali kata kerja
  - TODO Menjelaskan ...
  - TODO Membedakan ...
  - TODO Menerapkan ...
prerequisites: []
apps: []
references:                   # setiap peraturan dan aplikasi yang disebut, dengan sumbernya
  - title: "TODO: judul lengkap peraturan atau sumber"
    tag: sekunder             # resmi | sekunder
authors:
  - name: "{author}"
    institution: "{institution}"
owner: "{owner}"
license: CC-BY-SA-4.0
status: draft                 # draft | review | published
reviewed: {today}
expert_checks: []             # hal yang masih harus dikonfirmasi ahli: item, office
"""

LESSON = """\
---
title: "{title}"
minutes: 10
---

!!! abstract "Setelah pelajaran ini, Anda dapat:"
    - TODO: apa yang dapat dilakukan peserta setelah pelajaran ini.

## TODO: subjudul pertama

TODO: isi pelajaran (600 sampai 1.500 kata). Satu gagasan per kalimat; sapa pembaca dengan "Anda".

## Ringkasan

- TODO: poin penting pertama.

## Cek pemahaman

<quiz>
TODO: pertanyaan singkat?

- [ ] TODO: jawaban salah
- [x] TODO: jawaban benar
- [ ] TODO: jawaban salah

TODO: penjelasan mengapa jawaban itu benar.
</quiz>
"""

QUIZ = """\
---
title: Kuis Modul
---

Jawab semua pertanyaan berikut. Nilai lulus 70%.

<!-- objective: 1 -->
<quiz>
TODO: skenario dari pekerjaan sehari-hari ASN, lalu pertanyaannya?

- [ ] TODO: pilihan yang keliru tetapi masuk akal
> TODO: umpan balik untuk pilihan ini (opsional).
- [x] TODO: pilihan yang benar
- [ ] TODO: pilihan yang keliru

TODO: penjelasan (satu sampai tiga kalimat).
</quiz>
"""

FACILITATOR = """\
---
title: Panduan Fasilitator
---

## Tujuan lokakarya

TODO: apa yang dicapai peserta di akhir lokakarya.

## Agenda

| Waktu | Kegiatan | Metode | Bahan |
|---|---|---|---|
| TODO | Pembukaan | Diskusi | TODO |

## Persiapan

- TODO: ruang, proyektor, bahan cetak (lihat versi cetak modul).
"""


class ScaffoldError(Exception):
    """A refusal with an Indonesian message; nothing was written."""


def create_module(
    root: Path,
    module_id: str,
    title: str = "",
    owner: str = "",
    author: str = "",
    institution: str = "",
    today: dt.date | None = None,
) -> list[Path]:
    """Write ``modules/<module_id>/``. Refuses an id that is not kebab-case or already exists."""
    if not KEBAB.match(module_id):
        raise ScaffoldError(f"id '{module_id}' harus huruf kecil, angka, dan tanda hubung (contoh: literasi-data).")
    folder = root / "modules" / module_id
    if folder.exists():
        raise ScaffoldError(f"modul '{module_id}' sudah ada di {folder}; pilih id lain.")
    files = skeleton(module_id, title, owner, author, institution, today)
    folder.mkdir(parents=True)
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def skeleton(
    module_id: str,
    title: str = "",
    owner: str = "",
    author: str = "",
    institution: str = "",
    today: dt.date | None = None,
) -> dict[str, str]:
    """The files of a new module by name: what ``kompetensi new`` writes and the contributor guide shows."""
    values = {
        "id": module_id,
        "title": _quote(title or "TODO: Judul Modul"),
        "owner": _quote(owner or "TODO: kantor pemelihara isi"),
        "author": _quote(author or "TODO: nama penyusun"),
        "institution": _quote(institution or "TODO: institusi penyusun"),
        "today": (today or dt.date.today()).isoformat(),
    }
    return {
        "module.yml": MANIFEST.format(**values),
        "01-pengantar.md": LESSON.format(title="Pengantar"),
        "02-pelajaran-kedua.md": LESSON.format(title="Pelajaran Kedua"),
        "kuis.md": QUIZ,
        "fasilitator.md": FACILITATOR,
    }


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
