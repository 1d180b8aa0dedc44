"""A changed figure is reported at its own place, left for review by --fix, and taken from the
text only by `factcheck accept`; checks see the article as it is now."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import ARTICLE, CLAIMS, line_of

OLD = "累计帮助企业签约外贸订单90.5亿元"
NEW = "累计帮助企业签约外贸订单10.5亿元"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_lead(root: Path) -> tuple[str, str]:
    """The lead's 90.5亿元 becomes 10.5亿元 (the body still says 90.5亿元): (old sha, new sha)."""
    path = root / ARTICLE
    before = sha(path)
    text = path.read_text(encoding="utf-8")
    assert text.count(OLD) == 2
    path.write_text(text.replace(OLD, NEW, 1), encoding="utf-8")
    return before, sha(path)


def lead_findings(root: Path, old: str, new: str) -> list[str]:
    path = root / CLAIMS
    span = line_of(path, "id: export_orders_lead") + 2
    check = line_of(path, "id: lead_matches_body") + 1
    return [
        f"{CLAIMS}:3:9: [warning] {ARTICLE} changed: sha256 is {new[:12]}…, recorded {old[:12]}…; "
        "quotes: 55 anchored, 1 changed (source-hash)",
        f"{CLAIMS}:{span}:11: [error] span [262, 280) of 'export_orders_lead' reads '{NEW}', not the quote '{OLD}'; "
        f"closest text is '{NEW}' at [262, 280) ({ARTICLE}:13:122), score 96: changed (quote-matches-span)",
        f"{CLAIMS}:{check}:11: [error] check 'lead_matches_body' fail (on the text as it is now; stale record: "
        "'export_orders_lead'; the records alone give pass): online_items = 189 项 == online_items_body = 189 项 -> pass; "
        "crime_drop_lead = [40.065, 40.075) % == crime_drop = [40.065, 40.075) % -> pass; export_orders_lead = "
        "[10.45亿, 10.55亿) 元 == export_orders = [90.45亿, 90.55亿) 元 -> fail => fail (check)",
        "57 claims in 1 file, 8 checks: 7 pass, 1 fail, 0 unknown (1 on the text as it is now: 1 stale record); "
        "2 errors, 1 warning",
    ]


def test_a_changed_lead_figure_is_reported_changed_at_its_own_place(project: Path, run) -> None:
    old, new = edit_lead(project)
    result = run("verify")
    assert (result.code, result.err) == (1, "")
    assert result.out.splitlines() == lead_findings(project, old, new)


def test_fix_leaves_a_changed_figure_for_review(project: Path, run) -> None:
    old, new = edit_lead(project)
    path = project / CLAIMS
    result = run("verify", "--fix")
    assert result.code == 1
    assert result.err == (
        f"{CLAIMS}: export_orders_lead changed [262, 280) -> [262, 280): '{OLD}' -> '{NEW}': "
        "its figures differ; left for review (factcheck accept export_orders_lead)\n"
    )
    assert result.out.splitlines() == lead_findings(project, old, new)
    text = path.read_text(encoding="utf-8")
    assert f'quote: "{OLD}"' in text and f'quote: "{NEW}"' not in text
    assert f"sha256: {old}" in text  # not every claim stands: the old hash stays
    again = run("verify", "--fix")  # and the next run says the same, never "all pass"
    assert (again.code, again.err, again.out) == (1, result.err, result.out)


