"""Re-anchoring: anchored, moved, changed, lost; scoring, width folding, drift, speed of import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims.anchor import (
    ACCEPT,
    Anchor,
    Match,
    Selector,
    context,
    figures,
    figures_differ,
    locate,
    locate_all,
    normalise,
    search,
)

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "seeds" / "zjol-2024-05-28-police-five-years.txt").read_text(encoding="utf-8")
BODY = "浙江实现189项公安民生事项网上可办"
LEAD = "189项公安民生事项网上可办"
INSERTED = "编者按:本文于5月29日更新。\n\n"


def selector(text: str, quote: str, occurrence: int = 1) -> Selector:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    prefix, suffix = context(text, start, end)
    return Selector((start, end), quote, prefix, suffix)


def at(sel: Selector, text: str) -> Anchor:
    return locate(text, sel.span, sel.quote, sel.prefix, sel.suffix)


def test_anchored_when_the_span_still_holds_the_quote() -> None:
    sel = selector(ARTICLE, BODY)
    assert at(sel, ARTICLE) == Anchor("anchored", 635, 653, 100.0, BODY)


def test_moved_after_a_paragraph_is_inserted_above() -> None:
    sel = selector(ARTICLE, BODY)
    shift = len(INSERTED)
    assert at(sel, INSERTED + ARTICLE) == Anchor("moved", 635 + shift, 653 + shift, 100.0, BODY)


def test_moved_picks_the_occurrence_whose_context_agrees() -> None:
    # 累计帮助企业签约外贸订单90.5亿元 stands twice; the second one's context wins even
    # though the first one is nearer to the old position after the edit.
    quote = "累计帮助企业签约外贸订单90.5亿元"
    second = selector(ARTICLE, quote, occurrence=2)
    text = ARTICLE[:600] + ARTICLE[1000:]  # cut 400 characters: the old start is now far past it
    found = at(second, text)
    assert found.status == "moved"
    assert found.start == second.span[0] - 400
    first = selector(ARTICLE, quote)
    assert at(first, INSERTED + ARTICLE).start == first.span[0] + len(INSERTED)


def test_moved_ignores_a_punctuation_width_change_in_the_context() -> None:
    sel = selector(ARTICLE, "群众满意率达99.9%")
    text = INSERTED + ARTICLE.replace("群众满意率达99.9%,打造", "群众满意率达99.9%，打造")
    assert at(sel, text) == Anchor("moved", sel.span[0] + len(INSERTED), sel.span[1] + len(INSERTED), 100.0, sel.quote)


def test_changed_figure_with_score_and_new_text() -> None:
    sel = selector(ARTICLE, BODY)
    text = ARTICLE.replace("浙江实现189项", "浙江实现190项")
    found = at(sel, text)
    # quote ratio 94.4 (one of 36 characters to delete and insert: 8 -> 9, 9 -> 0 share "9"),
    # context 100, no distance: 0.8 * 94.44 + 0.2 * 100 = 95.6
    assert found == Anchor("changed", 635, 653, 95.6, "浙江实现190项公安民生事项网上可办")
    assert found.score >= ACCEPT


def test_changed_punctuation_only_scores_100() -> None:
    quote = "依托浙江政务服务网和“浙里办”APP,浙江实现189项"
    sel = selector(ARTICLE, quote)
    text = ARTICLE.replace("“浙里办”APP,浙江", "\"浙里办\"APP，浙江")
    found = at(sel, text)
    assert (found.status, found.start, found.end, found.score) == ("changed", sel.span[0], sel.span[1], 100.0)
    assert found.text == "依托浙江政务服务网和\"浙里办\"APP，浙江实现189项"


def test_an_edited_figure_is_not_moved_to_another_sentence_holding_the_old_text() -> None:
    # The lead's 189项公安民生事项网上可办 also stands verbatim inside the body sentence;
    # after the lead is edited, its context keeps it in the lead.
    sel = selector(ARTICLE, LEAD)
    assert sel.span == (223, 237)
    text = ARTICLE.replace("成绩单”:189项", "成绩单”:190项")
    found = at(sel, text)
    assert (found.status, found.start, found.end, found.text) == ("changed", 223, 237, "190项公安民生事项网上可办")


def test_changed_with_an_insertion_and_a_deletion_gets_exact_boundaries() -> None:
    quote = "共侦破涉网违法犯罪案件3.3万余起"
    sel = selector(ARTICLE, quote)
    text = ARTICLE.replace(quote, "共侦破了涉网违法犯罪案3.3万余起")
    found = at(sel, text)
    assert (found.status, found.start, found.text) == ("changed", sel.span[0], "共侦破了涉网违法犯罪案3.3万余起")


def test_lost_below_the_threshold() -> None:
    sel = selector(ARTICLE, "群众满意率达99.9%")
    text = ARTICLE.replace("群众满意率达99.9%", "好评如潮")
    found = at(sel, text)
    assert found.status == "lost"
    assert found.score < ACCEPT
    assert (found.start, found.end, found.text) == (sel.span[0], sel.span[1], "")


def test_span_past_the_end_and_empty_quote() -> None:
    assert locate("abc", (5, 9), "bc").status == "moved"
    assert locate("abc", (5, 9), "").status == "lost"


def test_expected_position_from_neighbours_drift() -> None:
    quotes = [BODY, "累计为群众提供服务4亿多次", "144个事项实现“一证通办”"]
    sels = [selector(ARTICLE, q) for q in quotes]
    text = INSERTED + ARTICLE.replace("4亿多次", "4亿余次")
    anchors = locate_all(text, list(reversed(sels)))  # results come back in the order given
    shift = len(INSERTED)
    assert [(a.status, a.start - s.span[0]) for a, s in zip(anchors, reversed(sels), strict=True)] == [
        ("moved", shift), ("changed", shift), ("moved", shift),
    ]


def test_search_exact_ambiguous_folded_and_fuzzy() -> None:
    assert search(ARTICLE, BODY) == [Match(635, 653, 100.0, BODY, True)]
    twice = search(ARTICLE, "累计帮助企业签约外贸订单90.5亿元")
    assert [(m.start, m.exact) for m in twice] == [(262, True), (1311, True)]
    folded = search(ARTICLE, "群众满意率达99.9％")
    assert folded == [Match(407, 418, 100.0, "群众满意率达99.9%", False)]
    typo = search(ARTICLE, "群众满意率 达99.9%")
    assert typo[0] == Match(407, 418, 95.7, "群众满意率达99.9%", False)
    assert all(m.score < ACCEPT for m in typo[1:])
    assert search(ARTICLE, "") == []


def test_normalise_keeps_length_and_folds_width() -> None:
    assert normalise("，；“：”（１２３）ＡＢ　。、") == ",;\":\"(123)AB .,"


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="浙江公安群众办事项网上可189,，。", min_size=0, max_size=40),
    st.integers(min_value=100, max_value=len(ARTICLE) - 200),
    st.integers(min_value=6, max_value=30),
)
def test_inserting_text_anywhere_else_moves_the_span_exactly(inserted: str, start: int, length: int) -> None:
    quote = ARTICLE[start : start + length]
    sel = Selector((start, start + length), quote, *context(ARTICLE, start, start + length))
    text = inserted + ARTICLE
    found = locate(text, sel.span, sel.quote, sel.prefix, sel.suffix)
    assert (found.start, found.end) == (start + len(inserted), start + length + len(inserted))


def test_rapidfuzz_is_imported_only_on_the_fuzzy_path() -> None:
    code = (
        "import sys\n"
        "from factcheck.claims.anchor import locate\n"
        "t = 'xx' + 'abcdefgh' * 3\n"
        "assert locate(t, (0, 8), 'abcdefgh').status == 'moved'\n"
        "assert 'rapidfuzz' not in sys.modules\n"
        "assert locate(t, (0, 8), 'abcdefgX').status == 'changed'\n"
        "assert 'rapidfuzz' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# ---------------------------------------------------------------- a changed figure is never moved


def test_a_changed_lead_figure_is_changed_at_its_own_place_not_moved_to_the_body_copy() -> None:
    quote = "累计帮助企业签约外贸订单90.5亿元"
    lead = selector(ARTICLE, quote)
    body = selector(ARTICLE, quote, occurrence=2)
    text = ARTICLE.replace(quote, "累计帮助企业签约外贸订单10.5亿元", 1)
    assert at(lead, text) == Anchor("changed", lead.span[0], lead.span[1], at(lead, text).score, "累计帮助企业签约外贸订单10.5亿元")
    assert at(body, text).status == "anchored"


def test_a_changed_figure_stays_changed_with_eight_characters_of_stored_context() -> None:
    # Files written before context grew to 32 code points still re-anchor the same way.
    quote = "累计帮助企业签约外贸订单90.5亿元"
    start = ARTICLE.index(quote)
    prefix, suffix = context(ARTICLE, start, start + len(quote), width=8)
    text = ARTICLE.replace(quote, "累计帮助企业签约外贸订单10.5亿元", 1)
    found = locate(text, (start, start + len(quote)), quote, prefix, suffix)
    assert (found.status, found.start) == ("changed", start)


def test_a_figure_changed_after_a_paragraph_inserted_above_is_changed_where_it_went() -> None:
    sel = selector(ARTICLE, "群众满意率达99.9%")
    text = INSERTED + ARTICLE.replace("群众满意率达99.9%", "群众满意率达98.9%")
    found = locate(text, sel.span, sel.quote, sel.prefix, sel.suffix, expected=sel.span[0] + len(INSERTED))
    assert (found.status, found.start, found.text) == ("changed", sel.span[0] + len(INSERTED), "群众满意率达98.9%")


HURRICANES = (
    "The season was busy. In 2019 there were 3 major hurricanes, the agency said. "
    "In 2020 there were 4 major hurricanes, the agency said. In 2021 there were 5 major hurricanes, "
    "the agency said. Forecasters expect a calmer year."
)


def test_a_deleted_sentence_is_lost_not_attached_to_a_neighbour_with_other_figures() -> None:
    sel = selector(HURRICANES, "In 2020 there were 4 major hurricanes")
    text = HURRICANES.replace("In 2020 there were 4 major hurricanes, the agency said. ", "")
    assert at(sel, text).status == "lost"
    short = selector(HURRICANES, "4 major hurricanes")
    assert at(short, text).status == "lost"


def test_a_deleted_chinese_date_is_lost_not_attached_to_the_next_day() -> None:
    text = "6月12日，市里召开了第一次会议。6月13日，市里召开了第二次会议。6月14日，市里召开了第三次会议。会议均在市政府举行。"
    sel = selector(text, "6月13日")
    edited = text.replace("6月13日，市里召开了第二次会议。", "")
    assert at(sel, edited).status == "lost"


def test_the_figure_changed_in_place_is_changed_there() -> None:
    sel = selector(HURRICANES, "4 major hurricanes")
    text = HURRICANES.replace("there were 4 major", "there were 6 major")
    assert at(sel, text) == Anchor("changed", sel.span[0], sel.span[1], at(sel, text).score, "6 major hurricanes")


def test_words_added_on_both_sides_of_a_short_quote_keep_it_in_its_sentence() -> None:
    text = ("今年全市新建学校12所，新增学位3.5万个。" * 1 + "另外，郊区改建学校12所。" + "去年全市新建学校9所，新增学位1.2万个。")
    sel = selector(text, "12所")
    edited = "今年全市新建各类学校共12所左右，新增学位3.5万个。另外，郊区改建学校12所。去年全市新建学校9所，新增学位1.2万个。"
    found = at(sel, edited)
    assert (found.status, found.start) == ("moved", edited.index("12所"))


def test_every_exact_occurrence_is_scored_and_a_tie_goes_to_the_nearest() -> None:
    block = "第一段说明。共有12所学校参加。结束。\n\n"
    text = block * 5
    start = text.index("12所", len(block) * 2)
    sel = Selector((start, start + 3), "12所", *context(text, start, start + 3))
    edited = "前言。" + text  # three characters above: every copy has the same context
    found = locate(edited, sel.span, sel.quote, sel.prefix, sel.suffix, expected=start + 3)
    assert (found.status, found.start) == ("moved", start + 3)


def test_a_short_quote_at_its_old_offsets_by_chance_is_not_anchored() -> None:
    text = "会议记录：项目编号22已于今年完成验收。"
    sel = selector(text, "22")
    above = "第" * sel.span[0] + "22年，"  # a line added above puts another "22" at the old offsets
    edited = above + text
    assert edited[sel.span[0] : sel.span[1]] == "22"
    assert at(sel, edited) == Anchor("moved", sel.span[0] + len(above), sel.span[1] + len(above), 100.0, "22")


def test_figures_differ_reads_digits_numerals_and_number_words() -> None:
    assert figures("共90.5亿元，同比增长三成") == ["90.5", "亿", "三"]
    assert figures("There were three major hurricanes") == ["three"]
    assert figures_differ("99.9%", "98.9%") and figures_differ("three storms", "four storms")
    assert not figures_differ("群众满意率达99.9%,打造", "群众满意率达99.9％，打造")


# ---------------------------------------------------------------- bounded work


def test_a_lost_long_quote_is_never_aligned_character_by_character(monkeypatch) -> None:
    from rapidfuzz import fuzz

    needles: list[int] = []
    real = fuzz.partial_ratio_alignment

    def spy(needle: str, window: str, *args: object, **kwargs: object) -> object:
        needles.append(len(needle))
        return real(needle, window, *args, **kwargs)

    monkeypatch.setattr(fuzz, "partial_ratio_alignment", spy)
    text = ARTICLE * 40
    quote = "甲乙丙丁戊己庚辛壬癸" * 200  # 2,000 characters that stand nowhere
    found = locate(text, (1_000, 3_000), quote, "前" * 32, "后" * 32)
    assert found.status == "lost"
    assert all(n <= 256 for n in needles)  # the long needles went through exact pieces of themselves


def test_the_fuzzy_search_never_looks_beyond_its_reach(monkeypatch) -> None:
    from factcheck.claims import anchor

    windows: list[int] = []
    real = anchor._Finder.best_fuzzy

    def spy(self: object, lo: int, hi: int) -> object:
        windows.append(hi - lo)
        return real(self, lo, hi)  # type: ignore[arg-type]

    monkeypatch.setattr(anchor, "FUZZY_REACH", 4_096)
    monkeypatch.setattr(anchor._Finder, "best_fuzzy", spy)
    text = ARTICLE * 60  # 350,000 characters
    found = locate(text, (100_000, 100_012), "壬癸子丑寅卯甲乙丙丁戊己", "前文" * 16, "后文" * 16)
    assert found.status == "lost"
    assert windows and max(windows) <= 2 * 4_096 + 12


def test_claims_without_a_span_do_not_each_locate_the_whole_file(project, run, monkeypatch) -> None:
    from factcheck.lint import context as lint_context

    calls: list[int] = []
    real = lint_context.file_anchors

    def counting(lf: object) -> object:
        calls.append(1)
        return real(lf)  # type: ignore[arg-type]

    monkeypatch.setattr(lint_context, "file_anchors", counting)
    article = project / "seeds" / "zjol-2024-05-28-police-five-years.txt"
    article.write_text(INSERTED + article.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("verify", "--format", "json")
    assert result.code == 1
    assert len(calls) == 1  # one claim file, one search, though it holds a claim without a span
