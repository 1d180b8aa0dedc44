"""A short harvest report of our own, checked the way a fact-checker writes checks.

The rules below are written as a person would write them (shares, growth, a figure
with its unit, a rate times its base) and pass on the report as written; a figure
changed by one unit of its last written digit makes the rule that watches it fail.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPORT = """夏粮又是一个丰收年

本报北京7月12日电 据国家统计局今天公布的数据，2011年全国夏粮总产量为12627万吨，比上年增加312万吨，增产2.5%。上年夏粮总产量为12315万吨。
河南、山东两省合计增产187万吨，约占全国增产总量的60%。
今年全国夏粮播种面积2756万公顷；平均每公顷产量4582公斤，比上年增加96公斤，上年每公顷为4486公斤。
去年夏粮产量也创了新高。全年夏粮产量合计1.2627亿吨。
"""

# id, kind, quote, the record's other fields. Figures are written as the text writes them.
CLAIMS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("year", "date", "2011年全国夏粮总产量", {"value": "2011", "text": "2011年"}),
    ("total", "quantity", "总产量为12627万吨", {"value": "12627万吨"}),
    ("inc", "quantity", "比上年增加312万吨", {"value": "312万吨"}),
    ("growth_pct", "quantity", "增产2.5%", {"value": "2.5%"}),
    ("last_total", "quantity", "上年夏粮总产量为12315万吨", {"value": "12315万吨"}),
    ("part", "quantity", "两省合计增产187万吨", {"value": "187万吨", "text": "187万吨"}),
    # 约 stands apart from 60%, so it is recorded by hand.
    ("share_pct", "quantity", "约占全国增产总量的60%", {"value": 60, "unit": "%", "qualifier": "约"}),
    ("area", "quantity", "播种面积2756万公顷", {"value": "2756万公顷"}),
    # 每公顷 stands apart from 4582公斤: the rate's base is recorded by hand.
    ("yield_per_ha", "quantity", "平均每公顷产量4582公斤", {"value": 4582, "unit": "公斤", "per": 1, "per_unit": "公顷"}),
    ("yield_inc", "quantity", "每公顷产量4582公斤，比上年增加96公斤",
     {"value": 96, "unit": "公斤", "per": 1, "per_unit": "公顷", "text": "96公斤"}),
    ("last_yield", "quantity", "上年每公顷为4486公斤", {"value": 4486, "unit": "公斤", "per": 1, "per_unit": "公顷"}),
    ("total_body", "quantity", "全年夏粮产量合计1.2627亿吨", {"value": "1.2627亿吨"}),
]
LAST_YEAR = ("last_year", "date", "去年夏粮产量", {"value": "2010", "text": "去年"})

CHECKS = {
    "growth_ratio": "inc / (total - inc) == growth_pct",
    "growth_helper": "growth(total, total - inc) == growth_pct",
    "share_of_rise": "share(part, inc) == share_pct",
    "rise_over_300": "inc > 300万吨",
    "yield_times_area": "yield_per_ha * area == total",
    "headline_body": "total == total_body",
    "last_plus_rise": "last_total + inc == total",
    "yield_rise": "last_yield + yield_inc == yield_per_ha",
}


def write_project(root: Path, text: str = REPORT, published: str | None = "2011-07-12",
                  claims: list[tuple[str, str, str, dict[str, Any]]] = CLAIMS) -> None:
    (root / "seeds").mkdir(exist_ok=True)
    (root / "claims").mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.factcheck]\ndisable = []\n", encoding="utf-8")
    (root / "seeds" / "harvest.txt").write_text(text, encoding="utf-8")
    records = []
    for ident, kind, quote, fields in claims:
        start = text.index(quote)
        records.append({"id": ident, "kind": kind, "span": [start, start + len(quote)], "quote": quote, **fields})
    data: dict[str, Any] = {
        "source": "seeds/harvest.txt",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
    }
    if published:
        data["published"] = published
    data["claims"] = records
    data["checks"] = [{"id": k, "rule": v, "why": "harvest arithmetic"} for k, v in CHECKS.items()]
    (root / "claims" / "harvest.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def harvest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path)
    return tmp_path


def verdicts(run) -> dict[str, str]:
    result = run("verify", "--format", "json")
    assert "Traceback" not in result.out + result.err
    data = json.loads(result.out)
    return {c["id"]: c["verdict"] for c in data["checks"]}, data


def test_every_rule_passes_as_written(run, harvest: Path) -> None:
    result = run("verify", "--format", "text")
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1].startswith(f"{len(CLAIMS)} claims in 1 file, {len(CHECKS)} checks: {len(CHECKS)} pass, 0 fail")


def _digits(figure: str) -> str:
    """The number at the head of a figure: `12627万吨` -> `12627`."""
    return re.match(r"[0-9.]+", figure).group()  # type: ignore[union-attr]


def planted(old: str, new: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The claims after `old` is changed to `new` in the report (records follow the text)."""
    number = float(_digits(new))
    claims = []
    for ident, kind, quote, fields in CLAIMS:
        fields = dict(fields)
        if old in quote and fields.get("text", old) == old:
            fields["value"] = new if fields["value"] == old else number
        if fields.get("text") == old:
            fields["text"] = new
        claims.append((ident, kind, quote.replace(old, new), fields))
    return claims


