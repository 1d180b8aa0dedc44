"""Whatever a claim file holds, verify answers with findings, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.config import load_config
from factcheck.lint.engine import verify
from tests.conftest import CLAIMS, ROOT

ORIGINAL = (ROOT / CLAIMS).read_text(encoding="utf-8")

edits = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=len(ORIGINAL)),
        st.integers(min_value=0, max_value=40),
        st.text(alphabet=st.sampled_from(list(" \n:-[]{}\"'#&*!|>%@`,0123456789abc万余项")), max_size=6),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits)
def test_mutated_claim_file_gives_findings_not_crashes(project: Path, edits: list[tuple[int, int, str]]) -> None:
    text = ORIGINAL
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut :]
    (project / CLAIMS).write_text(text, encoding="utf-8")
    report = verify(load_config(project))
    for problem in report.problems:
        assert problem.line >= 1 and problem.col >= 1
        assert problem.path == CLAIMS
        assert problem.rule


def test_python_tags_are_refused_not_run(project: Path, run) -> None:
    (project / CLAIMS).write_text(
        "source: !!python/object/apply:os.system ['echo pwned > pwned.txt']\nsha256: x\n", encoding="utf-8"
    )
    result = run("verify")
    assert result.code == 1
    assert not (project / "pwned.txt").exists()
    assert f"{CLAIMS}:1:9: [error] unsupported YAML tag '!!python/object/apply:os.system' (yaml-syntax)" in result.out.splitlines()
