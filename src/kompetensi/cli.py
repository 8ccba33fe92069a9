"""Command line: ``kompetensi check``, ``rules``, ``new``, ``report``, ``codeowners``, ``export scorm|qti``.

Exit codes: 0 clean, 1 errors found (or warnings with --strict), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from . import api, qti, report, scorm
from .findings import count


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian framing; usage errors exit 2 with a message, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        translated = (
            message.replace("the following arguments are required", "argumen wajib belum diisi")
            .replace("unrecognized arguments", "argumen tidak dikenal")
            .replace("invalid choice", "pilihan tidak berlaku")
            .replace("argument", "argumen")
            .replace("choose from", "pilih dari")
        )
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {translated}\nLihat '{self.prog} --help'.\n")


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, "Pemakaian: " if prefix is None else prefix)


ROOT_HELP = "folder buku panduan (bawaan: dicari dari folder kerja)"


def _command(sub: argparse._SubParsersAction, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    """A subcommand with Indonesian headings and help option."""
    command = sub.add_parser(name, add_help=False, formatter_class=_Formatter, help=summary, description=description)
    command._positionals.title = "argumen"
    command._optionals.title = "pilihan"
    command.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    return command


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kompetensi",
        add_help=False,
        formatter_class=_Formatter,
        description="Alat buku panduan Kompetensi Digital ASN Pematangsiantar.",
    )
    parser._positionals.title = "perintah"
    parser._optionals.title = "pilihan"
    parser.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)

    check = _command(
        sub,
        "check",
        "periksa modul: struktur, kuis, tautan, keamanan, kesegaran",
        "Memeriksa seluruh buku panduan, satu modul, atau satu berkas, dari "
        "sumbernya, tanpa membangun situs dan tanpa internet.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="JALUR",
        help="folder modul atau berkas yang diperiksa (bawaan: seluruh buku panduan)",
    )
    check.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="bentuk keluaran: text (bawaan), json, atau github (anotasi GitHub Actions)",
    )
    check.add_argument("--strict", action="store_true", help="anggap peringatan sebagai galat")
    check.add_argument(
        "--online",
        action="store_true",
        help="periksa juga tautan luar lewat internet (batas waktu 10 detik, hasil disimpan 7 hari)",
    )
    check.add_argument("--root", metavar="FOLDER", help=ROOT_HELP)
    check.add_argument("--today", metavar="TTTT-BB-HH", help=argparse.SUPPRESS)

    rules = _command(
        sub,
        "rules",
        "daftar semua aturan pemeriksa",
        "Menampilkan semua aturan pemeriksa beserta contoh dan perbaikannya.",
    )
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text", help="bentuk keluaran")
    new = _command(
        sub,
        "new",
        "buat kerangka modul baru",
        "Membuat modules/ID/ berisi module.yml, dua pelajaran, kuis, dan panduan "
        "fasilitator, berstatus draft, yang lolos pemeriksaan dan dapat dibangun.",
    )
    new.add_argument("id", metavar="ID", help="id modul: huruf kecil dan tanda hubung, misalnya literasi-data")
    new.add_argument("--title", default="", metavar="JUDUL", help="judul modul")
    new.add_argument("--owner", default="", metavar="KANTOR", help="kantor pemelihara isi")
    new.add_argument("--author", default="", metavar="NAMA", help="nama penyusun")
    new.add_argument("--institution", default="", metavar="INSTITUSI", help="institusi penyusun")
    new.add_argument("--root", metavar="FOLDER", help=ROOT_HELP)

    rep = _command(
        sub,
        "report",
        "daftar modul menurut pemelihara, status, telaah, dan cek ahli",
        "Menampilkan setiap modul dengan pemelihara, status, tanggal telaah terakhir, "
        "keterlambatan telaah (lebih dari 12 bulan), dan jumlah cek ahli yang masih terbuka.",
    )
    rep.add_argument("--format", choices=["table", "json"], default="table", help="bentuk keluaran")
    rep.add_argument("--root", metavar="FOLDER", help=ROOT_HELP)
    rep.add_argument("--today", metavar="TTTT-BB-HH", help=argparse.SUPPRESS)

    own = _command(
        sub,
        "codeowners",
        "buat atau periksa .github/CODEOWNERS dari pemelihara modul",
        "Membuat isi .github/CODEOWNERS dari kunci 'owner' di setiap module.yml.",
    )
    group = own.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="gagal (kode 1) bila .github/CODEOWNERS tidak mutakhir")
    group.add_argument("--write", action="store_true", help="tulis .github/CODEOWNERS")
    own.add_argument("--root", metavar="FOLDER", help=ROOT_HELP)

    export = _command(
        sub,
        "export",
        "buat paket SCORM atau bank soal modul untuk LMS",
        "Membuat berkas untuk LMS (Moodle dan lainnya) dari halaman situs yang dibangun: paket SCORM 1.2 "
        "per modul, atau bank soal kuis modul.",
    )
    export._positionals.title = "jenis"
    kinds = export.add_subparsers(dest="kind", metavar="JENIS", parser_class=_Parser)
    scorm_command = _command(
        kinds,
        "scorm",
        "satu paket SCORM 1.2 (zip) per modul",
        "Membuat satu paket SCORM 1.2 per modul: beranda modul, pelajaran, dan kuis modul dengan tampilan "
        "situs, tanpa sambungan ke situs lain. LMS mencatat status lulus pada nilai lulus, skor, dan posisi "
        "terakhir setiap peserta.",
    )
    qti_command = _command(
        kinds,
        "qti",
        "bank soal kuis modul: Moodle XML dan QTI 1.2",
        "Membuat bank soal dari kuis modul untuk kuis LMS yang diawasi: Moodle XML (untuk Moodle) dan QTI 1.2 "
        "(untuk Canvas, Blackboard, dan LMS lain).",
    )
    qti_command.add_argument(
        "--format",
        choices=["semua", *qti.FORMATS],
        default="semua",
        help="moodle (Moodle XML), qti12 (QTI 1.2), atau semua (bawaan)",
    )
    for command, out in ((scorm_command, "paket-scorm"), (qti_command, "bank-soal")):
        command.add_argument("modules", nargs="*", metavar="MODUL", help="id modul (bawaan: semua modul di situs)")
        command.add_argument("--out", default=out, metavar="FOLDER", help=f"folder hasil (bawaan: {out})")
        command.add_argument(
            "--site",
            metavar="FOLDER",
            help="situs yang sudah dibangun (mkdocs build); bawaan: dibangun sekarang di folder sementara",
        )
        command.add_argument("--root", metavar="FOLDER", help=ROOT_HELP)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "check":
            return _check(parser, args)
        if args.command == "new":
            return _new(parser, args)
        if args.command == "report":
            return _report(parser, args)
        if args.command == "codeowners":
            return _codeowners(parser, args)
        if args.command == "export":
            return _export(parser, args)
        if args.command == "rules":
            from .guide import rules_markdown, rules_text

            print(rules_markdown() if args.format == "markdown" else rules_text(args.format == "json"))
            return 0
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
    return 2


def _root(parser: argparse.ArgumentParser, given: str | None, start: Path) -> Path:
    if given:
        root = Path(given)
        if not root.is_dir():
            parser.error(f"folder '{given}' tidak ada")
        return root.resolve()
    found = api.find_root(start)
    if found is None:
        parser.error(
            "folder buku panduan tidak ditemukan (tidak ada modules/ atau mkdocs.yml di sini atau di "
            "atasnya); jalankan dari folder repositori atau pakai --root"
        )
    return found  # type: ignore[return-value]


def _today(parser: argparse.ArgumentParser, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        parser.error("--today harus berformat TTTT-BB-HH")
    return None


def _new(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, create_module

    root = _root(parser, args.root, Path.cwd())
    try:
        written = create_module(root, args.id, args.title, args.owner, args.author, args.institution)
    except ScaffoldError as exc:
        print(f"kompetensi new: galat: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"kompetensi new: galat: tidak dapat menulis berkas ({exc.strerror}).", file=sys.stderr)
        return 1
    for path in written:
        print(f"dibuat: {path.relative_to(root).as_posix()}")
    print(
        f"Modul '{args.id}' dibuat berstatus draft. Isi setiap bagian bertanda TODO, jalankan "
        f"'kompetensi check modules/{args.id}', lalu ubah status menjadi review."
    )
    return 0


def _report(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    import json

    from .loader import load_handbook
    from .ownership import report_json, report_rows, report_table

    root = _root(parser, args.root, Path.cwd())
    today = _today(parser, args.today) or dt.date.today()
    book, _ = load_handbook(root, today)
    rows = report_rows(book, today)
    print(json.dumps(report_json(rows), ensure_ascii=False, indent=2) if args.format == "json" else report_table(rows))
    return 0


def _codeowners(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from .loader import load_handbook
    from .ownership import CODEOWNERS, codeowners

    root = _root(parser, args.root, Path.cwd())
    book, _ = load_handbook(root)
    text = codeowners(book, root)
    target = root / CODEOWNERS
    if args.write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"ditulis: {CODEOWNERS}")
        return 0
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(
                f"{CODEOWNERS} tidak mutakhir dengan pemelihara di module.yml. Perbaikan: jalankan "
                "'kompetensi codeowners --write' lalu sertakan perubahannya.",
                file=sys.stderr,
            )
            return 1
        print(f"{CODEOWNERS} mutakhir.")
        return 0
    print(text, end="")
    return 0


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    root = _root(parser, args.root, Path(args.paths[0]) if args.paths else Path.cwd())
    targets = []
    for raw in args.paths:
        path = Path(raw).resolve()
        if not path.exists():
            parser.error(f"jalur '{raw}' tidak ada")
        try:
            targets.append(path.relative_to(root).as_posix())
        except ValueError:
            parser.error(f"jalur '{raw}' berada di luar buku panduan {root}")
    today = _today(parser, args.today)
    started = time.perf_counter()
    result = api.check(root, [t for t in targets if t != "."] or None, today=today, online=args.online)
    seconds = time.perf_counter() - started
    formatter = {"text": report.text, "json": report.as_json, "github": report.github}[args.format]
    print(formatter(result.findings, result.files, seconds))
    errors, warnings = count(result.findings)
    failed = errors > 0 or (args.strict and warnings > 0)
    return 1 if failed else 0


def _export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.kind is None:
        parser.error("pilih jenis ekspor: 'kompetensi export scorm' atau 'kompetensi export qti'")
    name = f"kompetensi export {args.kind}"
    root = _root(parser, args.root, Path.cwd())
    book, _ = api.load(root)
    unknown = [m for m in args.modules if m not in book.modules]
    if unknown:
        known = ", ".join(sorted(book.modules)) or "(belum ada modul)"
        parser.error(f"modul {', '.join(repr(m) for m in unknown)} tidak ada; modul yang ada: {known}")
    from .render import ordered_modules

    shown = ordered_modules(book, os.environ.get("KOMPETENSI_PRATINJAU") == "1")
    modules = [book.modules[m] for m in args.modules] if args.modules else shown
    if args.site and not Path(args.site, "modul").is_dir():
        parser.error(f"'{args.site}' bukan situs buku panduan yang sudah dibangun (tidak ada folder modul/)")
    out = Path(args.out)
    try:
        with _built_site(root, args.site) as site:
            for module in modules:
                if args.kind == "scorm":
                    target = out / scorm.site_path(module.id).rsplit("/", 1)[1]
                    size = scorm.write(site, module, target)
                    budget = "" if size < scorm.BUDGET else f" (melebihi batas {scorm.BUDGET // 1000} KB)"
                    print(f"ditulis: {target.as_posix()} ({size / 1000:.0f} KB){budget}")
                    continue
                if module.quiz is None and not args.modules:
                    print(f"dilewati: modul '{module.id}' tidak memiliki kuis modul.", file=sys.stderr)
                    continue
                formats = list(qti.FORMATS) if args.format == "semua" else [args.format]
                for fmt in formats:
                    target = out / qti.filename(module.id, fmt)
                    content = qti.export(site, module, fmt)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(content)
                    print(f"ditulis: {target.as_posix()} ({len(content) / 1000:.0f} KB)")
    except _BuildFailed as exc:
        print(f"{name}: galat: pembangunan situs gagal:\n{exc}", file=sys.stderr)
        return 1
    except (scorm.PackageError, qti.BankError) as exc:
        print(f"{name}: galat: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{name}: galat: tidak dapat menulis ke '{out}' ({exc.strerror}).", file=sys.stderr)
        return 1
    return 0


class _BuildFailed(Exception):
    pass


@contextlib.contextmanager
def _built_site(root: Path, given: str | None) -> Iterator[Path]:
    """The built site to export from: the one given, or a build made now in a temporary folder."""
    if given:
        yield Path(given)
        return
    if not (root / "mkdocs.yml").is_file():
        raise _BuildFailed(f"tidak ada mkdocs.yml di {root}; bangun situsnya dulu dan pakai --site FOLDER.")
    with tempfile.TemporaryDirectory(prefix="kompetensi-situs-") as folder:
        print("Membangun situs di folder sementara (sekitar setengah menit)...", file=sys.stderr)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", folder],
            cwd=root,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        if result.returncode != 0:
            raise _BuildFailed((result.stderr or result.stdout).strip()[-3000:])
        yield Path(folder)


if __name__ == "__main__":
    raise SystemExit(main())
