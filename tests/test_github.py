"""The GitHub side of the contributor workflow: workflows, issue forms, pull request template, pre-commit.

actionlint (with shellcheck) and zizmor run as subprocesses from the test environment (the `test` extra
in pyproject.toml), offline. The project's own policy (read-only top-level token, no dangerous triggers,
actions pinned to a commit with a version comment, no expressions inside scripts) is checked by
`workflow_problems`, which is itself tested on a workflow that breaks every rule.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kompetensi.model import AUDIENCES

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.y*ml"))
FORMS = {
    "laporkan-kesalahan-materi.yml": {"halaman", "kesalahan", "sumber", "kantor"},
    "usulkan-modul-baru.yml": {"judul", "sasaran", "jp", "tujuan", "institusi", "penyusun", "sumber"},
}
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+\.\d+\.\d+\s*$")
DANGEROUS_TRIGGERS = {"pull_request_target", "workflow_run"}
# Keys GitHub accepts at the top of an issue form, and the element types of its body.
FORM_KEYS = {"name", "description", "body", "title", "labels", "assignees", "projects", "type"}
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}

BAD_WORKFLOW = """\
name: bad
on:
  pull_request_target:
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-python@0123456789abcdef0123456789abcdef01234567
      - run: echo "${{ github.event.pull_request.title }}" $UNQUOTED
"""


def tool(name: str) -> Path:
    path = BIN / name
    assert path.exists(), f"{name} tidak terpasang di {BIN}; jalankan: .venv/bin/pip install -e '.[test]'"
    return path


def run(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    shellcheck = f"-shellcheck={tool('shellcheck')}"
    return run(tool("actionlint"), "-no-color", "-oneline", shellcheck, "-pyflakes=", *files, cwd=cwd)


def zizmor(target: Path) -> subprocess.CompletedProcess[str]:
    return run(tool("zizmor"), "--offline", "--no-progress", "--format", "plain", target)


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    value = workflow.get("on", workflow.get(True))
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return dict.fromkeys(value)
    return value or {}


def steps(workflow: dict):
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_id, step


def workflow_problems(text: str) -> list[str]:
    """Every way a workflow breaks the project's policy; an empty list when it follows it."""
    workflow = yaml.safe_load(text)
    problems = []
    permissions = workflow.get("permissions")
    if permissions is None:
        problems.append("no top-level permissions")
    elif not isinstance(permissions, dict) or any(v not in ("read", "none") for v in permissions.values()):
        problems.append(f"top-level permissions must be read-only, got {permissions!r}")
    for trigger in DANGEROUS_TRIGGERS & set(triggers(workflow)):
        problems.append(f"dangerous trigger {trigger}")
    for job_id, job in (workflow.get("jobs") or {}).items():
        if "uses" in job and not PINNED.match(job["uses"]):
            problems.append(f"{job_id}: reusable workflow not pinned to a commit: {job['uses']}")
    for job_id, step in steps(workflow):
        uses = step.get("uses")
        if uses is not None and not PINNED.match(uses):
            problems.append(f"{job_id}: action not pinned to a 40-hex commit: {uses}")
        checkout = uses is not None and uses.startswith("actions/checkout@")
        if checkout and (step.get("with") or {}).get("persist-credentials") is not False:
            problems.append(f"{job_id}: checkout without persist-credentials: false")
        if "${{" in str(step.get("run", "")):
            problems.append(f"{job_id}: expression inside a run script (pass it through env)")
    for number, line in enumerate(text.splitlines(), 1):
        match = USES_LINE.match(line)
        if match and not VERSION_COMMENT.match(match["rest"]):
            problems.append(f"line {number}: uses without a version comment such as '# v1.2.3'")
    return problems


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_scripts(workflow: dict) -> str:
    return "\n".join(str(step.get("run", "")) for _, step in steps(workflow))


# --- workflows -----------------------------------------------------------------------------------


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "pages.yml", "telaah.yml", "pemilik.yml"}


