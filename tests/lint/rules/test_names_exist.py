"""names-exist: every name a declared check uses is a claim id."""

from __future__ import annotations

from tests.lint.rules.helpers import HEAD, checks, verify, where


def test_unknown_name_points_at_the_name(run, mini) -> None:
    status, out, path = verify(run, mini, HEAD + checks("online > certs"))
    assert status == 1
    assert out[0] == (
        f"claims/a.yaml:{where(path, 'certs')}: [error] check 'c0' names 'certs', "
        "which is no claim in the project (did you mean 'cert'?) (names-exist)"
    )
    assert len(out) == 2  # said once: the check rule leaves the name to names-exist


def test_a_check_id_is_not_a_claim(run, mini) -> None:
    status, out, path = verify(run, mini, HEAD + checks("online > cert", "c0 > 1"))
    assert status == 1
    assert out[0] == (
        f"claims/a.yaml:{where(path, 'c0 > 1')}: [error] check 'c1' names 'c0', "
        "which is no claim in the project (that is a check, not a claim) (names-exist)"
    )