def test_accept_takes_the_text_reading_then_the_lead_check_fails(project: Path, run) -> None:
    old, new = edit_lead(project)
    path = project / CLAIMS
    before = path.read_text(encoding="utf-8")
    accepted = run("accept", "export_orders_lead")
    assert (accepted.code, accepted.err) == (0, "")
    assert accepted.out.splitlines() == [
        f"{CLAIMS}: export_orders_lead",
        f"  before: [262, 280) '{OLD}', value 9050000000",
        f"  after:  [262, 280) '{NEW}', value 1050000000",
        f"{CLAIMS}: 1 claim accepted; sha256 {old[:12]}… -> {new[:12]}…",
    ]
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert [b.strip().split(":", 1)[0] for _, b in changed] == ["sha256", "quote", "prefix", "suffix", "value"]
    assert ("    value: 9050000000", "    value: 1050000000") in changed
    result = run("verify")
    assert result.code == 1
    body = line_of(path, 'measure: "export_orders"', occurrence=2)  # the body claim's measure
    check = line_of(path, "id: lead_matches_body") + 1
    assert result.out.splitlines() == [
        f"{CLAIMS}:{body}:14: [error] 'export_orders' ([90.45亿, 90.55亿) 元) disagrees with "
        "'export_orders_lead' ([10.45亿, 10.55亿) 元) on measure 'export_orders' (measure-agrees)",
        f"{CLAIMS}:{check}:11: [error] check 'lead_matches_body' fail: online_items = 189 项 == online_items_body = "
        "189 项 -> pass; crime_drop_lead = [40.065, 40.075) % == crime_drop = [40.065, 40.075) % -> pass; "
        "export_orders_lead = [10.45亿, 10.55亿) 元 == export_orders = [90.45亿, 90.55亿) 元 -> fail "
        "=> fail (check)",
        "57 claims in 1 file, 8 checks: 7 pass, 1 fail, 0 unknown; 2 errors, 0 warnings",
    ]
    assert "value-matches-text" not in result.out


SUM_SOURCE = "今年全市共受理案件406起，其中民事案件262起，刑事案件144起。案件总数比去年有所下降。"
SUM_CLAIMS = """source: seeds/a.txt
sha256: SHA
claims:
  - id: total
    kind: quantity
    span: [5, 13]
    quote: "受理案件406起"
    prefix: "今年全市共"
    suffix: "，其中民事案件262起，刑事案件144起。案件总数比去年有所下降"
    value: 406
    unit: 起
  - id: civil
    kind: quantity
    span: [16, 24]
    quote: "民事案件262起"
    prefix: "今年全市共受理案件406起，其中"
    suffix: "，刑事案件144起。案件总数比去年有所下降。"
    value: 262
    unit: 起
  - id: criminal
    kind: quantity
    span: [25, 33]
    quote: "刑事案件144起"
    prefix: "今年全市共受理案件406起，其中民事案件262起，"
    suffix: "。案件总数比去年有所下降。"
    value: 144
    unit: 起
checks:
  - id: parts_make_the_total
    rule: civil + criminal == total
    why: 民事和刑事案件合起来就是全部受理的案件
"""


def test_a_planted_error_in_a_part_of_a_sum_fails_its_check_before_the_record_is_edited(mini, run) -> None:
    path = mini(SUM_SOURCE.encode(), SUM_CLAIMS)
    assert SUM_SOURCE[5:13] == "受理案件406起" and SUM_SOURCE[16:24] == "民事案件262起" and SUM_SOURCE[25:33] == "刑事案件144起"
    clean = run("verify")
    assert (clean.code, clean.out) == (0, "3 claims in 1 file, 1 checks: 1 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n")
    old = sha(Path("seeds/a.txt"))
    Path("seeds/a.txt").write_text(SUM_SOURCE.replace("262起", "226起"), encoding="utf-8")
    new = sha(Path("seeds/a.txt"))
    result = run("verify")
    assert result.code == 1
    span = line_of(path, "id: civil") + 2
    check = line_of(path, "id: parts_make_the_total") + 1
    assert result.out.splitlines() == [
        f"claims/a.yaml:2:9: [warning] seeds/a.txt changed: sha256 is {new[:12]}…, recorded {old[:12]}…; "
        "quotes: 2 anchored, 1 changed (source-hash)",
        f"claims/a.yaml:{span}:11: [error] span [16, 24) of 'civil' reads '民事案件226起', not the quote '民事案件262起'; "
        "closest text is '民事案件226起' at [16, 24) (seeds/a.txt:1:17), score 90: changed (quote-matches-span)",
        f"claims/a.yaml:{check}:11: [error] check 'parts_make_the_total' fail (on the text as it is now; stale record: "
        "'civil'; the records alone give pass): civil + criminal = 370 起 == total = 406 起 -> fail (check)",
        "3 claims in 1 file, 1 checks: 0 pass, 1 fail, 0 unknown (1 on the text as it is now: 1 stale record); "
        "2 errors, 1 warning",
    ]


