"""Candidate selection looks at each text once: its indexes give what a walk over the
characters gives, for clause bounds, set phrases, speakers and the language."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import example, given
from hypothesis import strategies as st

from factcheck.authoring.propose import (
    _FIGURE_CHAR,
    _LIST_MARK,
    _SPEAKER_THEN_QUOTE,
    _TRIM,
    IDIOMS,
    STOPS,
    Candidate,
    Clauses,
    Coverage,
    _idiom_spans,
    _in_idiom,
    _speaker_then_quote,
    language_of,
)

# Pieces the rules turn on: stops, spaces, quotes, digits with their joiners, list marks,
# set phrases, verbs of saying, and plain words of both languages.
PIECES = [
    *"，,;；。！？!?：:、…()（）\n\r \t\u3000\xa0“”\"", "1", "20", "3.5", "1,280", "17:26", "一", "十", "万",
    "年", "项", "个", "%", "说", "称", "表示", "透露", "据", "主任", "张三", "一次办", "一次办结", "统一体化",
    "之一", "最多跑一次", "第一时间", "江苏、安徽四省", "“四个字好”", "浙江", "公安", "Jobs", "rose", "x",
    "“公安 服务” ", "“ 3项", "” 5年", " 1、2 ", "“",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def walked_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end), one character at a time (clause_bounds' rules)."""
    line_start = text.rfind("\n", 0, start) + 1

    def inside(i: int) -> bool:
        segment = text[line_start : max(i, line_start)]
        return segment.count("“") > segment.count("”")

    def mark(ch: str) -> bool:
        return ch in STOPS or ch.isspace()

    def stop(i: int, back: bool) -> bool:
        ch = text[i]
        if back and ch == _LIST_MARK:
            j = i - 1
            while j >= 0 and not mark(text[j]):
                j -= 1
            item = text[j + 1 : i]
            return not item or _FIGURE_CHAR.search(item) is not None
        if ch in ":,." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            return False
        return ch in STOPS or (ch.isspace() and not inside(i))

    lo, hi = start, end
    while lo > 0 and not stop(lo - 1, True):
        lo -= 1
    while hi < len(text) and not stop(hi, False):
        hi += 1
    while lo < start and text[lo] in _TRIM:
        lo += 1
    while hi > end and text[hi - 1] in _TRIM:
        hi -= 1
    return lo, hi


@example("另有“公安 服务”3项 不变\n“甲 1、乙 2")
@given(texts)
def test_clause_bounds_from_the_index_are_those_of_a_walk(text: str) -> None:
    clauses = Clauses(text)
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 4) + 1):
            assert clauses.bounds(start, end) == walked_bounds(text, start, end), (start, end)


@given(texts)
def test_set_phrases_are_found_wherever_any_of_them_stands(text: str) -> None:
    every = [(at, at + len(p)) for p in IDIOMS for at in range(len(text)) if text.startswith(p, at)]
    spans = _idiom_spans(text)
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 6) + 1):
            expected = any(s < end and start < e for s, e in every)
            assert _in_idiom(spans, start, end) == expected, (start, end)


@given(st.lists(st.sampled_from([*PIECES, "甲", "乙", "甲乙丙丁戊己庚辛", "：“很长的一句话”"]), max_size=60).map("".join))
def test_speakers_before_a_quote_are_those_the_pattern_finds(text: str) -> None:
    expected = [(m.start(), m.end(), m.group("who")) for m in _SPEAKER_THEN_QUOTE.finditer(text)]
    assert list(_speaker_then_quote(text)) == expected


def test_a_speaker_phrase_is_thirty_characters_at_most_and_holds_no_stop() -> None:
    quote = "说：“四个字好”"
    assert list(_speaker_then_quote("甲" * 31 + quote)) == [(1, 39, "甲" * 30)]
    assert list(_speaker_then_quote("甲，乙" + quote)) == []
    assert list(_speaker_then_quote("甲，乙丙" + quote)) == [(2, 12, "乙丙")]
    # After one match the search goes on from its end, as the pattern's finditer does.
    assert [m[2] for m in _speaker_then_quote("甲乙" + quote + "丙丁" + quote)] == ["甲乙", "丙丁"]


@given(st.lists(st.sampled_from(["浙江", "a", "Jobs rose ", "1", "，", "x" * 9, "一" * 3]), max_size=80).map("".join))
def test_language_is_counted_as_letter_by_letter(text: str) -> None:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    assert language_of(text) == ("en" if latin > 4 * cjk else "zh")


def covered_by_any(candidate: Candidate, claims: list[SimpleNamespace]) -> bool:
    """`covered`, one claim at a time: same kind, span around the figure (quotes: overlap)."""
    lo, hi = candidate.focus
    for claim in claims:
        if claim.kind != candidate.kind or claim.span is None:
            continue
        start, end = claim.span
        if (start < hi and lo < end) if candidate.kind == "quote" else (start <= lo and hi <= end):
            return True
    return False


kinds = st.sampled_from(["quantity", "date", "quote"])
spans = st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(st.tuples(kinds, st.one_of(st.none(), spans)), max_size=12), st.lists(st.tuples(kinds, spans), max_size=12))
def test_coverage_answers_as_a_look_at_every_claim(existing: list[tuple[str, tuple[int, int] | None]],
                                                   proposed: list[tuple[str, tuple[int, int]]]) -> None:
    claims = [SimpleNamespace(kind=kind, span=span) for kind, span in existing]
    coverage = Coverage(claims)
    for kind, focus in proposed:
        candidate = Candidate({"kind": kind, "span": list(focus)}, focus)
        assert coverage.covers(candidate) == covered_by_any(candidate, claims), (kind, focus)