def test_actionlint_passes_on_all_workflows():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_has_no_findings_offline():
    result = zizmor(WORKFLOW_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_the_policy(path):
    assert workflow_problems(path.read_text(encoding="utf-8")) == []


def test_policy_check_catches_every_rule():
    problems = "\n".join(workflow_problems(BAD_WORKFLOW))
    for expected in (
        "no top-level permissions",
        "dangerous trigger pull_request_target",
        "action not pinned to a 40-hex commit: actions/checkout@v4",
        "checkout without persist-credentials",
        "expression inside a run script",
        "line 8: uses without a version comment",
        "line 11: uses without a version comment",
    ):
        assert expected in problems
    assert "not pinned to a 40-hex commit: actions/setup-python" not in problems


def test_policy_check_rejects_write_permissions_at_the_top():
    text = "on: push\npermissions: write-all\njobs: {}\n"
    assert workflow_problems(text) == ["top-level permissions must be read-only, got 'write-all'"]
    text = "on: push\npermissions:\n  contents: write\njobs: {}\n"
    assert workflow_problems(text) == ["top-level permissions must be read-only, got {'contents': 'write'}"]


def test_linters_catch_a_dangerous_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    lint = actionlint(bad, cwd=tmp_path)
    assert lint.returncode != 0
    assert "potentially untrusted" in lint.stdout and "SC2086" in lint.stdout, lint.stdout
    audit = zizmor(tmp_path)
    assert audit.returncode != 0
    output = audit.stdout + audit.stderr
    assert "template-injection" in output and "dangerous-triggers" in output, output


def test_pr_workflow_is_safe_for_forks_and_runs_every_check():
    pr = load(WORKFLOW_DIR / "pr.yml")
    text = (WORKFLOW_DIR / "pr.yml").read_text(encoding="utf-8")
    assert set(triggers(pr)) == {"pull_request"}
    assert pr["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pr["jobs"].values())
    assert "secrets." not in text
    assert "github.event.pull_request.number" in pr["concurrency"]["group"]
    scripts = run_scripts(pr)
    assert "kompetensi check --format github" in scripts
    assert "make build" in scripts and "GITHUB_STEP_SUMMARY" in scripts and "HEAD^1" in scripts
    assert "bash .ci/run" in scripts
    tests = next(job for job in pr["jobs"].values() if "bash .ci/run" in run_scripts({"jobs": {"j": job}}))
    assert any((step.get("env") or {}).get("CI") == "true" for step in tests["steps"])
    uploads = [step for _, step in steps(pr) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"]["path"] for step in uploads] == ["site/"]


def test_every_workflow_sets_up_python_3_11():
    for path in WORKFLOWS:
        for _, step in steps(load(path)):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["python-version"] == "3.11", path.name


def test_pages_workflow_grants_pages_rights_to_the_deploy_job_only():
    pages = load(WORKFLOW_DIR / "pages.yml")
    on = triggers(pages)
    assert set(on) == {"push", "workflow_dispatch"} and on["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read"}
    jobs = pages["jobs"]
    assert "permissions" not in jobs["build"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert "make build" in run_scripts({"jobs": {"build": jobs["build"]}})
    used = [step.get("uses", "").split("@")[0] for _, step in steps(pages)]
    assert "actions/upload-pages-artifact" in used and "actions/deploy-pages" in used


def test_review_workflow_opens_issues_with_the_least_rights():
    telaah = load(WORKFLOW_DIR / "telaah.yml")
    on = triggers(telaah)
    assert set(on) == {"schedule", "workflow_dispatch"} and on["schedule"][0]["cron"]
    assert telaah["permissions"] == {"contents": "read"}
    (job,) = telaah["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    scripts = run_scripts(telaah)
    assert "kompetensi report --format json" in scripts
    assert 'title="Telaah ulang modul $id"' in scripts
    assert "--label telaah" in scripts and "gh issue comment" in scripts and "--assignee" not in scripts
    gh_env = [step["env"] for _, step in steps(telaah) if "gh issue" in str(step.get("run", ""))]
    assert gh_env and gh_env[0]["GH_TOKEN"] == "${{ github.token }}"


# --- issue forms, pull request template, pre-commit ----------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMS))
def test_issue_form_has_the_keys_github_requires(name):
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    assert {"name", "description", "body"} <= set(form) <= FORM_KEYS
    assert form["name"].strip() and form["description"].strip()
    body = form["body"]
    assert isinstance(body, list) and body
    ids = []
    for element in body:
        assert element["type"] in FORM_TYPES
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
        ids.append(element["id"])
        assert attributes["label"].strip()
        if element["type"] in ("dropdown", "checkboxes"):
            assert attributes["options"]
    assert len(ids) == len(set(ids)), "field ids must be unique"
    assert FORMS[name] <= set(ids)


def test_module_proposal_offers_the_audiences_the_checker_accepts():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "usulkan-modul-baru.yml")
    (audience,) = [e for e in form["body"] if e.get("id") == "sasaran"]
    assert audience["attributes"]["options"] == list(AUDIENCES.values())


def test_blank_issues_are_disabled():
    assert load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is False


def test_pull_request_template_has_the_reviewers_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 9
    for needle in ("references", "expert_checks", "EYD", "kompetensi check", "make build", "CC BY-SA 4.0", "(AI)"):
        assert needle in text, needle


def test_pre_commit_runs_the_checker_and_ruff_without_network():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {}
    for repo in config["repos"]:
        assert repo["repo"] == "local", "hooks run tools from .venv; no hook repository is fetched"
        hooks.update({hook["id"]: hook for hook in repo["hooks"]})
    assert {"kompetensi-check", "ruff-check", "ruff-format"} <= set(hooks)
    assert all(hook["language"] == "system" and hook["entry"].startswith(".venv/bin/") for hook in hooks.values())
    check = hooks["kompetensi-check"]
    assert check["entry"] == ".venv/bin/kompetensi check" and check["pass_filenames"] is False
    files = re.compile(check["files"])
    sources = [p.relative_to(ROOT).as_posix() for p in (*ROOT.glob("modules/**/*"), *ROOT.glob("docs/**/*.md"))]
    assert sources and all(files.search(path) for path in sources if Path(ROOT / path).is_file())
    assert not files.search("src/kompetensi/cli.py")
    assert hooks["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks["ruff-format"]["entry"].startswith(".venv/bin/ruff format")
