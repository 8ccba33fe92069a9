"""Nasty files (issue 3, "Robustness"): each is dropped into a copy of the mini handbook and checked outside
the test process with a time limit per file. The checker must finish, report the expected rule for that file,
and never raise. Small files live in tests/corpus/; big ones are generated here.

All the copies are checked by one fresh interpreter, one after another (starting Python and importing the
engine fifty times cost more than the checks); a copy that hangs or kills it is reported on its own case
and the others go on in a new one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kompetensi.textio import read_text, split_front_matter

from .conftest import build, copy_mini
from .nasty import FM, TRAPS, assert_valid, check_many_in_subprocess, render

CORPUS = Path(__file__).resolve().parent / "corpus"
Make = Callable[[Path], None]  # writes the nasty thing at the given path
# One pytest-xdist worker runs this file: the checked copies are made once, for all its cases.
pytestmark = pytest.mark.xdist_group("korpus")


@dataclass(frozen=True)
class Case:
    id: str
    dest: str  # inside the module folder, or from the handbook root when ``at_root``
    make: Make
    rule: str
    line: int | None = None
    at_root: bool = False
    renders: bool = False  # the checker lets the page through to Markdown: the site must render it

    def place(self, root: Path, module: str = "contoh-dasar") -> str:
        """Put the file into the handbook; return the path findings about it carry."""
        rel = self.dest if self.at_root else f"modules/{module}/{self.dest}"
        self.make(root / rel)
        return rel


@dataclass(frozen=True)
class corpus:  # noqa: N801 - reads as a function in the table below
    """Copy a committed corpus file, byte for byte."""

    name: str

    def __call__(self, target: Path) -> None:
        shutil.copyfile(CORPUS / self.name, target)


def write(data: str | bytes) -> Make:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return lambda target: target.write_bytes(raw)


def huge(target: Path) -> None:
    with target.open("wb") as out:
        out.write(FM.encode())
        chunk = b"kata " * 200_000  # 1 MB
        for _ in range(50):
            out.write(chunk)


def quiz_answers(target: Path) -> None:
    answers = "".join(f"- [ ] Jawaban {i}\n" for i in range(10_000))
    target.write_text(
        f"---\ntitle: Kuis Modul\n---\n\n<!-- objective: 1 -->\n<quiz>\nPertanyaan?\n\n{answers}"
        "- [x] Benar\n\nPenjelasan.\n</quiz>\n",
        encoding="utf-8",
    )


def broken_anchors(target: Path) -> None:
    headings = "".join(f"## Judul {i}\n\n" for i in range(3_000))
    links = "".join(f"[bagian {i}](#judul-{i}-x)\n\n" for i in range(3_000))
    target.write_text(FM + headings + links, encoding="utf-8")


def manifest_edit(old: str, new: str) -> Make:
    def make(target: Path) -> None:
        text = target.read_text(encoding="utf-8")
        assert old in text
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return make


def symlink(to: Callable[[Path], Path]) -> Make:
    def make(target: Path) -> None:
        try:
            target.symlink_to(to(target))
        except (OSError, NotImplementedError) as exc:
            pytest.skip(f"tautan simbolik tidak tersedia: {exc}")

    return make


def outside_file(target: Path) -> Path:
    secret = target.parents[3] / f"rahasia-{target.parent.name}.md"  # next to the handbook, not in it
    secret.write_text(FM + "Isi di luar buku panduan.\n", encoding="utf-8")
    return secret


def outside_folder(target: Path) -> Path:
    folder = target.parents[2] / "modul-luar"
    folder.mkdir(exist_ok=True)
    (folder / "module.yml").write_text("id: modul-luar\n", encoding="utf-8")
    return folder


def dev_zero(target: Path) -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("tidak ada /dev/zero")
    return Path("/dev/zero")


def fifo(target: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("os.mkfifo tidak tersedia")
    os.mkfifo(target)


def undecodable_name(target: Path) -> None:
    try:
        with open(os.fsencode(target.parent) + b"/03-\xff.md", "wb") as out:
            out.write(FM.encode() + b"Isi.\n")
    except (OSError, ValueError) as exc:  # macOS and Windows only allow Unicode names
        pytest.skip(f"nama berkas non-UTF-8 tidak didukung: {exc}")


M, L, Q = "module.yml", "03-uji.md", "kuis.md"
CASES = [
    # YAML
    Case("billion-laughs", M, corpus("billion-laughs.yml"), "yaml-alias", line=2),
    Case("yaml-tabs", M, corpus("yaml-tabs.yml"), "yaml-syntax", line=3),
    Case("yaml-deep-flow", M, corpus("yaml-deep-flow.yml"), "yaml-syntax"),
    Case("yaml-nul", M, corpus("yaml-nul.yml"), "encoding", line=2),
    Case("yaml-control-char", M, corpus("yaml-control-char.yml"), "yaml-syntax", line=2),
    Case("yaml-empty", M, corpus("yaml-empty.yml"), "yaml-not-mapping"),
    Case("jp-too-big", M, manifest_edit("jp: 2", "jp: 1" + "0" * 400), "manifest-type", line=5),
    Case("jp-nan", M, manifest_edit("jp: 2", "jp: .nan"), "manifest-type", line=5),
    Case(
        "unknown-prerequisites",
        M,
        manifest_edit("prerequisites: []", "prerequisites: [" + ", ".join(f"modul-{i}" for i in range(5_000)) + "]"),
        "prerequisite-unknown",
    ),
    Case("path-audience", "modules/jalur.yml", corpus("jalur-audience.yml"), "data-invalid", at_root=True),
    # Not text
    Case("png-bytes", L, corpus("png-bytes.md"), "encoding"),
    Case("invalid-utf8", L, corpus("invalid-utf8.md"), "encoding", line=6),
    Case("utf16-bom", L, corpus("utf16-bom.md"), "encoding", line=1),
    Case("huge-50mb", L, huge, "file-too-large"),
    Case("fifo", L, fifo, "encoding"),
    Case("undecodable-name", "03-\\xff.md", undecodable_name, "lesson-filename"),
    # Parser traps
    Case("list-300-indented", L, write(FM + "".join("    " * i + "- isi\n" for i in range(300))), "nesting-too-deep"),
    Case("list-300-one-line", L, corpus("list-300-one-line.md"), "nesting-too-deep", line=6),
    Case("list-after-unclosed-fence", L, corpus("fence-unclosed-list.md"), "nesting-too-deep", line=8),
    Case("brackets-one-line", L, corpus("brackets-one-line.md"), "bracket-run", line=6),
    Case("brackets-paragraph", L, corpus("brackets-paragraph.md"), "bracket-run", line=6),
    Case("brackets-nbsp-lines", L, corpus("brackets-nbsp-lines.md"), "bracket-run", line=6),
    Case(
        "brackets-long-paragraph",  # 400 '[' (under 500 a paragraph), but each reads on through 100 KB
        L,
        write(FM + " ".join("kata [" if i % 50 == 0 else "kata" for i in range(20_000))),
        "bracket-run",
        line=6,
    ),
    Case("line-200k", L, write(FM + "a" * 200_000 + "\n"), "line-too-long", line=6),
    Case("backticks-unmatched", L, corpus("backticks-unmatched.md"), "link-missing-file", line=10, renders=True),
    Case("cdata", L, corpus("cdata.md"), "html-removed", line=14, renders=True),
    # Front matter
    Case("frontmatter-list", L, corpus("frontmatter-list.md"), "yaml-not-mapping", renders=True),
    Case("frontmatter-alias", L, corpus("frontmatter-alias.md"), "yaml-alias", line=4),
    Case("frontmatter-surrogate", L, corpus("frontmatter-surrogate.md"), "yaml-syntax", line=2),
    Case("frontmatter-unclosed", L, corpus("frontmatter-unclosed.md"), "frontmatter-unclosed", renders=True),
    Case("only-dashes", L, corpus("only-dashes.md"), "frontmatter-unclosed", renders=True),
    Case("empty", L, corpus("empty.md"), "frontmatter-missing", renders=True),
    # Quizzes
    Case("quiz-10000-answers", Q, quiz_answers, "bracket-run"),
    Case("quiz-nested", Q, corpus("quiz-nested.md"), "quiz-unclosed", line=6, renders=True),
    # Line endings: lines are still counted right
    Case("crlf", L, corpus("crlf.md"), "link-missing-file", line=10, renders=True),
    Case("lone-cr", L, corpus("lone-cr.md"), "link-missing-file", line=10, renders=True),
    # The file system
    Case("symlink-outside", "03-luar.md", symlink(outside_file), "symlink-outside"),
    Case("symlink-dev-zero", "03-nol.md", symlink(dev_zero), "symlink-outside"),
    Case("module-symlink-outside", "modules/luar", symlink(outside_folder), "symlink-outside", at_root=True),
    Case("lesson-directory", "01-x.md", lambda target: target.mkdir(), "module-unexpected-file"),
    # Scale: thousands of broken links into thousands of headings (was minutes of did-you-mean)
    Case("broken-anchors", L, broken_anchors, "link-missing-anchor"),
    # HTML the masks of code and comments once hid from the safety checks
    Case("comment-across-paragraphs", L, corpus("comment-across-paragraphs.md"), "html-removed", line=8),
    Case("code-span-overlap", L, corpus("code-span-overlap.md"), "html-removed", line=6),
    Case("code-span-escaped", L, corpus("code-span-escaped.md"), "html-removed", line=6),
    Case("code-span-raw-html", L, corpus("code-span-raw-html.md"), "html-removed", line=7),
    Case("fence-unrecognised", L, corpus("fence-unrecognised.md"), "html-removed", line=7),
    Case("comment-bang", L, corpus("comment-bang.md"), "html-removed", line=6),
    Case("comment-code-span", L, corpus("comment-code-span.md"), "html-removed", line=6),
    # 40,000 comments that never close (a comment regex retried at each one is quadratic): what follows counts
    Case(
        "comments-unclosed",
        L,
        write(FM + ("<!-- " * 40 + "\n") * 1_000 + "\n<iframe></iframe>\n"),
        "html-removed",
        line=1_007,
    ),
]


def test_corpus_files_are_byte_exact() -> None:
    """Git must not normalise these (tests/corpus/.gitattributes): the odd bytes are the point."""
    assert b"\r\n" in (CORPUS / "crlf.md").read_bytes()
    lone = (CORPUS / "lone-cr.md").read_bytes()
    assert b"\r" in lone and b"\n" not in lone
    assert (CORPUS / "only-dashes.md").read_bytes() == b"---"
    assert (CORPUS / "utf16-bom.md").read_bytes().startswith(b"\xff\xfe")
    assert (CORPUS / "png-bytes.md").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    files = {p.name for p in CORPUS.iterdir()} - {"README.md", ".gitattributes"}
    assert files == {c.make.name for c in CASES if isinstance(c.make, corpus)}, "one case per corpus file"


# Session scope: under pytest-xdist a worker may run another file's tests between two of this file's,
# which would tear a module fixture down and make it again.
@pytest.fixture(scope="session")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, list | str]]:
    """Every case placed in its own copy of the mini handbook and checked: case id -> (root, path, outcome).

    A case that cannot be placed on this system (no symbolic links, no FIFOs) holds the skip reason.
    """
    placed: dict[str, tuple[Path, str]] = {}
    skipped: dict[str, str] = {}
    for case in CASES:
        root = copy_mini(tmp_path_factory.mktemp(f"korpus-{case.id}") / "buku")
        try:
            placed[case.id] = (root, case.place(root))
        except pytest.skip.Exception as reason:
            skipped[case.id] = str(reason)
    outcomes = check_many_in_subprocess([root for root, _ in placed.values()])
    result: dict[str, tuple[Path, str, list | str]] = {
        case_id: (root, rel, outcomes[root]) for case_id, (root, rel) in placed.items()
    }
    result.update({case_id: (Path(), "", f"skip: {reason}") for case_id, reason in skipped.items()})
    return result


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_nasty_file_ends_in_a_finding(case: Case, checked: dict[str, tuple[Path, str, list | str]]) -> None:
    root, rel, findings = checked[case.id]
    if isinstance(findings, str) and findings.startswith("skip: "):
        pytest.skip(findings.removeprefix("skip: "))
    assert not isinstance(findings, str), findings  # a timeout, a traceback or output on stderr
    assert_valid(findings)
    here = [f for f in findings if f.path == rel]
    assert case.rule in {f.rule for f in here}, [f"{f.location()} [{f.rule}] {f.message}" for f in findings]
    if case.line is not None:
        assert case.line in {f.line for f in here if f.rule == case.rule}, [(f.rule, f.line) for f in here]
    if case.renders:
        assert not TRAPS & {f.rule for f in here}
        text, problems = read_text(root / rel, rel)
        assert text is not None, problems
        render(split_front_matter(text).body)  # what the site would do: it must not raise


def test_cli_reports_the_whole_corpus_without_traceback(tmp_path: Path) -> None:
    """`kompetensi check` over a handbook holding every nasty file at once: findings, exit 1, no traceback."""
    root = copy_mini(tmp_path / "buku")
    expected: list[tuple[str, str]] = []
    for index, case in enumerate(CASES):
        module = "contoh-dasar"
        if not case.at_root:
            module = f"korpus-{index:02d}"
            shutil.copytree(root / "modules" / "contoh-dasar", root / "modules" / module)
            manifest = root / "modules" / module / "module.yml"
            manifest.write_text(manifest.read_text().replace("id: contoh-dasar", f"id: {module}"))
        try:
            expected.append((case.place(root, module), case.rule))
        except pytest.skip.Exception:
            continue
    for form in ("text", "json", "github"):
        done = subprocess.run(
            [sys.executable, "-m", "kompetensi.cli", "check", "--format", form],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # strict: an unprintable name must not crash
        )
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        assert done.returncode == 1, done.stderr[-3000:]
        if form == "json":
            reported = {(f["path"], f["rule"]) for f in json.loads(done.stdout)["findings"]}
        elif form == "text":
            lines = done.stdout.splitlines()
            reported = {
                (path, rule)
                for path, rule in expected
                if any(line.startswith(path + ":") and f"[{rule}]" in line for line in lines)
            }
        else:
            lines = done.stdout.splitlines()
            reported = {
                (path, rule)
                for path, rule in expected
                if any(f"file={path}," in line and f"title={rule}::" in line for line in lines)
            }
        missing = [item for item in expected if item not in reported]
        assert not missing, f"--format {form}: {missing}"


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ("list-300-indented", "nesting-too-deep"),  # Python-Markdown: RecursionError at about 250 levels
        ("list-after-unclosed-fence", "nesting-too-deep"),  # the same list, once hidden from the checker
        ("frontmatter-surrogate", "yaml-syntax"),  # a title MkDocs cannot write: UnicodeEncodeError
    ],
)
def test_build_stops_on_the_finding_not_a_traceback(source: str, rule: str, tmp_path: Path) -> None:
    """The plugin runs the checker first: the build fails with the finding, before anything can crash."""
    root = copy_mini(tmp_path / "buku")
    next(case for case in CASES if case.id == source).place(root)
    result = build(root)
    assert result.returncode != 0
    assert f"[{rule}]" in result.stderr, result.stderr[-3000:]
    assert "RecursionError" not in result.stderr and "Traceback" not in result.stderr, result.stderr[-3000:]
