"""Answer-key statistics per module: can a learner who reads nothing pass the module quiz?

For every module it prints where the right answers stand, how often the right answer is the strictly
longest option, and the score of content-blind strategies on the module quiz (always the longest, always
the shortest, always position k; for multi-answer items, all but the last option). A strategy "passes"
when it reaches the pass mark. Run: .venv/bin/python scripts/quiz_stats.py [--json] [--lessons]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kompetensi.api import load  # noqa: E402
from kompetensi.quizstats import PASS_MARK, module_stats  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Statistik kunci jawaban kuis per modul.")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")
    parser.add_argument("--lessons", action="store_true", help="sertakan soal 'Cek pemahaman' di pelajaran")
    parser.add_argument("--root", type=Path, default=ROOT, help="akar buku panduan")
    args = parser.parse_args(argv)
    book, _ = load(args.root)
    rows = [
        module_stats(module, include_lessons=args.lessons)
        for module in sorted(book.modules.values(), key=lambda m: m.id)
    ]
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    header = f"{'modul':38} {'soal':>4} {'posisi benar (1/2/3/4)':>24} {'terpanjang':>10} {'strategi buta terbaik':>30}"
    print(header)
    print("-" * len(header))
    totals = {"single": 0, "positions": [0, 0, 0, 0, 0], "longest": 0, "passing": 0}
    for row in rows:
        spread = "/".join(f"{p:.0%}" for p in row["position_share"][:4])
        best = max(row["strategies"].items(), key=lambda kv: kv[1])
        verdict = "LULUS" if best[1] >= PASS_MARK else "gagal"
        print(
            f"{row['module']:38} {row['items']:>4} {spread:>24} {row['longest_share']:>10.0%} "
            f"{best[0] + ' ' + format(best[1], '.0f') + '% ' + verdict:>30}"
        )
        totals["single"] += row["single"]
        for index, count in enumerate(row["position_counts"][:5]):
            totals["positions"][index] += count
        totals["longest"] += row["longest_count"]
        totals["passing"] += sum(1 for score in row["strategies"].values() if score >= PASS_MARK) > 0
    single = max(totals["single"], 1)
    print("-" * len(header))
    print(
        f"Semua soal pilihan tunggal: {totals['single']}; posisi benar "
        + ", ".join(f"{i + 1}: {c / single:.0%}" for i, c in enumerate(totals["positions"]) if c)
        + f"; jawaban benar terpanjang: {totals['longest'] / single:.0%}"
    )
    print(f"Modul yang kuisnya dapat diluluskan tanpa membaca: {totals['passing']} dari {len(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
