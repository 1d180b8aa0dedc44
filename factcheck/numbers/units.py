"""The unit table: how a written unit maps to a normalized unit, a dimension and a scale.

A unit as written (`万元` is a multiplier and a unit, handled elsewhere; here only
`元`, `公里`, `个百分点` …) is looked up in `table()`. The entry names the normalized unit
the value is expressed in, its dimension, the power of ten folded into the value
(`3公里` is 3000 米, exactly as `3万` is 30000), and a kind the scanner uses to tell
counts (where a lone `一` is usually the article "a", not a figure) from the rest.

Months written as `N月` are dates (`7月` is July), so only `个月` is a duration here;
`N日` standing alone is also read as a date by the scanner, `日` here is the fallback.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from factcheck.meaning.dims import Dim


class Unit(NamedTuple):
    name: str  # normalized unit the value is expressed in
    dim: Dim
    exp: int  # power of ten folded into the value (公里 -> 米: 3)
    kind: str  # count | money | percent | share | discount | duration | measure | ratio
    factor: float = 1.0  # a further factor that is no power of ten (斤 -> 千克: 5, exp -1)


# Units whose 多/余 after the unit (`1年多`, `3个多月`) means "and a part of one more unit".
FRACTION_AFTER = frozenset({"duration"})


@functools.cache
def table() -> dict[str, Unit]:
    """Every unit as written -> its entry; built on first use, not at import."""
    from factcheck.meaning.dims import (
        CNY,
        COUNT,
        DAY,
        HOUR,
        MONTH,
        NUMBER,
        PERCENT,
        PERMILLE,
        POINTS,
        USD,
        YEAR,
        Dim,
    )  # fmt: skip

    # Bases the shared dimension module does not name; kept here, the one place that
    # knows about them.
    week, minute, second = Dim.base("week"), Dim.base("minute"), Dim.base("second")
    length, area, mass = Dim.base("length"), Dim.base("area"), Dim.base("mass")

    def _counts(words: str) -> dict[str, Unit]:
        return {w: Unit(w, COUNT, 0, "count") for w in words.split()}

    def _same(
        words: str, name: str, dim: Dim, kind: str, exp: int = 0, factor: float = 1.0
    ) -> dict[str, Unit]:
        return {w: Unit(name, dim, exp, kind, factor) for w in words.split()}

    def _money(words: str, code: str) -> dict[str, Unit]:
        dim = CNY if code == "CNY" else USD if code == "USD" else Dim.base("money:" + code)
        return _same(words, words.split()[0], dim, "money")

    volume, energy, power = Dim.base("volume"), Dim.base("energy"), Dim.base("power")
    data, frequency = Dim.base("information"), Dim.base("frequency")
    units: dict[str, Unit] = {
        **_counts(
            "人次 家次 户次 批次 项 个 起 名 次 家 件 人 种 所 户 辆 台 条 套 批 宗 例 位 只 "
            "头 座 处 张 部 篇 份 支 艘 架 栋 幢 本 册 场 趟 轮 单 笔 床 枚 颗 棵 株 组 类 款 "
            "双 对 块 届 章 页 集 首 匹 口 根 片 粒 瓶 箱 袋 包 盒 辆次 架次 艘次 班次 "
            "省 省份 省市 省区 省区市 市 县 区 国 州 镇 乡 村 岛 市县 县市 城 地 "
            "省（区） 省(区) 省（区、市） 省(区、市) 省（市） 省(市) 省（市、区） 省(市、区)"
        ),
        **_same("人口", "人", COUNT, "count"),
        **_same("打", "个", COUNT, "count", 0, 12.0),
        **_same("元 元人民币 人民币 块钱", "元", CNY, "money"),
        **_same("美元 美金 美圆", "美元", USD, "money"),
        **_money("日元 日圆", "JPY"),
        **_money("欧元", "EUR"),
        **_money("英镑", "GBP"),
        **_money("港元 港币", "HKD"),
        **_money("新台币 台币", "TWD"),
        **_money("韩元", "KRW"),
        **_money("卢布", "RUB"),
        **_money("澳元", "AUD"),
        **_money("加元", "CAD"),
        **_money("瑞士法郎", "CHF"),
        **_money("新加坡元", "SGD"),
        **_money("泰铢", "THB"),
        **_money("印度卢比 卢比", "INR"),
        **_money("奈拉", "NGN"),
        **_money("比特币", "BTC"),
        **_same("% ％", "%", PERCENT, "percent"),
        **_same("‰", "‰", PERMILLE, "percent"),
        # 三成 is 30%: a tenth, folded into the value as 10 percent.
        **_same("成", "%", PERCENT, "share", 1),
        # 九折 is 90% of the price, like 九成 (two digits, 75折, are read as 75%).
        **_same("折", "%", PERCENT, "discount", 1),
        **_same("百分点 个百分点", "百分点", POINTS, "percent"),
        **_same("倍", "倍", NUMBER, "ratio"),
        **_same("年 周年", "年", YEAR, "duration"),
        # An age in years keeps its own name so that `60岁` is not shown as 60 年.
        **_same("岁 周岁", "岁", YEAR, "duration"),
        **_same("个月 个多月 个余月 个半月", "月", MONTH, "duration"),
        **_same("天 日 个工作日 工作日", "天", DAY, "duration"),
        **_same("小时 个小时 个多小时 个半小时 钟头 个钟头 个多钟头 个半钟头", "小时", HOUR, "duration"),
        **_same("周 个星期 个多星期 星期", "周", week, "duration"),
        **_same("分钟", "分钟", minute, "duration"),
        **_same("秒 秒钟", "秒", second, "duration"),
        **_same("米 m", "米", length, "measure"),
        **_same("公里 千米 km KM", "米", length, "measure", 3),
        **_same("厘米 公分 cm CM", "米", length, "measure", -2),
        **_same("毫米 mm MM", "米", length, "measure", -3),
        **_same("微米", "米", length, "measure", -6),
        **_same("纳米 nm", "米", length, "measure", -9),
        **_same("平方米 平米 ㎡", "平方米", area, "measure"),
        **_same("公顷", "平方米", area, "measure", 4),
        **_same("平方公里 平方千米 km² km2", "平方米", area, "measure", 6),
        # 1 亩 is 1/15 公顷: a factor, not a power of ten.
        **_same("亩", "平方米", area, "measure", 0, 2000 / 3),
        **_same("千克 公斤 kg KG", "千克", mass, "measure"),
        **_same("克 g", "千克", mass, "measure", -3),
        **_same("毫克 mg", "千克", mass, "measure", -6),
        **_same("微克", "千克", mass, "measure", -9),
        **_same("吨 t", "千克", mass, "measure", 3),
        # Market units of the mainland: 1 斤 = 500 g, 1 两 = 50 g.
        **_same("斤", "千克", mass, "measure", -1, 5.0),
        **_same("两", "千克", mass, "measure", -2, 5.0),
        **_same("立方米 m³ m3", "立方米", volume, "measure"),
        **_same("升 L", "立方米", volume, "measure", -3),
        **_same("毫升 ml mL", "立方米", volume, "measure", -6),
        **_same("焦耳 焦", "焦耳", energy, "measure"),
        **_same("千焦 kJ", "焦耳", energy, "measure", 3),
        **_same("卡路里", "焦耳", energy, "measure", 0, 4.184),
        **_same("千卡 大卡 kcal", "焦耳", energy, "measure", 3, 4.184),
        **_same("千瓦时 kWh", "焦耳", energy, "measure", 6, 3.6),
        **_same("瓦 W", "瓦", power, "measure"),
        **_same("千瓦 kW", "瓦", power, "measure", 3),
        **_same("兆瓦 MW", "瓦", power, "measure", 6),
        **_same("赫兹 赫 Hz", "赫兹", frequency, "measure"),
        **_same("千赫兹 千赫 kHz", "赫兹", frequency, "measure", 3),
        **_same("兆赫兹 兆赫 MHz", "赫兹", frequency, "measure", 6),
        **_same("比特 位元", "比特", data, "measure"),
        **_same("字节", "比特", data, "measure", 0, 8.0),
        **_same("千字节 KB", "比特", data, "measure", 3, 8.0),
        **_same("兆字节 MB", "比特", data, "measure", 6, 8.0),
    }
    return units


@functools.cache
def _by_name() -> dict[str, Unit]:
    """Normalized names and a few bare names people write in claim files."""
    units = table()
    named = {u.name: u for u in units.values() if u.exp == 0}
    named.update({"月": units["个月"], "日": units["天"], "天": units["天"]})
    return named


def lookup(written: str) -> Unit | None:
    """The table entry for a unit as written in a text."""
    return table().get(written) or table().get("".join(written.split()))


def unit_dim(unit: str) -> Dim | None:
    """The dimension of a unit, written (`个月`) or normalized (`月`); None if unknown."""
    entry = _by_name().get(unit) or table().get(unit)
    return entry.dim if entry is not None else None


# A written unit that is a word of its own only when no other character follows:
# 年级 (school year), 年代 (decade), 年龄 (age), 日报 (a daily) are not units; 折合 折算
# 折旧 … are other words than 九折. One lookahead per character: `re` would fold
# `(?!级|代)` into a class of scattered CJK characters, a 64K-entry bitmap that costs
# ~0.1 ms to compile.
_NOT_FOLLOWED = {
    "年": "级代轻龄",
    "日": "报本常益",
    "折": "合算旧扣射叠磨腾返回断损价抵现",
}


def trie_pattern(words: list[str], ends: dict[str, str] | None = None) -> str:
    """A regex matching any of words, as a trie: the longest word wins (`人次` over `人`)
    and each character is tested once, not once per word. `ends` maps a word to the
    characters that must not follow it."""
    import re

    ends = ends or {}
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, word: str) -> str:  # type: ignore[type-arg]
        alts = [re.escape(ch) + emit(child, word + ch) for ch, child in sorted(node.items()) if ch]
        if "" not in node:
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        end = "".join(f"(?!{c})" for c in ends.get(word, ""))
        if not alts:
            return end
        return "(?:" + "|".join(alts) + ("|" + end if end else "") + ")" + ("" if end else "?")

    first = "".join(sorted({w[0] for w in words}))
    return f"(?=[{re.escape(first)}])(?:{emit(trie, '')})"


@functools.cache
def unit_pattern(spaced: bool = True) -> str:
    """Regex of every written unit: a trie, so that the longest unit wins (`人次` over
    `人`) and a number followed by no unit is rejected by one class test."""
    # 两 is a unit only where the scanner says so (三两 is three liang, 两千 a number).
    words = [w for w in table() if w != "两" and " " not in w]
    latin = [w for w in words if w[0].isascii() and w[0].isalpha()]
    other = [w for w in words if w not in latin]
    # A Latin unit ends its word: 5m is five metres, 5min is no metre.
    trie = f"{trie_pattern(other, _NOT_FOLLOWED)}|{trie_pattern(latin)}(?![A-Za-z])"
    # Written with spaces: 一百五十 个 百 分 点, 六 成.
    written_spaced = "[ \\t]*个?[ \\t]*百[ \\t]*分[ \\t]*点|[ \\t](?:成|折)"
    return f"{trie}|{written_spaced}" if spaced else trie
