"""The check language: what it parses, what it rejects (and where), and what it computes."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from factcheck.checklang.language import (
    MAX_DEPTH,
    MAX_RULE_LENGTH,
    Arith,
    BoolOp,
    Call,
    Compare,
    Name,
    Neg,
    Not,
    Num,
    Operand,
    RuleEvalError,
    RuleSyntaxError,
    evaluate,
    parse_rule,
    rule_names,
)
from factcheck.meaning.dims import CNY, COUNT, NUMBER, PERCENT, POINTS
from factcheck.meaning.interval import INF, Interval

ENV: dict[str, Operand] = {
    # The article's figures, as their written forms read.
    "online_items": Operand(Interval.exact(189), COUNT, "项", "189项公安民生事项网上可办"),
    "one_cert_items": Operand(Interval.exact(144), COUNT, "个"),
    "no_material_items": Operand(Interval.exact(73), COUNT, "项"),
    "windows": Operand(Interval(2300, 2400, False, False), COUNT, "个"),
    "points": Operand(Interval(1280, 1290, False, False), COUNT, "个"),
    "suspects": Operand(Interval(146000, 147000, False, False), COUNT, "名"),
    "cases": Operand(Interval(33000, 34000, False, False), COUNT, "起"),
    "homicide_rate": Operand(
        Interval(0.415, 0.425, True, False), NUMBER, "起/10万人", "每十万人0.42起", scale=1e-5
    ),
    "population": Operand(Interval(66265000, 66275000, True, False), COUNT, "人"),
    "fraud_loss": Operand(Interval(90.45e8, 90.55e8, True, False), CNY, "元"),
    "big_money": Operand(Interval(2e9, INF, False, False), CNY, "元"),
    "approval": Operand(Interval(97.235, 97.245, True, False), PERCENT, "%"),
    "approval_head": Operand(Interval(97.235, 97.245, True, False), PERCENT, "%"),
    "share": Operand(Interval(40.065, 40.075, True, False), PERCENT, "%"),
    "gain": Operand(Interval.exact(2), POINTS, "个百分点"),
    "exact_a": Operand(Interval.exact(5), COUNT, "个"),
    "exact_b": Operand(Interval.exact(5), COUNT, "个"),
    "zero_ish": Operand(Interval(-1, 1), COUNT, "个"),
}


def verdict(rule: str) -> str:
    return evaluate(parse_rule(rule), ENV).verdict


# -- parsing --------------------------------------------------------------------------


def test_parse_shapes() -> None:
    node = parse_rule("a + b * -c <= sum(d, 2.5e3) and not (e == f or g != 1)")
    assert isinstance(node, BoolOp) and node.op == "and"
    cmp, neg = node.operands
    assert isinstance(cmp, Compare) and cmp.ops == (("<=", 11),)
    left = cmp.operands[0]
    assert isinstance(left, Arith) and left.rest[0][0] == "+"
    product = left.rest[0][2]
    assert isinstance(product, Arith) and isinstance(product.rest[0][2], Neg)
    call = cmp.operands[1]
    assert isinstance(call, Call) and call.func == "sum"
    assert call.args[1] == Num(2500.0, 21, "2.5e3")
    assert isinstance(neg, Not) and isinstance(neg.operand, BoolOp) and neg.operand.op == "or"


@pytest.mark.parametrize(
    ("text", "value"),
    [("189", 189.0), ("90.5", 90.5), ("1e5", 1e5), ("2.5E-3", 2.5e-3), (".5", 0.5), ("5.", 5.0)],
)
def test_number_forms(text: str, value: float) -> None:
    node = parse_rule(f"a > {text}")
    assert isinstance(node, Compare)
    assert node.operands[1] == Num(value, 4, text)


def test_negative_literal_is_folded() -> None:
    node = parse_rule("a > -5")
    assert isinstance(node, Compare)
    assert node.operands[1] == Num(-5.0, 4, "-5")


def test_rule_names_in_order_with_offsets() -> None:
    node = parse_rule("sum(a, b) > c + -d and not e == f_2")
    assert rule_names(node) == [("a", 4), ("b", 7), ("c", 12), ("d", 17), ("e", 27), ("f_2", 32)]
    assert rule_names(parse_rule("a == a")) == [("a", 0), ("a", 5)]
    assert all(isinstance(n, str) for n, _ in rule_names(parse_rule("max(x) < 1")))


def test_node_is_immutable() -> None:
    node = parse_rule("a > b")
    with pytest.raises(AttributeError):
        node.offset = 3  # type: ignore[misc]


def test_names_are_plain_identifiers() -> None:
    assert rule_names(parse_rule("_x1 < Y_2")) == [("_x1", 0), ("Y_2", 6)]
    assert isinstance(parse_rule("a<b").operands[0], Name)  # type: ignore[union-attr]


DEEP = "(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1) + " > 1"

# One line per case: rule text, expected column, a word of the message.
REJECTED = [
    ("a.b > 1", 1, "attribute"),
    ("a . b > 1", 2, "attribute"),
    ("a.5 > 1", 1, "attribute"),
    ("(a).b > 1", 3, "attribute"),
    ("a > b.__class__", 5, "attribute"),
    ("foo(a) > 1", 0, "calling 'foo'"),
    ("eval(a) > 1", 0, "calling 'eval'"),
    ("__import__(a) > 1", 0, "calling '__import__'"),
    ("a > len(b)", 4, "calling 'len'"),
    ("(a)(b) > 1", 3, "only sum, min, max and abs"),
    ("a[0] > 1", 1, "subscripts"),
    ("a > b[1:2]", 5, "subscripts"),
    ("[a] > 1", 0, "subscripts and lists"),
    ("{a} > 1", 0, "sets and dicts"),
    ("lambda: 1", 0, "lambda"),
    ("(lambda x: x) > 1", 1, "lambda"),
    ("sum(x for x in a) > 1", 6, "comprehensions"),
    ("(x for x in a) > 1", 3, "comprehensions"),
    ("'a' > 1", 0, "strings"),
    ('a > "1"', 4, "strings"),
    ("a ** 2 > 1", 2, "'**'"),
    ("a // 2 > 1", 2, "'//'"),
    ("a % 2 > 1", 2, "'%'"),
    ("a = 1", 2, "assignment"),
    ("a += 1", 2, "augmented assignment"),
    ("(a := 1) > 0", 3, "':='"),
    ("max(a, key=b) > 1", 10, "assignment"),
    ("a > 1 if b else 2", 6, "conditional"),
    ("a in b", 2, "'in'"),
    ("a is b", 2, "'is'"),
    ("True", 0, "True"),
    ("a > None", 4, "None"),
    ("a & b", 2, "bitwise"),
    ("a | b", 2, "bitwise"),
    ("~a > 1", 0, "bitwise"),
    ("!a", 0, "'!'"),
    ("a <> b", 2, "'<>'"),
    ("a << 1 > 1", 2, "shift"),
    ("a > 1; b > 1", 5, "';'"),
    ("a > 1 # note", 6, "comments"),
    ("a ≥ b", 2, "U+2265"),
    ("a\u3000> b", 1, "U+3000"),
    ("a > 1_000", 4, "malformed number"),
    ("a > 0x10", 4, "malformed number"),
    ("a > 1e", 4, "malformed number"),
    ("a > 1.2.3", 4, "malformed number"),
    ("+a > 1", 0, "unary '+'"),
    ("a + b", 0, "must be a check"),
    ("sum(a, b)", 0, "must be a check"),
    ("(a > 1) + 1 > 0", 1, "comparison cannot be used as a number"),
    ("a > (b > c)", 5, "comparison cannot be used as a number"),
    ("sum(a > 1) > 0", 4, "comparison cannot be used as a number"),
    ("-(a > 1) < 0", 2, "comparison cannot be used as a number"),
    ("a > 1 and b", 10, "'and' joins comparisons"),
    ("a or b > 1", 0, "'or' joins comparisons"),
    ("not a", 4, "'not' applies to a comparison"),
    ("sum > 1", 0, "is a function"),
    ("sum() > 1", 4, "at least one argument"),
    ("abs(a, b) > 1", 0, "exactly one argument"),
    ("sum(a,) > 1", 6, "argument after ','"),
    ("(a, b) > 1", 2, "tuples"),
    ("a > 1,", 5, "','"),
    ("a > ", 4, "unexpected end"),
    ("", 0, "empty rule"),
    ("   ", 3, "empty rule"),
    ("(a > 1", 6, "never closed"),
    ("sum(a > 1", 4, "comparison cannot be used"),
    ("sum(a, b > 1", 7, "comparison cannot be used"),
    ("a > 1)", 5, "unmatched ')'"),
    ("() > 1", 1, "empty parentheses"),
    ("a > > b", 4, "found '>'"),
    ("a b > 1", 2, "missing operator"),
    ("a > 1 2", 6, "missing operator"),
    ("a * / b > 1", 4, "found '/'"),
    (DEEP, MAX_DEPTH, "nested too deeply"),
    ("-" * (MAX_DEPTH + 1) + "a > 1", MAX_DEPTH, "nested too deeply"),
    ("not " * (MAX_DEPTH + 1) + "a > 1", 4 * MAX_DEPTH, "nested too deeply"),
    ("sum(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1) + " > 1", 4 * MAX_DEPTH, "nested"),
    ("a > " + "1 + " * MAX_RULE_LENGTH + "1", MAX_RULE_LENGTH, "too long"),
]


@pytest.mark.parametrize(("text", "offset", "words"), REJECTED)
def test_rejected(text: str, offset: int, words: str) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule(text)
    assert info.value.offset == offset, info.value.message
    assert words in info.value.message


def test_error_offset_counts_code_points() -> None:
    # Offsets are code-point columns, not bytes: a non-ASCII character before the error
    # cannot occur in a valid rule, so check a character that is itself the error.
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule("a > b and 数量 > 1")
    assert info.value.offset == 10


def test_nesting_at_the_limit_is_fine() -> None:
    text = "(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH + " > 1"
    assert rule_names(parse_rule(text)) == [("a", MAX_DEPTH)]


def test_long_flat_rule_is_fine() -> None:
    text = "a < " + " + ".join(["b"] * 400)
    assert len(rule_names(parse_rule(text))) == 401


def test_parsing_never_calls_eval(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("eval/exec/compile called")

    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, forbidden)
    import ast

    monkeypatch.setattr(ast, "parse", forbidden)
    node = parse_rule("sum(a, b) <= max(c, 2) * 3 and not a == -b")
    assert evaluate(parse_rule("online_items > one_cert_items"), ENV).verdict == "pass"
    assert rule_names(node)[0] == ("a", 4)


# -- evaluation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("online_items > one_cert_items", "pass"),
        ("online_items > one_cert_items > no_material_items", "pass"),
        ("windows >= points", "pass"),
        ("suspects > cases", "pass"),
        ("5 * 3000e4 <= 4e8", "pass"),
        ("approval == approval_head", "pass"),
        ("online_items == 189", "pass"),
        ("share == 40.07", "pass"),
        ("share == 40.08", "fail"),
        ("one_cert_items > online_items", "fail"),
        ("windows > 2350", "unknown"),
        ("big_money > 2e9", "pass"),
        ("big_money >= 3e9", "unknown"),
        ("big_money + fraud_loss > 2e9 + 9.045e9", "pass"),
        ("big_money * 2 > 4e9", "pass"),
        ("0 <= approval <= 100", "pass"),
        ("exact_a != exact_b", "fail"),
        ("exact_a != 6", "pass"),
        ("windows != 2350", "unknown"),
        ("max(windows, points) == windows", "pass"),
        ("min(windows, points) < 1300", "pass"),
        ("abs(one_cert_items - online_items) == 45", "pass"),
        ("sum(online_items, one_cert_items, no_material_items) == 406", "pass"),
        ("online_items - one_cert_items - no_material_items == -28", "pass"),
        ("online_items - one_cert_items - no_material_items > 0", "fail"),
        ("-online_items < -one_cert_items", "pass"),
        ("(online_items + 1) / 2 == 95", "pass"),
        ("cases / suspects < 1", "pass"),
        ("100 > online_items", "fail"),
    ],
)
def test_verdicts(rule: str, expected: str) -> None:
    assert verdict(rule) == expected


def test_chain_is_a_conjunction() -> None:
    # a < b < c means a < b and b < c, with b computed once.
    assert verdict("no_material_items < one_cert_items < online_items") == "pass"
    assert verdict("no_material_items < online_items < one_cert_items") == "fail"
    assert verdict("no_material_items < windows < 2350") == "unknown"
    assert verdict("online_items > no_material_items < one_cert_items") == "pass"


T, F, U = "online_items > 1", "online_items < 1", "windows > 2350"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (f"{T} and {T}", "pass"),
        (f"{T} and {U}", "unknown"),
        (f"{F} and {U}", "fail"),
        (f"{U} and {F}", "fail"),
        (f"{U} and {U}", "unknown"),
        (f"{F} or {T}", "pass"),
        (f"{U} or {T}", "pass"),
        (f"{U} or {F}", "unknown"),
        (f"{F} or {F}", "fail"),
        (f"not {T}", "fail"),
        (f"not {F}", "pass"),
        (f"not {U}", "unknown"),
        (f"not not {T}", "pass"),
        # and binds tighter than or; not binds looser than comparisons.
        (f"{T} or {F} and {F}", "pass"),
        (f"({T} or {F}) and {F}", "fail"),
    ],
)
def test_kleene_logic(rule: str, expected: str) -> None:
    assert verdict(rule) == expected


def test_homicide_rate_times_population() -> None:
    outcome = evaluate(parse_rule("homicide_rate * population <= 300"), ENV)
    assert outcome.verdict == "pass"
    text = "\n".join(outcome.steps)
    assert "[0.415, 0.425) 起/10万人" in text
    assert "[66265000, 66275000) 人" in text
    product = next(s for s in outcome.steps if s.startswith("homicide_rate * population ="))
    assert product.endswith("= [274.999, 281.669) count")
    assert outcome.steps[-1].endswith("every value satisfies it -> pass")
    assert "[274.999, 281.669)" in outcome.summary and "pass" in outcome.summary


def test_rate_times_population_is_a_count() -> None:
    # A count literal is adopted by the product; comparing it with money is an error.
    assert verdict("homicide_rate * population > 270") == "pass"
    with pytest.raises(RuleEvalError, match="count"):
        verdict("homicide_rate * population < fraud_loss")


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("fraud_loss + approval > 1", ["add", "元", "money:CNY", "%", "percent"]),
        ("cases > fraud_loss", ["compare", "起", "count", "元", "money:CNY"]),
        ("fraud_loss - cases > 1", ["subtract", "元", "起"]),
        ("approval > gain", ["percent", "percentage_point"]),
        ("sum(cases, fraud_loss) > 1", ["add", "count", "money:CNY"]),
        ("max(cases, approval) > 1", ["combine", "count", "percent"]),
        ("cases == online_items or cases == fraud_loss", ["compare"]),
    ],
)
def test_dimension_mismatch_is_an_error(rule: str, words: list[str]) -> None:
    with pytest.raises(RuleEvalError) as info:
        verdict(rule)
    for word in words:
        assert word in info.value.message


def test_dimension_error_offset_is_the_operator() -> None:
    with pytest.raises(RuleEvalError) as info:
        verdict("cases > fraud_loss")
    assert info.value.offset == 6


def test_bare_number_adopts_dimension() -> None:
    assert verdict("fraud_loss > 1e9") == "pass"
    assert verdict("1 + cases > 33000") == "pass"
    assert verdict("cases * 2 > 66000") == "pass"
    assert verdict("2 * 3 + cases > 33006") == "pass"


def test_division_by_a_count_gives_a_ratio() -> None:
    assert verdict("cases / suspects < 0.5") == "pass"
    with pytest.raises(RuleEvalError, match="compare"):
        verdict("cases / suspects < cases")


def test_percent_times_quantity_is_a_ratio() -> None:
    outcome = evaluate(parse_rule("share * online_items < 76"), ENV)
    assert outcome.verdict == "pass"
    assert any("as a ratio" in step for step in outcome.steps)
    # A percentage times a bare number stays a percentage.
    assert verdict("share * 2 < 100") == "pass"
    assert verdict("approval / approval_head == 1") == "pass"


def test_division_by_interval_containing_zero() -> None:
    with pytest.raises(RuleEvalError, match="contains 0") as info:
        verdict("cases / zero_ish > 1")
    assert info.value.offset == 6
    with pytest.raises(RuleEvalError, match="contains 0"):
        verdict("cases / (exact_a - exact_b) > 1")


def test_unknown_name() -> None:
    with pytest.raises(RuleEvalError, match="unknown claim id 'nope'") as info:
        verdict("cases > nope")
    assert info.value.offset == 8


def test_explanation_lists_operands_steps_and_comparisons() -> None:
    outcome = evaluate(parse_rule("sum(windows, points) > 3500 and not cases > suspects"), ENV)
    assert outcome.verdict == "pass"
    assert outcome.steps == [
        "windows = (2300, 2400) 个",
        "points = (1280, 1290) 个",
        "sum(windows, points) = (2300, 2400) + (1280, 1290) = (3580, 3690) 个",
        "sum(windows, points) > 3500: (3580, 3690) > 3500: every value satisfies it -> pass",
        "cases = (33000, 34000) 起",
        "suspects = (146000, 147000) 名",
        "cases > suspects: (33000, 34000) > (146000, 147000): no value satisfies it -> fail",
        "not fail -> pass",
        "and: pass, pass -> pass",
    ]
    assert outcome.summary == (
        "sum(windows, points) = (3580, 3690) 个 > 3500 -> pass; "
        "cases = (33000, 34000) 起 > suspects = (146000, 147000) 名 -> fail => pass"
    )


def test_operand_label_shown() -> None:
    outcome = evaluate(parse_rule("online_items > 100"), ENV)
    assert outcome.steps[0] == "online_items = 189 项  «189项公安民生事项网上可办»"
    assert outcome.summary == "online_items = 189 项 > 100 -> pass"
