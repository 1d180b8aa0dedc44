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
    kind: str  # count | money | percent | share | duration | measure | ratio


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

    def _same(words: str, name: str, dim: Dim, kind: str, exp: int = 0) -> dict[str, Unit]:
        return {w: Unit(name, dim, exp, kind) for w in words.split()}

    units: dict[str, Unit] = {
        **_counts(
            "人次 家次 户次 批次 项 个 起 名 次 家 件 人 种 所 户 辆 台 条 套 批 宗 例 位 只 "
            "头 座 处 张 部 篇 份 支 艘 架 栋 幢 本 册 场 趟 轮 单 笔 床 枚 颗 棵 株 组 类 款"
        ),
        **_same("人口", "人", COUNT, "count"),
        **_same("元 元人民币 人民币", "元", CNY, "money"),
        **_same("美元", "美元", USD, "money"),
        **_same("% ％", "%", PERCENT, "percent"),
        **_same("‰", "‰", PERMILLE, "percent"),
        # 三成 is 30%: a tenth, folded into the value as 10 percent.
        **_same("成", "%", PERCENT, "share", 1),
        **_same("百分点 个百分点", "百分点", POINTS, "percent"),
        **_same("倍", "倍", NUMBER, "ratio"),
        **_same("年 周年", "年", YEAR, "duration"),
        # An age in years keeps its own name so that `60岁` is not shown as 60 年.
        **_same("岁 周岁", "岁", YEAR, "duration"),
        **_same("个月 个多月 个余月", "月", MONTH, "duration"),
        **_same("天 日 个工作日 工作日", "天", DAY, "duration"),
        **_same("小时 个小时 个多小时 钟头 个钟头 个多钟头", "小时", HOUR, "duration"),
        **_same("周 个星期 个多星期 星期", "周", week, "duration"),
        **_same("分钟", "分钟", minute, "duration"),
        **_same("秒 秒钟", "秒", second, "duration"),
        **_same("米", "米", length, "measure"),
        **_same("公里 千米", "米", length, "measure", 3),
        **_same("平方米", "平方米", area, "measure"),
        **_same("公顷", "平方米", area, "measure", 4),
        **_same("平方公里", "平方米", area, "measure", 6),
        **_same("千克 公斤", "千克", mass, "measure"),
        **_same("吨", "千克", mass, "measure", 3),
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
    return table().get(written)


def unit_dim(unit: str) -> Dim | None:
    """The dimension of a unit, written (`个月`) or normalized (`月`); None if unknown."""
    entry = _by_name().get(unit) or table().get(unit)
    return entry.dim if entry is not None else None


def unit_pattern() -> str:
    """Regex alternation of every written unit, longest first so `人次` beats `人`."""
    import re

    units = table()
    longer = sorted((w for w in units if len(w) > 1), key=len, reverse=True)
    # Single characters go in one class: far cheaper to compile than an alternation.
    single = "".join(w for w in units if len(w) == 1 and w not in "年日")
    parts = [re.escape(w) for w in longer]
    parts.append(f"[{re.escape(single)}]")
    # 年级 (school year), 年代 (decade), 年龄 (age), 日报 (a daily) are not units. One
    # lookahead per character: `re` would fold `(?!级|代|轻|龄)` into a class of scattered
    # CJK characters, a 64K-entry bitmap that costs ~0.1 ms to compile.
    parts.append("年(?!级)(?!代)(?!轻)(?!龄)|日(?!报)(?!本)(?!常)(?!益)")
    return "|".join(parts)
