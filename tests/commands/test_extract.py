"""`factcheck extract`: every figure, date and attributed quote of the article, with exact spans."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import yaml

from factcheck.authoring.propose import Ids, candidates, clause_bounds

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "seeds/zjol-2024-05-28-police-five-years.txt"
CLAIMS = "claims/zjol-2024-05-28-police-five-years.yaml"
SHA = hashlib.sha256((ROOT / ARTICLE).read_bytes()).hexdigest()
PUBLISHED = dt.date(2024, 5, 28)
TEXT = (ROOT / ARTICLE).read_text(encoding="utf-8")

PERIOD_5Y = {"start": "2019-05-28", "end": "2024-05-28"}
SINCE_JULY = {"start": "2023-07", "end": "2024-05-28"}

# What extract proposes for the shipped article: (id, span, quote, the other fields but context).
EXPECTED: list[tuple[str, list[int], str, dict[str, Any]]] = [
    ("years_5", [37, 49], "浙江公安晒5年“成绩单”", {"value": 5, "unit": "年"}),
    ("pct_97_24", [50, 62], "群众认可度达97.24%", {"value": 97.24, "unit": "%"}),
    ("date_2024_05_28", [69, 89], "2024—\n05/28\n17:26:59", {"value": "2024-05-28"}),
    ("date_2024_05_28_2", [90, 109], "2024-05-28 17:26:59", {"value": "2024-05-28"}),
    ("date_2024_05_28_3", [143, 153], "浙江在线5月28日讯", {"value": "2024-05-28"}),
    ("date_2024_05_28_4", [163, 170], "5月28日上午", {"value": "2024-05-28"}),
    ("years_5_2", [171, 206], "浙江省公安厅举行“公安心向党 护航新征程”擎旗奋进“浙”五年记者见面会", {"value": 5, "unit": "年"}),
    ("items_189", [223, 237], "189项公安民生事项网上可办", {"value": 189, "unit": "项"}),
    ("pct_40_07", [238, 254], "全省刑事警情同比下降40.07%", {"value": 40.07, "unit": "%"}),
    ("since_2023_07", [255, 261], "去年7月至今", SINCE_JULY),
    ("yuan_90_5yi", [262, 280], "累计帮助企业签约外贸订单90.5亿元", {"value": 9050000000, "unit": "元"}),
    ("since_2019_05_28", [282, 285], "五年来", PERIOD_5Y),
    ("since_2019_05_28_2", [342, 345], "五年来", PERIOD_5Y),
    ("pct_99_9", [407, 418], "群众满意率达99.9%", {"value": 99.9, "unit": "%"}),
    ("quote_1", [541, 608],
     "“目前,除了涉及爆炸、剧毒等危及公共安全的严管严控事项外,所有的公安政务服务事项都已经实现了最多跑一次。”省公安厅办公室副主任俞国孟说",
     {"speaker": "俞国孟", "role": "省公安厅办公室副主任"}),
    ("items_189_2", [635, 653], "浙江实现189项公安民生事项网上可办", {"value": 189, "unit": "项"}),
    ("since_2019_05_28_3", [654, 657], "五年来", PERIOD_5Y),
    ("times_4yi", [658, 671], "累计为群众提供服务4亿多次", {"value": 400000000, "unit": "次", "qualifier": "多"}),
    ("count_144", [706, 722], "由此144个事项实现“一证通办”", {"value": 144, "unit": "个"}),
    ("count_73", [723, 739], "73个事项不需要任何材料即可办理", {"value": 73, "unit": "个"}),
    ("count_1280", [769, 784], "在1280余个公安政务服务网点", {"value": 1280, "unit": "个", "qualifier": "余"}),
    ("count_2300", [785, 811], "2300余个公安通办窗口可实现多警种业务“一窗通办”", {"value": 2300, "unit": "个", "qualifier": "余"}),
    ("visits_3000wan", [812, 830], "该项举措每年惠及群众3000余万人次", {"value": 30000000, "unit": "人次", "qualifier": "余"}),
    ("since_2019_05_28_4", [892, 895], "五年来", PERIOD_5Y),
    # The list of the three areas stays whole (、 between names does not end the clause).
    ("count_3", [896, 938], "浙江公安着重在打击涉企经济犯罪、近距离为企业提供服务、帮助企业防“蛀虫”三个领域发力", {"value": 3, "unit": "个"}),
    ("since_2021", [1028, 1035], "2021年以来", {"start": "2021", "end": "2024-05-28"}),
    ("cases_2000", [1059, 1070], "每年立案2000起左右", {"value": 2000, "unit": "起", "qualifier": "左右"}),
    ("yuan_20yi", [1071, 1086], "为企业挽回经济损失超过20亿元", {"value": 2000000000, "unit": "元", "qualifier": "超过"}),
    ("hours_24", [1242, 1255], "通过7*24小时全天候服务", {"value": 24, "unit": "小时"}),
    ("since_2023_07_2", [1304, 1310], "去年7月至今", SINCE_JULY),
    ("yuan_90_5yi_2", [1311, 1329], "累计帮助企业签约外贸订单90.5亿元", {"value": 9050000000, "unit": "元"}),
    ("persons_60", [1421, 1441], "目前已经有60名留学生在浙江企业创新创业", {"value": 60, "unit": "名"}),
    ("quote_2", [1468, 1551],
     "据省公安厅刑侦总队副总队长徐林苗介绍,五年来,浙江公安机关始终把命案侦防作为工作重中之重来抓,"
     "快侦快破现发命案,持续攻坚命案积案,多措并举推进命案防控,取得了较好成效",
     {"speaker": "徐林苗", "role": "省公安厅刑侦总队副总队长"}),
    ("since_2019_05_28_5", [1487, 1490], "五年来", PERIOD_5Y),
    ("since_2017", [1556, 1563], "自2017年起", {"start": "2017", "end": "2024-05-28"}),
    ("pct_100", [1564, 1580], "浙江就实现了现发命案100%全破", {"value": 100, "unit": "%"}),
    ("cases_300", [1581, 1595], "命案年发案数均在300起以内", {"value": 300, "unit": "起", "qualifier": "以内"}),
    ("date_2023", [1596, 1616], "2023年浙江每十万人命案发案0.42起", {"value": "2023"}),
    ("rate_0_42", [1596, 1616], "2023年浙江每十万人命案发案0.42起",
     {"value": 0.42, "unit": "起", "per": 100000, "per_unit": "人"}),
    ("hours_24_2", [1652, 1674], "如今大多数现发命案一般在24小时内就得以侦破", {"value": 24, "unit": "小时", "qualifier": "内"}),
    ("cases_423", [1688, 1714], "浙江在命案积案攻坚行动中连续破获423起重大命案积案", {"value": 423, "unit": "起"}),
    ("years_41", [1715, 1724], "时间最久的达41年", {"value": 41, "unit": "年"}),
    ("years_3", [1732, 1759], "浙江省公安厅连续三年被评为全国扫黑除恶专项斗争先进单位", {"value": 3, "unit": "年"}),
    ("pct_40_07_2", [1760, 1776], "全省刑事警情同比下降40.07%", {"value": 40.07, "unit": "%"}),
    ("pct_97_95", [1792, 1810], "全省治安领域群众安全感达97.95%", {"value": 97.95, "unit": "%"}),
    ("pct_97_24_2", [1811, 1828], "群众对公安工作认可度达97.24%", {"value": 97.24, "unit": "%"}),
    ("since_2019_05_28_6", [1935, 1938], "五年来", PERIOD_5Y),
    ("cases_3_3wan", [1967, 1984], "共侦破涉网违法犯罪案件3.3万余起", {"value": 33000, "unit": "起", "qualifier": "余"}),
    ("persons_14_6wan", [1985, 2001], "抓获违法犯罪嫌疑人14.6万余名", {"value": 146000, "unit": "名", "qualifier": "余"}),
    ("date_2024_05_28_5", [2177, 2184], "5月28日上午", {"value": "2024-05-28"}),
    ("years_5_3", [2185, 2220], "浙江省公安厅举行“公安心向党 护航新征程”擎旗奋进“浙”五年记者见面会", {"value": 5, "unit": "年"}),
]

HEADER = f"source: {ARTICLE}\nsha256: {SHA}\npublished: 2024-05-28T17:26:59+08:00\n"



def test_extract_pins_every_figure_date_and_quote_of_the_article(article, run) -> None:
    result = run("extract", ARTICLE)
    assert result.code == 0, result.err
    data = yaml.safe_load(result.out)
    assert (data["source"], data["sha256"]) == (ARTICLE, SHA)
    assert data["published"] == dt.datetime(2024, 5, 28, 17, 26, 59)  # from the dateline
    got = []
    for claim in data["claims"]:
        start, end = claim["span"]
        assert claim["quote"] == TEXT[start:end]
        assert claim["prefix"] == TEXT[max(0, start - 32) : start] and claim["suffix"] == TEXT[end : end + 32]
        kind = claim["kind"]
        rest = {k: v for k, v in claim.items() if k not in ("id", "kind", "span", "quote", "prefix", "suffix")}
        got.append((claim["id"], claim["span"], claim["quote"], rest))
        assert kind == ("quote" if "speaker" in rest else "date" if "start" in rest or isinstance(rest.get("value"), str) else "quantity")
    assert got == EXPECTED


def test_set_phrases_with_yi_are_never_quantities() -> None:
    found = candidates(TEXT, PUBLISHED, Ids())
    figures = [TEXT[c.focus[0] : c.focus[1]] for c in found if c.kind == "quantity"]
    for phrase in ("一次办", "一证通办", "之一", "第一时间"):
        at = TEXT.index(phrase)
        assert all(not (c.focus[0] < at + len(phrase) and at < c.focus[1]) for c in found if c.kind == "quantity")
    assert "5年" in figures and "97.24%" in figures  # the headline's figures
    assert all(fig[0] not in "一之第" for fig in figures)


def test_clause_is_bounded_by_punctuation_not_by_number_separators() -> None:
    text = "据统计,2024-05-28 17:26:59发布:共1,280个网点;另有“公安 服务”3项 不变"
    start = text.index("1,280")
    assert text[slice(*clause_bounds(text, start, start + 8))] == "共1,280个网点"
    start = text.index("3项")
    assert text[slice(*clause_bounds(text, start, start + 2))] == "另有“公安 服务”3项"
    start = text.index("2024")
    assert text[slice(*clause_bounds(text, start, start + 19))] == "2024-05-28 17:26:59发布"


def test_extract_into_an_empty_claim_file_then_verify_passes(article, run) -> None:
    path = article / "claims" / "police.yaml"
    path.write_text("# Proposed by factcheck extract, reviewed by hand.\n" + HEADER + "claims: []  # none yet\n", encoding="utf-8")
    result = run("extract", ARTICLE, "--into", "claims/police.yaml")
    assert (result.code, result.out) == (0, f"claims/police.yaml: added {len(EXPECTED)} claims (0 already covered)\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Proposed by factcheck extract, reviewed by hand.\n" + HEADER + "claims:  # none yet\n  - id: years_5\n")
    result = run("verify")
    assert (result.code, result.out) == (
        0, f"{len(EXPECTED)} claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n"
    )
    again = run("extract", ARTICLE, "--into", "claims/police.yaml")
    assert (again.code, again.out) == (0, f"claims/police.yaml: added 0 claims ({len(EXPECTED)} already covered)\n")
    assert path.read_text(encoding="utf-8") == text


def test_extract_into_a_new_file_creates_it_with_a_header(article, run) -> None:
    result = run("extract", ARTICLE, "--into", "claims/new.yaml")
    assert result.code == 0
    text = (article / "claims" / "new.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"source: {ARTICLE}\nsha256: {SHA}\npublished: 2024-05-28T17:26:59\nlanguage: zh\nclaims:\n  - id: years_5\n")
    assert run("verify").code == 0


def test_extract_into_keeps_comments_and_appends_only_uncovered_claims(project, run) -> None:
    path = project / CLAIMS
    before = path.read_text(encoding="utf-8")
    head, tail = before.split("checks:\n")
    result = run("extract", ARTICLE, "--into", CLAIMS)
    assert result.code == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(head) and after.endswith("checks:\n" + tail)  # every byte kept
    added = yaml.safe_load("claims:\n" + after[len(head) :].split("checks:\n")[0])["claims"] or []
    plural = "" if len(added) == 1 else "s"
    assert result.out == f"{CLAIMS}: added {len(added)} claim{plural} ({len(EXPECTED) - len(added)} already covered)\n"
    # What the shipped file already states is not proposed again.
    shipped = yaml.safe_load(before)["claims"]
    for claim in added:
        start, end = claim["span"]
        assert not any(c["kind"] == claim["kind"] and c.get("span") == [start, end] for c in shipped)


def test_extract_never_writes_a_file_with_a_yaml_error(article, run) -> None:
    path = article / "claims" / "police.yaml"
    broken = HEADER + "claims:\n  - id: x\n    span: [1, 2\n"
    path.write_text(broken, encoding="utf-8")
    result = run("extract", ARTICLE, "--into", "claims/police.yaml")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("claims/police.yaml:") and lines[0].endswith("(yaml-syntax)")
    assert lines[-1] == "claims/police.yaml: not written: fix the YAML errors first"
    assert path.read_text(encoding="utf-8") == broken


def test_extract_into_the_claim_file_of_another_source_is_a_usage_error(article, run) -> None:
    (article / "seeds" / "b.txt").write_text("共3项。", encoding="utf-8")
    (article / "claims" / "b.yaml").write_text("source: seeds/b.txt\nsha256: " + "0" * 64 + "\nclaims: []\n", encoding="utf-8")
    result = run("extract", ARTICLE, "--into", "claims/b.yaml")
    assert result.code == 2
    assert result.err == f"factcheck: error: claims/b.yaml is the claim file of seeds/b.txt, not of {ARTICLE}\n"


def test_extract_missing_source_is_a_usage_error(article, run) -> None:
    result = run("extract", "seeds/missing.txt")
    assert (result.code, result.err) == (2, "factcheck: error: no such source file: seeds/missing.txt\n")


def test_a_claim_deleted_and_put_in_ignore_is_not_proposed_again(article, run) -> None:
    path = article / "claims" / "police.yaml"
    path.write_text(HEADER + "claims: []\n", encoding="utf-8")
    assert run("extract", ARTICLE, "--into", "claims/police.yaml").code == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # A person deletes the first claim and sets its quote aside, and drops the second
    # one's figure (part of a quote is enough; the body repeats 97.24%, so two quotes hold it).
    first, second = data["claims"][0], data["claims"][1]
    data["claims"] = data["claims"][2:]
    data["ignore"] = [first["quote"], "97.24%"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    again = run("extract", ARTICLE, "--into", "claims/police.yaml")
    assert (again.code, again.out) == (
        0, f"claims/police.yaml: added 0 claims ({len(EXPECTED) - 3} already covered, 3 in ignore:)\n"
    )
    ids = [c["id"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]]
    assert first["id"] not in ids and second["id"] not in ids
    assert run("verify").code == 0
    # Printed proposals leave them out too.
    printed = run("extract", ARTICLE).out
    quotes = [line for line in printed.splitlines() if line.strip().startswith("quote:")]
    assert f"quote: \"{first['quote']}\"" not in printed and not any("97.24%" in line for line in quotes)


def test_a_list_of_names_stays_with_the_figure_that_counts_them() -> None:
    text = "今年江苏、安徽、山东、河南四省合计增产187万吨，在120个站点、340个窗口可办。"
    found = {c.fields["id"]: c.fields["quote"] for c in candidates(text, PUBLISHED, Ids())}
    assert found["tons_187wan"] == "今年江苏、安徽、山东、河南四省合计增产187万吨"
    # A list of figures is one clause per figure.
    assert found["count_120"] == "在120个站点"
    assert found["count_340"] == "340个窗口可办"


def test_ids_read_the_figure_as_written_not_its_base_units() -> None:
    text = "夏粮总产量12627万吨，其中新增50万吨；播种面积2756万公顷，每公顷4582公斤。"
    ids = [c.fields["id"] for c in candidates(text, PUBLISHED, Ids())]
    assert ids[:4] == ["tons_12627wan", "tons_50wan", "ha_2756wan", "rate_4582"]


def test_a_source_path_yaml_would_misread_is_quoted_in_the_header(article, run) -> None:
    name = "seeds/it's #1: a.txt"
    (article / name).write_text("共3项。", encoding="utf-8")
    result = run("extract", name)
    assert result.code == 0, result.err
    assert result.out.startswith('source: "seeds/it\'s #1: a.txt"\n')
    data = yaml.safe_load(result.out)
    assert data["source"] == name and [c["quote"] for c in data["claims"]] == ["共3项"]
    assert (run("extract", name, "--into", "claims/a.yaml").code, run("verify").code) == (0, 0)


def test_a_claim_file_that_gains_nothing_is_not_rewritten(article, run) -> None:
    assert run("extract", ARTICLE, "--into", "claims/police.yaml").code == 0
    path = article / "claims" / "police.yaml"
    before = path.stat()
    again = run("extract", ARTICLE, "--into", "claims/police.yaml")
    assert (again.code, again.out) == (0, f"claims/police.yaml: added 0 claims ({len(EXPECTED)} already covered)\n")
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
