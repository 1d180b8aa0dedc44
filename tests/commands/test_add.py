"""`factcheck add`: one claim for a quote, found exactly or fuzzily; ambiguous or weak matches refused."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "seeds/zjol-2024-05-28-police-five-years.txt"
CLAIMS = "claims/zjol-2024-05-28-police-five-years.yaml"
SHA = "fdf3d3db0751d464f03da7a7a8125d0dd74feb509e1dd80a9278242bc2e65d6b"
NEW = "claims/zjol-2024-05-28-police-five-years.yaml"  # the default target: claims/<source stem>.yaml



def test_exact_match_creates_the_claim_file(article, run) -> None:
    result = run("add", ARTICLE, "浙江实现189项公安民生事项网上可办", "--id", "online_items")
    assert result.code == 0, result.out + result.err
    assert result.out == (
        f"{NEW}: added online_items (quantity) at {ARTICLE}:23:25 [635, 653), exact match\n"
        "  - id: online_items\n"
        "    kind: quantity\n"
        "    span: [635, 653]\n"
        '    quote: "浙江实现189项公安民生事项网上可办"\n'
        '    prefix: "任俞国孟说。\\n\\n  同时,依托浙江政务服务网和“浙里办”APP,"\n'
        '    suffix: "。五年来,累计为群众提供服务4亿多次。\\n\\n  近年来,随着数字化"\n'
        "    value: 189\n"
        '    unit: "项"\n'
    )
    assert (article / NEW).read_text(encoding="utf-8") == (
        f"source: {ARTICLE}\nsha256: {SHA}\npublished: 2024-05-28T17:26:59\nlanguage: zh\nclaims:\n" + result.out.split("\n", 1)[1]
    )
    verified = run("verify")
    assert (verified.code, verified.out) == (0, "1 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 0 errors, 0 warnings\n")


def test_fuzzy_match_reports_its_score(article, run) -> None:
    result = run("add", ARTICLE, "群众满意率 达99.9％")
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        f"{NEW}: added pct_99_9 (quantity) at {ARTICLE}:17:68 [407, 418), fuzzy match, score 96 "
        "(you typed '群众满意率 达99.9％')"
    )
    assert '    quote: "群众满意率达99.9%"' in result.out.splitlines()
    assert run("verify").code == 0


def test_qualifier_and_multiplier_are_parsed(article, run) -> None:
    result = run("add", ARTICLE, "共侦破涉网违法犯罪案件3.3万余起")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split(": added ")[1].startswith("cases_3_3wan (quantity)")
    assert lines[-3:] == ["    value: 33000", '    unit: "起"', '    qualifier: "余"']


def test_ambiguous_exact_match_is_refused_with_candidates(article, run) -> None:
    result = run("add", ARTICLE, "累计帮助企业签约外贸订单90.5亿元")
    assert result.code == 1
    assert result.out == (
        f"'累计帮助企业签约外贸订单90.5亿元' matches 2 places in {ARTICLE};"
        " quote more of the sentence, or choose one with --at LINE:COL:\n"
        f"  {ARTICLE}:13:122 [262, 280) score 100: '累计帮助企业签约外贸订单90.5亿元'\n"
        f"  {ARTICLE}:35:90 [1311, 1329) score 100: '累计帮助企业签约外贸订单90.5亿元'\n"
    )
    assert not (article / NEW).exists()


def test_at_chooses_the_occurrence(article, run) -> None:
    result = run("add", ARTICLE, "90.5亿元", "--at", "35:102")
    assert result.code == 0, result.out
    lines = result.out.splitlines()
    assert lines[0] == f"{NEW}: added yuan_90_5yi (quantity) at {ARTICLE}:35:102 [1323, 1329), exact match"
    assert lines[-2:] == ["    value: 9050000000", '    unit: "元"']
    # A position inside the figure names it too; a position that is no occurrence is refused.
    assert run("add", ARTICLE, "累计帮助企业签约外贸订单90.5亿元", "--at", "13:130").code == 0
    wrong = run("add", ARTICLE, "90.5亿元", "--at", "1:1")
    assert wrong.code == 1 and wrong.out.startswith(f"'90.5亿元' does not stand at 1:1 in {ARTICLE}; it stands at:")
    assert run("add", ARTICLE, "90.5亿元", "--at", "x").code == 2


def test_ambiguous_fuzzy_match_is_refused(article, run) -> None:
    result = run("add", ARTICLE, "189项公安民生事项网上可辨")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"'189项公安民生事项网上可辨' matches 2 places in {ARTICLE};"
        " quote more of the sentence, or choose one with --at LINE:COL:",
        f"  {ARTICLE}:13:83 [223, 237) score 93: '189项公安民生事项网上可办'",
        f"  {ARTICLE}:23:29 [639, 653) score 93: '189项公安民生事项网上可办'",
    ]


def test_weak_match_is_refused(article, run) -> None:
    result = run("add", ARTICLE, "全省群众满意率达到了百分之九十九")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == f"no match for '全省群众满意率达到了百分之九十九' in {ARTICLE} (a match needs a score of 80)"
    assert lines[1] == "closest:"
    assert all(" score " in line for line in lines[2:])
    assert not (article / NEW).exists()


def test_attributed_quote_gets_speaker_and_role(article, run) -> None:
    quote = ("“目前,除了涉及爆炸、剧毒等危及公共安全的严管严控事项外,所有的公安政务服务事项都已经实现了最多跑一次。”"
             "省公安厅办公室副主任俞国孟说")
    result = run("add", ARTICLE, quote)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == f"{NEW}: added quote_1 (quote) at {ARTICLE}:21:3 [541, 608), exact match"
    assert lines[-2:] == ['    speaker: "俞国孟"', '    role: "省公安厅办公室副主任"']


def test_statement_and_duplicate(article, run) -> None:
    first = run("add", ARTICLE, "为全国最低的省份之一")
    assert first.out.splitlines()[0] == f"{NEW}: added statement_1 (statement) at {ARTICLE}:43:64 [1617, 1627), exact match"
    again = run("add", ARTICLE, "为全国最低的省份之一")
    assert (again.code, again.out) == (1, "'statement_1' already claims [1617, 1627) as a statement\n")


def test_appends_to_the_claim_file_of_the_source_keeping_it_byte_for_byte(project, run) -> None:
    path = project / CLAIMS
    before = path.read_text(encoding="utf-8")
    head, tail = before.split("checks:\n")
    result = run("add", ARTICLE, "平安是群众幸福生活的底色")
    assert result.code == 0
    assert result.out.splitlines()[0] == f"{CLAIMS}: added statement_1 (statement) at {ARTICLE}:41:3 [1455, 1467), exact match"
    after = path.read_text(encoding="utf-8")
    assert after == head + result.out.split("\n", 1)[1] + "checks:\n" + tail


def test_usage_errors_exit_2(article, run) -> None:
    cases = [
        (("--kind", "reference"), "--kind must be one of quantity, date, quote, statement, not 'reference'"),
        (("--id", "1st"), "--id '1st' is not an id (letters, digits and _, not starting with a digit)"),
        (("--kind", "quantity"), "the quote holds no quantity the parser can read; use --kind statement"),
    ]
    for options, message in cases:
        result = run("add", ARTICLE, "为全国最低的省份之一", *options)
        assert (result.code, result.err) == (2, f"factcheck: error: {message}\n")
    result = run("add", "seeds/none.txt", "x")
    assert (result.code, result.err) == (2, "factcheck: error: no such source file: seeds/none.txt\n")
    assert not (article / NEW).exists()


def test_id_already_used_exit_2(project, run) -> None:
    result = run("add", ARTICLE, "浙江是民营经济大省", "--id", "online_items")
    assert (result.code, result.err) == (2, "factcheck: error: --id 'online_items' is already used in the project\n")


def test_never_writes_a_file_with_a_yaml_error(project, run) -> None:
    path = project / CLAIMS
    broken = path.read_text(encoding="utf-8").replace("span: [50, 62]", "span: [50, 62", 1)
    path.write_text(broken, encoding="utf-8")
    result = run("add", ARTICLE, "浙江是民营经济大省", "--into", CLAIMS)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith(f"{CLAIMS}:") and lines[0].endswith("(yaml-syntax)")
    assert lines[-1] == f"{CLAIMS}: not written: fix the YAML errors first"
    assert path.read_text(encoding="utf-8") == broken


def test_into_outside_the_project_is_refused(article, run, tmp_path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere.yaml"
    result = run("add", ARTICLE, "为全国最低的省份之一", "--into", str(outside))
    assert result.code == 2
    assert result.err == f"factcheck: error: {outside} lies outside the project ({article}); claim files belong inside it\n"
    assert not outside.exists()
