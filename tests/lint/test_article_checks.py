"""The shipped annotation: every declared check passes, and each fails on a broken copy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import CLAIMS, line_of


def set_field(path: Path, claim_id: str, key: str, value: str) -> None:
    """Replace `key:` inside one claim's block of the claim file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {claim_id}\n")
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end == -1 else end
    block = text[start:end]
    new_block, count = re.subn(rf"(?m)^(    {key}:) .*$", rf"\1 {value}", block)
    assert count == 1, (claim_id, key)
    path.write_text(text[:start] + new_block + text[end:], encoding="utf-8")


def remove_field(path: Path, claim_id: str, key: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {claim_id}\n")
    end = text.find("\n  - id: ", start + 1)
    block = text[start:end]
    new_block, count = re.subn(rf"(?m)^    {key}: .*\n", "", block)
    assert count == 1
    path.write_text(text[:start] + new_block + text[end:], encoding="utf-8")


def test_shipped_claims_pass(project: Path, run) -> None:
    result = run("verify")
    assert result.code == 0, result.out
    assert re.fullmatch(r"\d+ claims in 1 file, 8 checks: 8 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n", result.out)


def test_every_check_passes_in_json(project: Path, run) -> None:
    result = run("verify", "--format", "json")
    data = json.loads(result.out)
    assert {c["id"]: c["verdict"] for c in data["checks"]} == {
        "online_covers_one_cert": "pass",
        "windows_cover_points": "pass",
        "one_window_within_services": "pass",
        "suspects_exceed_cases": "pass",
        "homicide_rate_within_cap": "pass",
        "headline_matches_body": "pass",
        "lead_matches_body": "pass",
        "dates_agree": "pass",
    }


BROKEN = [
    ("online_covers_one_cert", "one_cert_items", "value", "200"),
    ("windows_cover_points", "service_windows", "value", "1100"),
    ("one_window_within_services", "one_window_beneficiaries", "value", "120000000"),
    ("suspects_exceed_cases", "cyber_suspects", "value", "30000"),
    ("homicide_rate_within_cap", "homicide_rate_2023", "value", "0.52"),
    ("headline_matches_body", "headline_approval", "value", "96.24"),
    ("lead_matches_body", "online_items", "value", "198"),
    ("dates_agree", "event_date", "value", '"2024-05-27"'),
]


@pytest.mark.parametrize(("check_id", "claim_id", "key", "value"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_check_fails_on_a_broken_copy(project: Path, run, check_id: str, claim_id: str, key: str, value: str) -> None:
    path = project / CLAIMS
    set_field(path, claim_id, key, value)
    if check_id == "suspects_exceed_cases":
        remove_field(path, claim_id, "qualifier")  # 14.6万余 lowered to exactly 3万
    result = run("verify")
    assert result.code == 1
    line = line_of(path, f"id: {check_id}") + 1
    expected = f"{CLAIMS}:{line}:11: [error] check '{check_id}' fail: "
    failing = [row for row in result.out.splitlines() if row.startswith(expected)]
    assert len(failing) == 1, result.out
    assert failing[0].endswith("(check)")
    # Only the broken check fails; the others still pass.
    summary = result.out.splitlines()[-1]
    assert "8 checks: 7 pass, 1 fail, 0 unknown" in summary


def test_unknown_is_a_warning_and_strict_fails(project: Path, run) -> None:
    path = project / CLAIMS
    # 3万余 = (30000, 40000) against 3.3万余 = (33000, 34000): possible, not certain.
    set_field(path, "cyber_suspects", "value", "30000")
    result = run("verify")
    line = line_of(path, "id: suspects_exceed_cases") + 1
    assert f"{CLAIMS}:{line}:11: [warning] check 'suspects_exceed_cases' unknown: " in result.out
    assert "1 unknown" in result.out.splitlines()[-1]
    strict = run("verify", "--strict")
    assert strict.code == 1


def test_value_mismatch_message(project: Path, run) -> None:
    path = project / CLAIMS
    set_field(path, "service_points", "value", "1290")
    result = run("verify")
    line = line_of(path, "value: 1290")
    assert result.code == 1
    assert (
        f"{CLAIMS}:{line}:12: [error] 'service_points': record says value 1290; "
        "text `1280余个` means (1280, 1290) 个 (value-matches-text)"
    ) in result.out.splitlines()


def test_dropped_qualifier_is_reported(project: Path, run) -> None:
    path = project / CLAIMS
    remove_field(path, "cyber_cases", "qualifier")
    result = run("verify")
    assert result.code == 1
    assert any(
        "'cyber_cases': record says qualifier none; text `3.3万余起` means (3.3万, 3.4万) 起" in row
        for row in result.out.splitlines()
    ), result.out


def test_online_items_189_to_198(project: Path, run) -> None:
    path = project / CLAIMS
    set_field(path, "online_items", "value", "198")
    result = run("verify")
    assert result.code == 1
    assert "'online_items': record says value 198; text `189项` means 189 项 (value-matches-text)" in result.out


def test_show_homicide_check_explains_the_arithmetic(project: Path, run) -> None:
    result = run("show", "homicide_rate_within_cap", "--format", "text")
    assert result.code == 0
    out = result.out
    assert "homicide_rate_2023 = [0.415, 0.425) 起/10万人" in out
    assert "zj_population_2023 = [66265000, 66275000) 人" in out
    product = next(line for line in out.splitlines() if line.strip().startswith("homicide_rate_2023 * zj_population_2023 = "))
    assert product.endswith("= [274.999, 281.669) count")
    assert out.splitlines()[-1] == "  verdict: pass"


def test_verify_prints_one_line_per_failing_check_with_numbers(project: Path, run) -> None:
    set_field(project / CLAIMS, "homicide_rate_2023", "value", "0.52")
    result = run("verify", "--format", "text")
    line = next(row for row in result.out.splitlines() if "homicide_rate_within_cap" in row)
    assert line.endswith("homicide_rate_2023 * zj_population_2023 = [344.578, 344.63) count <= 300 -> fail (check)")