def test_stale_records_are_named_in_json_github_and_sarif(project: Path, run, monkeypatch) -> None:
    edit_lead(project)
    data = json.loads(run("verify", "--format", "json").out)
    assert data["summary"]["stale"] == ["export_orders_lead"]
    check = next(c for c in data["checks"] if c["id"] == "lead_matches_body")
    assert (check["verdict"], check["stale"], check["on_records"]) == ("fail", ["export_orders_lead"], "pass")
    assert all((c["stale"], c["on_records"]) == ([], None) for c in data["checks"] if c["id"] != "lead_matches_body")
    finding = next(f for f in data["findings"] if f["check"] == "lead_matches_body")
    assert (finding["details"]["stale"], finding["details"]["on_records"]) == (["export_orders_lead"], "pass")
    github = run("verify", "--format", "github").out
    assert "check 'lead_matches_body' fail (on the text as it is now; stale record: 'export_orders_lead';" in github
    sarif = json.loads(run("verify", "--format", "sarif").out)
    result = next(r for r in sarif["runs"][0]["results"] if r.get("properties", {}).get("checkId") == "lead_matches_body")
    assert result["properties"]["details"]["stale"] == ["export_orders_lead"]
    assert "stale record: 'export_orders_lead'" in result["message"]["text"]


def test_accept_refuses_a_lost_claim_and_unknown_ids(project: Path, run) -> None:
    path = project / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(OLD, "", 1), encoding="utf-8")
    before = (project / CLAIMS).read_bytes()
    lost = run("accept", "export_orders_lead")
    assert (lost.code, lost.out) == (1, f"{CLAIMS}: export_orders_lead: not accepted: its quote is lost "
                                        "(the text no longer holds it); add the claim again\n")
    unknown = run("accept", "no_such_claim")
    assert unknown.code == 2
    assert unknown.err == "factcheck: error: no claim 'no_such_claim' in the project (factcheck list shows the claims)\n"
    assert (project / CLAIMS).read_bytes() == before


def test_accept_on_a_claim_that_reads_as_its_text_writes_nothing(project: Path, run) -> None:
    before = (project / CLAIMS).read_bytes()
    result = run("accept", "export_orders")
    assert (result.code, result.out) == (0, f"{CLAIMS}: export_orders: nothing to accept: the record reads as its text\n")
    assert (project / CLAIMS).read_bytes() == before


def test_fix_lengthens_short_stored_context_and_touches_nothing_else(mini, run) -> None:
    source = "前言部分的文字比较长，足够三十二个字符的上下文。今年全市共受理案件406起，比去年下降。后记部分的文字也比较长，同样足够三十二个字符。"
    start = source.index("受理案件406起")
    path = mini(source.encode(), (
        "source: seeds/a.txt\nsha256: SHA\nclaims:\n  - id: total  # the year's cases\n    kind: quantity\n"
        f"    span: [{start}, {start + 8}]\n    quote: \"受理案件406起\"\n"
        f"    prefix: \"{source[start - 8:start]}\"\n    suffix: \"{source[start + 8:start + 16]}\"\n"
        "    value: 406\n    unit: 起\n"))
    before = path.read_text(encoding="utf-8")
    result = run("verify", "--fix")
    assert (result.code, result.err) == (0, "")
    after = path.read_text(encoding="utf-8")
    assert [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b] == [
        (f'    prefix: "{source[start - 8:start]}"', f'    prefix: "{source[max(0, start - 32):start]}"'),
        (f'    suffix: "{source[start + 8:start + 16]}"', f'    suffix: "{source[start + 8:start + 40]}"'),
    ]


