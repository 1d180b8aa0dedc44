"""date-not-after-publication: no date a source states lies after its publication."""

from __future__ import annotations

from tests.lint.rules.helpers import HEAD, claim, verify, where


def test_a_day_after_publication_is_an_error(run, mini) -> None:
    text = HEAD.replace("published: 2024-05-28T17:00:00+08:00", "published: 2024-05-27T17:00:00+08:00")
    text += claim("day", "date", "2024年5月28日", value="2024-05-28")
    status, out, path = verify(run, mini, text)
    assert status == 1
    assert (
        f"claims/a.yaml:{where(path, '2024-05-28', 1)}: [error] 'day' (2024-05-28) lies after the "
        "publication date 2024-05-27 (date-not-after-publication)"
    ) in out
