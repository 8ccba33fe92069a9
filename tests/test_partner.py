"""A university partner's first module, played with only what the contributor guide says.

The partner works in GitHub's web editor: every file is copied from the guide's own examples (the
generated "Berkas modul baru" blocks, the glossary and path examples), filled in, checked, and built as a
draft and then as published. No step uses anything the guide does not mention.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from kompetensi import api
from kompetensi.guide import skeleton_markdown

from .conftest import ROOT, build, check

GUIDE = ROOT / "docs" / "kontribusi.md"
MODULE = "literasi-data"


def guide_files() -> dict[str, str]:
    """The files of the guide's 'Berkas modul baru' section, as a partner copies them from the page."""
    files: dict[str, str] = {}
    for match in re.finditer(
        r'\?\?\? example "modules/[^/]+/([^"]+)"\n\n    (~{4,})\w*\n(.*?)\n    \2', skeleton_markdown(), re.S
    ):
        files[match.group(1)] = "\n".join(line[4:] for line in match.group(3).split("\n")) + "\n"
    return files


def guide_yaml_example(section: str) -> dict:
    """The YAML example under a heading of the guide (the glossary or the learning-path format)."""
    text = GUIDE.read_text(encoding="utf-8")
    part = text[text.index(f"## {section}\n") :]
    return yaml.safe_load(part[part.index("```yaml\n") + 8 : part.index("```", part.index("```yaml\n") + 8)])


def fill(text: str, topic: str) -> str:
    """What the partner writes in place of every TODO."""
    text = text.replace("TODO Menjelaskan ...", "Menjelaskan jenis data yang dikelola unit kerja")
    text = text.replace("TODO Membedakan ...", "Membedakan data terbuka dan data yang dikecualikan")
    text = text.replace("TODO Menerapkan ...", "Menerapkan pemeriksaan mutu data sebelum berbagi")
    text = text.replace("TODO: judul lengkap peraturan atau sumber", "Peraturan Presiden Nomor 39 Tahun 2019")
    text = re.sub(r"TODO:? ?", f"{topic} ", text)
    return text


def test_partner_first_module_from_the_guide_alone(mini: Path) -> None:
    steps: list[str] = []
    folder = mini / "modules" / MODULE
    folder.mkdir()

    # Step 2 of the guide: create every file from the guide's blocks (the second lesson like the first).
    files = guide_files()
    assert set(files) == {"module.yml", "01-pengantar.md", "kuis.md", "fasilitator.md"}, sorted(files)
    files["02-data-terbuka.md"] = files["01-pengantar.md"].replace('title: "Pengantar"', 'title: "Data Terbuka"')
    for name, text in files.items():
        (folder / name).write_text(fill(text, "Literasi data"), encoding="utf-8")
    steps.append(f"buat {len(files)} berkas modul dari contoh panduan")
    manifest = folder / "module.yml"
    assert "status: draft" in manifest.read_text(encoding="utf-8")

    # Step 3: a glossary term in the shape of the guide's example.
    example_term = guide_yaml_example("Glosarium")["terms"][0]
    glossary = mini / "modules/glosarium.yml"
    entry = {**example_term, "term": "SDI", "expansion": "Satu Data Indonesia", "aliases": [], "see": []}
    entry["definition"] = "Kebijakan tata kelola data pemerintah."
    data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    data["terms"].append(entry)
    glossary.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    steps.append("tambah istilah di modules/glosarium.yml")

    # Step 4: a learning path with the draft module in it, in the shape of the guide's example.
    example_path = guide_yaml_example("Jalur belajar")["paths"][0]
    path = {**example_path, "id": "literasi", "audience": ["semua-asn"], "modules": ["contoh-dasar", MODULE]}
    (mini / "modules/jalur.yml").write_text(
        yaml.safe_dump({"paths": [path]}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    steps.append("tambah modul ke modules/jalur.yml")

    # Step 5: the checks a pull request runs, for the module folder (shared files included) and the whole book.
    result = api.check(mini, [f"modules/{MODULE}"])
    assert result.findings == [], [f.message for f in result.findings]
    assert check(mini) == []
    steps.append("pemeriksa bersih sebagai draf")

    # Production build (what main publishes) succeeds with the draft in a path; the draft is not on the site.
    production = build(mini, "--strict")
    assert production.returncode == 0, production.stderr[-2000:]
    assert not (mini / "site/modul" / MODULE).exists()
    assert MODULE not in (mini / "site/jalur/literasi/index.html").read_text(encoding="utf-8")
    # Step 6: the pull request's preview shows it, bannered.
    preview = build(mini, "--strict", env={"KOMPETENSI_PRATINJAU": "1"})
    assert preview.returncode == 0, preview.stderr[-2000:]
    assert "masih draf" in (mini / "site/modul" / MODULE / "index.html").read_text(encoding="utf-8")
    steps.append("bangun situs terbit dan pratinjau")

    # Step 7: one reviewed change of status publishes it.
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("status: draft", "status: published"), encoding="utf-8")
    assert check(mini) == []
    published = build(mini, "--strict")
    assert published.returncode == 0, published.stderr[-2000:]
    landing = (mini / "site/modul" / MODULE / "index.html").read_text(encoding="utf-8")
    assert "Nama Penyusun, Nama Perguruan Tinggi" in landing
    assert f"modul/{MODULE}/" in (mini / "site/jalur/literasi/index.html").read_text(encoding="utf-8")
    # Step 8: credit on the partners page.
    assert "Nama Perguruan Tinggi" in (mini / "site/mitra/index.html").read_text(encoding="utf-8")
    steps.append("terbitkan dengan satu perubahan status")
    assert len(steps) == 6, steps


def test_the_guide_documents_every_key_the_checker_reads() -> None:
    from kompetensi.loader import GLOSSARY_KEYS, PATH_KEYS
    from kompetensi.manifest import FIELDS
    from kompetensi.render import fill_markers

    book, _ = api.load(ROOT)
    page = fill_markers(book, GUIDE.read_text(encoding="utf-8"), "kontribusi.md", include_drafts=False)
    assert "<!-- kompetensi:" not in page  # every generated part was filled in
    from kompetensi import agenda

    for key in [*FIELDS, *GLOSSARY_KEYS, *PATH_KEYS, *agenda.FIELDS]:
        assert f"- `{key}` · " in page, key
    assert "`url` (opsional)" in page  # references.url is optional, as the checker says
    for owner in {m.manifest.owner for m in book.modules.values()}:
        assert f"- {owner}" in page
    # a rule whose message is all run-time detail still says something, and multi-line hints keep their lines
    assert "*Galat.* …\n" not in page and "*Galat.* Pesan menyebut masalahnya" in page
    assert "```text\n---\ntitle: Judul Pelajaran\nminutes: 15\n---\n```" in page
