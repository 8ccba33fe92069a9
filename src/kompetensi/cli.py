"""Command line: ``kompetensi check``, ``kompetensi rules``, ``kompetensi new``, ``kompetensi report``.

Exit codes: 0 clean, 1 errors found (or warnings with --strict), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from . import api, report
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

    check = sub.add_parser(
        "check",
        add_help=False,
        formatter_class=_Formatter,
        help="periksa modul: struktur, kuis, tautan, keamanan, kesegaran",
        description="Memeriksa seluruh buku panduan, satu modul, atau satu berkas, dari "
        "sumbernya, tanpa membangun situs dan tanpa internet.",
    )
    check._positionals.title = "argumen"
    check._optionals.title = "pilihan"
    check.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
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
    check.add_argument("--root", metavar="FOLDER", help="folder buku panduan (bawaan: dicari dari folder kerja)")
    check.add_argument("--today", metavar="TTTT-BB-HH", help=argparse.SUPPRESS)

    rules = sub.add_parser(
        "rules",
        add_help=False,
        formatter_class=_Formatter,
        help="daftar semua aturan pemeriksa",
        description="Menampilkan semua aturan pemeriksa beserta contoh dan perbaikannya.",
    )
    rules._optionals.title = "pilihan"
    rules.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")
    rules.add_argument("--format", choices=["text", "markdown", "json"], default="text", help="bentuk keluaran")
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
        if args.command == "rules":
            from .guide import rules_markdown, rules_text

            print(rules_markdown() if args.format == "markdown" else rules_text(args.format == "json"))
            return 0
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 130
    return 2


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    cwd = Path.cwd()
    if args.root:
        root = Path(args.root)
        if not root.is_dir():
            parser.error(f"folder '{args.root}' tidak ada")
    else:
        found = api.find_root(Path(args.paths[0]) if args.paths else cwd)
        if found is None:
            parser.error(
                "folder buku panduan tidak ditemukan (tidak ada modules/ atau mkdocs.yml di sini atau di "
                "atasnya); jalankan dari folder repositori atau pakai --root"
            )
        root = found  # type: ignore[assignment]
    root = root.resolve()
    targets = []
    for raw in args.paths:
        path = Path(raw).resolve()
        if not path.exists():
            parser.error(f"jalur '{raw}' tidak ada")
        try:
            targets.append(path.relative_to(root).as_posix())
        except ValueError:
            parser.error(f"jalur '{raw}' berada di luar buku panduan {root}")
    today = None
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            parser.error("--today harus berformat TTTT-BB-HH")
    started = time.perf_counter()
    result = api.check(root, [t for t in targets if t != "."] or None, today=today, online=args.online)
    seconds = time.perf_counter() - started
    formatter = {"text": report.text, "json": report.as_json, "github": report.github}[args.format]
    print(formatter(result.findings, result.files, seconds))
    errors, warnings = count(result.findings)
    failed = errors > 0 or (args.strict and warnings > 0)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
