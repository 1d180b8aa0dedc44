"""Hostile claim files: each gets a located finding (exit 1), never an internal error or a blow-up."""

from __future__ import annotations

import time

import pytest

from factcheck.claims.yamlload import load_yaml

SOURCE = "浙江实现189项公安民生事项网上可办。".encode()
FILE = """\
source: seeds/a.txt
sha256: SHA
published: 2024-05-28
claims:
  - id: items
    kind: quantity
    span: [4, 8]
    quote: "189项"
    value: 189
    unit: 项
"""


def verify_with(mini, run, old: str, new: str):  # type: ignore[no-untyped-def]
    assert old in FILE
    mini(SOURCE, FILE.replace(old, new, 1))
    return run("verify", "--format", "text")


def first_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.code == 1, (result.out, result.err)
    assert result.err == ""
    return str(result.out.splitlines()[0])


def test_alias_bomb_is_refused_quickly(mini, run) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\n"
    started = time.perf_counter()
    loaded, problems = load_yaml(text, "claims/a.yaml")
    assert time.perf_counter() - started < 2  # a guard against expansion, not a speed target
    assert loaded is None and len(problems) == 10
    mini(SOURCE, text)
    result = run("verify", "--format", "text")
    assert first_line(result) == (
        "claims/a.yaml:2:10: [error] YAML aliases (*name) are not allowed in a claim file: "
        "write the value out (yaml-syntax)"
    )


def test_recursive_alias_is_a_finding(mini, run) -> None:
    result = verify_with(mini, run, "published: 2024-05-28\n", "published: 2024-05-28\nx: &r [*r]\n")
    assert first_line(result).startswith("claims/a.yaml:4:8: [error] YAML aliases (*name) are not allowed")


def test_deep_nesting_is_a_finding(mini, run) -> None:
    result = verify_with(mini, run, "    unit: 项\n", "    unit: 项\n    note: " + "[" * 491 + "]" * 491 + "\n")
    assert "claims/a.yaml:11:41: [error] nesting deeper than 32 levels; a claim file needs a few (yaml-syntax)" in result.out


def test_five_thousand_digit_number_is_a_finding(mini, run) -> None:
    result = verify_with(mini, run, "    unit: 项\n", "    unit: 项\n    note: " + "1" * 5000 + "\n")
    assert first_line(result) == "claims/a.yaml:11:11: [error] a number of 5000 characters; at most 100 are read (yaml-syntax)"


def test_control_character_is_reported_at_its_line_and_column(mini, run) -> None:
    result = verify_with(mini, run, "    unit: 项\n", "    unit: 项\n    note: a\x01b\n")
    assert first_line(result) == (
        "claims/a.yaml:11:12: [error] control character U+0001 is not allowed in a claim file "
        "(write it as an escape in a double-quoted string) (yaml-syntax)"
    )


def test_unknown_qualifier_is_a_located_finding(mini, run) -> None:
    result = verify_with(mini, run, "    unit: 项\n", "    unit: 项\n    qualifier: 很多\n")
    line = first_line(result)
    assert line.startswith("claims/a.yaml:11:16: [error] claim 'items': field 'qualifier': unknown qualifier (known: 余 多")
    assert line.endswith("(got '很多') (schema)")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"nan"', "input should be a valid number (got 'nan')"),
        (".nan", "input should be a valid number (got '.nan')"),
        ('"inf"', "input should be a valid number (got 'inf')"),
        ("1e400", "'1e400' is text, not a number (YAML reads 1e5 and 1.0e5 as text: write 1.0e+5)"),
        ("1.0e+400", "input should be a finite number (got inf)"),
        ('"189"', "input should be a valid number (got '189')"),
    ],
)
def test_value_must_be_a_finite_number(mini, run, written: str, message: str) -> None:
    result = verify_with(mini, run, "value: 189", f"value: {written}")
    assert first_line(result) == f"claims/a.yaml:9:12: [error] claim 'items': field 'value': {message} (schema)"


@pytest.mark.parametrize("span", ['["4", "8"]', "[true, 8]", "[4.0, 8]"])
def test_span_must_be_integers(mini, run, span: str) -> None:
    result = verify_with(mini, run, "span: [4, 8]", f"span: {span}")
    assert first_line(result).startswith("claims/a.yaml:7:12: [error] claim 'items': field 'span': input should be a valid integer")


def test_published_must_be_a_date_not_a_number(mini, run) -> None:
    result = verify_with(mini, run, "published: 2024-05-28", "published: 5")
    assert first_line(result) == (
        "claims/a.yaml:3:12: [error] field 'published': must be a date YYYY-MM-DD or a date-time "
        "YYYY-MM-DDTHH:MM:SS+HH:MM (got 5) (schema)"
    )


def test_precision_too_small_to_move_the_value_is_refused(mini, run) -> None:
    result = verify_with(mini, run, "    unit: 项\n", "    unit: 项\n    precision: 5.0e-324\n")
    assert first_line(result) == "claims/a.yaml:5:5: [error] claim 'items': precision 4.94066e-324 is too small for the value 189 (schema)"


def test_per_must_be_a_sensible_base(mini, run) -> None:
    result = verify_with(mini, run, "    unit: 项\n", "    unit: 项\n    per: 5.0e-324\n")
    assert first_line(result) == (
        "claims/a.yaml:11:10: [error] claim 'items': field 'per': input should be greater than or equal to 0.000001 "
        "(got 5e-324) (schema)"
    )


def test_long_bad_value_is_not_echoed_whole(mini, run) -> None:
    result = verify_with(mini, run, "value: 189", 'value: "' + "x" * 5000 + '"')
    line = first_line(result)
    assert line.endswith("(got '" + "x" * 39 + "…') (schema)")
    assert len(line) < 200


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    unit: 项\n", "    unit: 项\n    " + "k" * 500 + ": 1\n", "claim 'items': unknown field '" + "k" * 39 + "…' (schema)"),
        ("    unit: 项\n", "    unit: 项\n    " + "k" * 500 + ": 1\n    " + "k" * 500 + ": 2\n", "duplicate key '" + "k" * 39 + "…' (first at line 11) (duplicate-key)"),
        ("kind: quantity", "kind: " + "q" * 5000, "claim 'items': unknown kind '" + "q" * 39 + "…' (expected 'quantity', 'date', 'quote', 'statement', 'reference') (schema)"),
        ("source: seeds/a.txt", "source: /" + "s" * 5000, "source path '/" + "s" * 38 + "…' has a name longer than 255 bytes (source-path)"),
        ("source: seeds/a.txt", "source: /" + "s/" * 2000, "source path '/" + "s/" * 39 + "…' is absolute; it must be relative to the project root (source-path)"),
    ],
)
def test_long_keys_and_paths_are_cut_in_messages(mini, run, old: str, new: str, expected: str) -> None:
    result = verify_with(mini, run, old, new)
    assert result.code == 1
    assert any(line.endswith(expected) for line in result.out.splitlines()), result.out[:2000]
