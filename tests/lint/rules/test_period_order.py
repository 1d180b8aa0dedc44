"""period-order: a period starts before it ends."""

from __future__ import annotations

from tests.lint.rules.helpers import HEAD, claim, verify, where


def test_a_period_ending_before_it_starts_is_an_error(run, mini) -> None:
    text = HEAD + claim("period", "date", "2024年5月28日", start="2024-06", end="2024-05-28", text='"2024年5月28日"')
    status, out, path = verify(run, mini, text)
    assert status == 1
    assert any(
        line.startswith(f"claims/a.yaml:{where(path, '2024-06')}: [error] period 'period' starts 2024-06, "
                        "after its end 2024-05-28 (period-order)")
        for line in out
    ), out
