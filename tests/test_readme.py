"""The README's examples on the shipped article are real output: they are rerun here."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("verify",),
        ("show", "online_items", "--format", "text"),
        ("show", "homicide_rate_within_cap", "--format", "text"),
        ("parse", "共侦破涉网违法犯罪案件3.3万余起"),
    ],
    ids=["verify", "show-claim", "show-check", "parse"],
)
def test_readme_example_is_current(project, run, args: tuple[str, ...]) -> None:
    result = run(*args)
    quoted = " ".join(f"'{a}'" if any(ord(c) > 127 for c in a) else a for a in args)
    block = f"```console\n$ factcheck {quoted}\n{result.out}```"
    assert block in README, f"README example for `factcheck {quoted}` is out of date:\n{result.out}"


def test_quick_start_is_two_lines() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == ["pip install -e '.[test]' && factcheck verify", "python -m pytest"]