# Each figure, changed to the first value (in units of its last written digit) that the
# rule watching it can tell from the truth, and the rule that then fails. For most
# figures that is one unit. A figure added to another rounded figure can move by the
# other's rounding too (two units); 约60% is ±10% and the 187万吨 it is a share of is
# measured by it, so they move further before the share stops holding.
PLANTS = [
    ("12627万吨", "12628万吨", "headline_body"),
    ("1.2627亿吨", "1.2626亿吨", "headline_body"),
    ("2.5%", "2.6%", "growth_ratio"),
    ("2.5%", "2.4%", "growth_helper"),
    ("312万吨", "314万吨", "last_plus_rise"),
    ("12315万吨", "12313万吨", "last_plus_rise"),
    ("2756万公顷", "2757万公顷", "yield_times_area"),
    ("4582公斤", "4583公斤", "yield_times_area"),
    ("4582公斤", "4581公斤", "yield_rise"),
    ("96公斤", "97公斤", "yield_rise"),
    ("4486公斤", "4485公斤", "yield_rise"),
    ("60%", "67%", "share_of_rise"),
    ("187万吨", "167万吨", "share_of_rise"),
]


def _one_unit_back(old: str, new: str) -> str:
    """`new` moved one unit of its last digit back toward `old`."""
    digits = _digits(new)
    places = len(digits.split(".")[1]) if "." in digits else 0
    step = 10.0**-places * (1 if float(digits) < float(_digits(old)) else -1)
    return f"{float(digits) + step:.{places}f}" + new[len(digits):]


@pytest.mark.parametrize(("old", "new", "rule"), PLANTS, ids=[f"{o}->{n}" for o, n, _ in PLANTS])
def test_a_planted_figure_fails_the_rule_that_watches_it(run, tmp_path: Path, monkeypatch, old: str, new: str, rule: str) -> None:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, REPORT.replace(old, new), claims=planted(old, new))
    found, data = verdicts(run)
    assert found[rule] == "fail", found
    assert not [p for p in data["findings"] if p["rule"] != "check"]  # records follow the text
    # One unit closer to the truth, the figure is within what the rule can tell apart.
    back = _one_unit_back(old, new)
    if back != old:
        write_project(tmp_path, REPORT.replace(old, back), claims=planted(old, back))
        assert set(verdicts(run)[0].values()) == {"pass"}


def test_show_gives_the_figure_in_the_text_unit(run, harvest: Path) -> None:
    result = run("show", "inc", "--format", "text")
    assert result.code == 0
    assert "  value: 312万吨 = [311.5万, 312.5万) 吨  [mass]" in result.out.splitlines()
    assert "千克" not in result.out
    data = json.loads(run("show", "inc", "--format", "json").out)
    assert data["value"]["figure"] == "312万吨 = [311.5万, 312.5万) 吨"
    assert (data["value"]["lo"], data["value"]["unit"]) == (3115000000, "千克")  # base units in JSON only