CASES_SOURCE = "2023年，全市共侦破案件3.3万余起。5月28日，市公安局召开了新闻发布会。"
CASES_CLAIMS = """source: seeds/a.txt
sha256: SHA
published: 2024-05-28
claims:
  - id: cases  # the year's cases
    kind: quantity
    span: [9, 19]
    quote: "侦破案件3.3万余起"
    value: 33000
    unit: 起
    qualifier: 余  # written 余: more than
    about: 全年侦破的案件
  - id: briefing
    kind: date
    span: [20, 25]
    quote: "5月28日"
    value: "2024-05-28"
"""


def test_accept_rewrites_value_and_drops_a_qualifier_the_text_no_longer_writes(mini, run) -> None:
    path = mini(CASES_SOURCE.encode(), CASES_CLAIMS)
    assert CASES_SOURCE[9:19] == "侦破案件3.3万余起" and CASES_SOURCE[20:25] == "5月28日"
    assert run("verify").code == 0
    Path("seeds/a.txt").write_text(CASES_SOURCE.replace("3.3万余起", "3.5万起").replace("5月28日", "5月27日"), encoding="utf-8")
    fixed = run("verify", "--fix")
    assert fixed.code == 1
    assert fixed.err.splitlines() == [
        "claims/a.yaml: cases changed [9, 19) -> [9, 18): '侦破案件3.3万余起' -> '侦破案件3.5万起': its figures differ; "
        "left for review (factcheck accept cases)",
        "claims/a.yaml: briefing changed [20, 25) -> [19, 24): '5月28日' -> '5月27日': its figures differ; "
        "left for review (factcheck accept briefing)",
    ]
    accepted = run("accept", "cases", "briefing")
    assert (accepted.code, accepted.err) == (0, "")
    assert accepted.out.splitlines() == [
        "claims/a.yaml: cases",
        "  before: [9, 19) '侦破案件3.3万余起', value 33000, qualifier 余",
        "  after:  [9, 18) '侦破案件3.5万起', value 35000, qualifier none",
        "claims/a.yaml: briefing",
        "  before: [20, 25) '5月28日', value 2024-05-28",
        "  after:  [19, 24) '5月27日', value 2024-05-27",
        "claims/a.yaml: 2 claims accepted; sha256 " + accepted.out.split("sha256 ")[1].strip(),
    ]
    text = path.read_text(encoding="utf-8")
    assert "  - id: cases  # the year's cases\n" in text  # comments kept
    assert "qualifier" not in text and "    value: 35000\n" in text and '    value: "2024-05-27"\n' in text
    assert run("verify").out == "2 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n"


def test_fix_leaves_a_statement_whose_figure_changed_and_accept_takes_its_words(mini, run) -> None:
    source = "调查显示，群众满意率达99.9%，比上年有所提高。"
    start = source.index("群众满意率达99.9%")
    path = mini(source.encode(), (
        "source: seeds/a.txt\nsha256: SHA\nclaims:\n  - id: satisfied\n    kind: statement\n"
        f"    span: [{start}, {start + 11}]\n    quote: \"群众满意率达99.9%\"\n"
        f"    prefix: \"{source[:start]}\"\n    suffix: \"{source[start + 11:]}\"\n"))
    Path("seeds/a.txt").write_text(source.replace("99.9%", "98.9%"), encoding="utf-8")
    fixed = run("verify", "--fix")
    assert fixed.code == 1
    assert fixed.err == (f"claims/a.yaml: satisfied changed [{start}, {start + 11}) -> [{start}, {start + 11}): "
                         "'群众满意率达99.9%' -> '群众满意率达98.9%': its figures differ; left for review "
                         "(factcheck accept satisfied)\n")
    assert '"群众满意率达99.9%"' in path.read_text(encoding="utf-8")
    accepted = run("accept", "satisfied")
    assert accepted.out.splitlines()[:3] == [
        "claims/a.yaml: satisfied",
        f"  before: [{start}, {start + 11}) '群众满意率达99.9%'",
        f"  after:  [{start}, {start + 11}) '群众满意率达98.9%'",
    ]
    assert run("verify").code == 0
