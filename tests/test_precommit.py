"""The pre-commit hooks, end to end: a newsroom repository, the real `pre-commit`, real commits.

The hook repository is a temporary git copy of this project's current files (committed
there, so uncommitted work under test is what gets installed). pre-commit builds its
own virtualenv and pip-installs factcheck into it, which takes a while: the test is
marked slow but runs by default, since it is the proof that the hooks work.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = "浙江省公安厅5月28日举行新闻发布会。\n厅长说：“五年来，我们办成了一批实事。”\n"
HEADER = """\
source: seeds/article.txt
sha256: {sha}
claims:
  - id: press_conference
    kind: statement
    span: [0, 18]
    quote: 浙江省公安厅5月28日举行新闻发布会
"""
SPEECH = """\
  - id: chief_quote
    kind: quote
    speaker: 厅长
    span: [{start}, {end}]
    quote: 厅长说：“五年来，我们办成了一批实事。”
"""
# Where findings about the speech claim's span point: the line of its `span:` value.
SPEECH_SPAN_POS = f"claims/article.yaml:{(HEADER + SPEECH).splitlines().index('    span: [{start}, {end}]') + 1}:11"


def git_env(tmp_path: Path) -> dict[str, str]:
    """An environment free of the caller's git state and config, so only this test's repos count."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("GITHUB_ACTIONS", None)  # factcheck would print github annotations instead of text lines
    empty = tmp_path / "gitconfig"
    empty.write_text("", encoding="utf-8")
    env.update(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Desk",
        GIT_AUTHOR_EMAIL="desk@example.org",
        GIT_COMMITTER_NAME="Desk",
        GIT_COMMITTER_EMAIL="desk@example.org",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def sh(cwd: Path, env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def project_files() -> list[Path]:
    """This project's files as git sees them: tracked plus untracked-but-not-ignored."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()
    return [Path(name) for name in listing.split("\0") if name and (ROOT / name).is_file()]


def hook_repository(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository holding exactly the current project files, committed; its path and commit."""
    repo = tmp_path / "factcheck-hooks"
    for name in project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    ok(sh(repo, env, "git", "init", "-q"))
    ok(sh(repo, env, "git", "add", "-A"))
    ok(sh(repo, env, "git", "commit", "-q", "--no-verify", "-m", "factcheck under test"))
    return repo, ok(sh(repo, env, "git", "rev-parse", "HEAD")).strip()


def claim_file(speech_span: tuple[int, int] | None) -> str:
    sha = hashlib.sha256(ARTICLE.encode()).hexdigest()
    text = HEADER.format(sha=sha)
    if speech_span is not None:
        text += SPEECH.format(start=speech_span[0], end=speech_span[1])
    return text


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    ok(sh(repo, env, "git", "add", "-A"))
    # The first commit builds pre-commit's environment for the hooks: pip-installs factcheck.
    return sh(repo, env, "git", "commit", "-m", message, timeout=900)


def head(repo: Path, env: dict[str, str]) -> str:
    return ok(sh(repo, env, "git", "rev-parse", "HEAD")).strip()


@pytest.mark.slow
def test_hooks_refuse_broken_claims_and_broken_spans(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout, so its files cannot be listed")
    env = git_env(tmp_path)
    hooks, rev = hook_repository(tmp_path, env)

    newsroom = tmp_path / "newsroom"
    (newsroom / "seeds").mkdir(parents=True)
    (newsroom / "claims").mkdir()
    (newsroom / "seeds" / "article.txt").write_bytes(ARTICLE.encode())
    claims = newsroom / "claims" / "article.yaml"
    claims.write_text(claim_file(None), encoding="utf-8")
    (newsroom / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: factcheck-verify\n"
        "      - id: factcheck-validate\n",
        encoding="utf-8",
    )
    ok(sh(newsroom, env, "git", "init", "-q"))
    ok(sh(newsroom, env, sys.executable, "-m", "pre_commit", "install"))

    first = commit(newsroom, env, "Article and its first claim")
    assert first.returncode == 0, first.stdout + first.stderr
    accepted = head(newsroom, env)

    # A new claim whose span is one code point off: refused, and the finding is printed.
    claims.write_text(claim_file((21, 41)), encoding="utf-8")
    broken = commit(newsroom, env, "Quote of the chief")
    output = broken.stdout + broken.stderr
    assert broken.returncode != 0, output
    assert head(newsroom, env) == accepted
    findings = [line for line in output.splitlines() if line.startswith(f"{SPEECH_SPAN_POS}: [error] ")]
    # Both hooks ran on the claim file and both report it.
    assert len(findings) == 2, output
    assert findings[0] == (
        f"{SPEECH_SPAN_POS}: [error] span [21, 41) of 'chief_quote' reads '长说：“五年来，我们办成了一批实事。”\\n', "
        "not the quote '厅长说：“五年来，我们办成了一批实事。”'; the quote is now at [20, 40) "
        "(seeds/article.txt:2:1): moved (quote-matches-span)"
    )
    assert "factcheck verify" in output and "Failed" in output

    # The fixed claim is accepted.
    claims.write_text(claim_file((20, 40)), encoding="utf-8")
    fixed = commit(newsroom, env, "Quote of the chief, span fixed")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert head(newsroom, env) != accepted
    accepted = head(newsroom, env)

    # Editing the article inside a quoted span breaks that span: refused, though no
    # claim file changed, because the verify hook re-checks the claims on any source change.
    article = newsroom / "seeds" / "article.txt"
    article.write_bytes(ARTICLE.replace("一批实事", "许多好事").encode())
    edited = commit(newsroom, env, "Reword the chief's quote")
    output = edited.stdout + edited.stderr
    assert edited.returncode != 0, output
    assert head(newsroom, env) == accepted
    lines = output.splitlines()
    assert any(
        line.startswith(f"{SPEECH_SPAN_POS}: [error] span [20, 40) of 'chief_quote' reads '厅长说：“五年来，我们办成了许多好事。”'")
        and line.endswith("(quote-matches-span)")
        for line in lines
    ), output
    assert any(line.startswith("claims/article.yaml:2:9: [warning] seeds/article.txt changed") for line in lines), output
    # The validate hook only looks at claim files, so it was skipped for this commit.
    assert "factcheck validate" in output and "(no files to check)Skipped" in output
