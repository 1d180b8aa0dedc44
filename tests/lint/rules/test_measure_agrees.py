"""measure-agrees: claims that share a measure state the same figure."""

from __future__ import annotations

from tests.lint.rules.helpers import HEAD, verify, where


def test_claims_sharing_a_measure_must_agree(run, mini) -> None:
    text = HEAD.replace("    unit: 项\n", "    unit: 项\n    measure: items\n", 1)
    text = text.replace("    unit: 个\n", "    unit: 个\n    measure: items\n", 1)
    status, out, path = verify(run, mini, text)
    assert status == 1
    assert out[0] == (
        f"claims/a.yaml:{where(path, 'items', 2)}: [error] 'cert' (144 个) disagrees with 'online' (189 项) "
        "on measure 'items' (measure-agrees)"
    )