def test_check_explanation_shows_written_units(run, harvest: Path) -> None:
    out = run("show", "yield_times_area", "--format", "text").out
    assert "total = [12626.5万, 12627.5万) 吨  «总产量为12627万吨»" in out
    assert "area = [2755.5万, 2756.5万) 公顷  «播种面积2756万公顷»" in out
    assert "yield_per_ha = 4582 公斤/公顷 = 4582 × 0.0001 = " in out
    # The product is in kilograms, shown in the 万吨 of the figure it is compared with.
    assert "yield_per_ha * area = [0.4582, 0.4582] * [2755.5万, 2756.5万) = [12625.7万, 12630.3万) 吨" in out
    assert "verdict: pass" in out


def test_relative_date_without_published_is_one_finding(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, published=None, claims=[*CLAIMS, LAST_YEAR])
    result = run("verify", "--format", "text")
    findings = [line for line in result.out.splitlines() if "[" in line and "]" in line]
    assert findings == [
        "claims/harvest.yaml:1:1: [warning] 'last_year' is a relative date, and the file gives no 'published'"
        " date to resolve it against: add 'published: YYYY-MM-DD' (the dateline of the source) (published-known)"
    ]
    # Not resolved against today: the record stands as written, and is not compared with the text.
    out = run("show", "last_year", "--format", "text").out
    assert "`去年` is relative and the file gives no published date" in out


def test_a_year_holding_the_publication_day_is_not_after_it(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, published="2011-07-12", claims=[*CLAIMS, LAST_YEAR])
    result = run("verify", "--format", "json")
    assert result.code == 0 and json.loads(result.out)["findings"] == []
    out = run("show", "year", "--format", "text").out
    assert "pass    date-not-after-publication" in out
    # A year that starts after publication is still reported.
    later = [(i, k, q, {**f, "value": "2012"}) if i == "year" else (i, k, q, f) for i, k, q, f in CLAIMS]
    write_project(tmp_path, published="2011-07-12", claims=later)
    rules = {p["rule"] for p in json.loads(run("verify", "--format", "json").out)["findings"]}
    assert "date-not-after-publication" in rules


def test_misspelled_field_is_reported_once_and_the_claim_still_counts(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    claims = [(i, k, q, {**f, "qualifer": "约"}) if i == "part" else (i, k, q, f) for i, k, q, f in CLAIMS]
    write_project(tmp_path, claims=claims)
    result = run("verify", "--format", "json")
    data = json.loads(result.out)
    assert [(f["rule"], f["message"]) for f in data["findings"]] == [
        ("schema", "claim 'part': unknown field 'qualifer' (did you mean 'qualifier'?)")
    ]
    assert {c["id"]: c["verdict"] for c in data["checks"]}["share_of_rise"] == "pass"


def test_unknown_id_in_a_check_gets_a_suggestion(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path)
    path = tmp_path / "claims" / "harvest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("share(part, inc)", "share(prat, inc)"), encoding="utf-8")
    messages = [f["message"] for f in json.loads(run("verify", "--format", "json").out)["findings"]]
    assert messages == ["check 'share_of_rise' names 'prat', which is no claim in the project (did you mean 'part'?)"]


def test_a_claim_that_does_not_load_is_reported_once(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    claims = [(i, k, q, {**f, "value": "lots"}) if i == "part" else (i, k, q, f) for i, k, q, f in CLAIMS]
    write_project(tmp_path, claims=claims)
    findings = json.loads(run("verify", "--format", "json").out)["findings"]
    assert [f["rule"] for f in findings] == ["schema"]
    assert "not a figure" in findings[0]["message"]


def test_a_base_or_qualifier_the_quote_does_not_write_is_still_a_mismatch(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    # The yield quote names 公顷, not 亩; the growth quote writes no 约.
    claims = [(i, k, q, {**f, "per_unit": "亩"}) if i == "yield_per_ha"
              else (i, k, q, {**f, "qualifier": "约"}) if i == "growth_pct" else (i, k, q, f)
              for i, k, q, f in CLAIMS]
    write_project(tmp_path, claims=claims)
    findings = json.loads(run("verify", "--format", "json").out)["findings"]
    mismatched = sorted(f["claim"] for f in findings if f["rule"] == "value-matches-text")
    assert mismatched == ["growth_pct", "yield_per_ha"]
