"""How the number reader does on peer test specifications nobody on this project wrote.

Reads every `rt_<lang>_<model>.json` in `../shared/peer-suites/` (converted from
Microsoft Recognizers-Text, see the README there), runs `find_expressions` on each
input and scores the reader as that README says:

- in scope: every expected span except those whose `exclude` is still out of scope
  (`bare-zh-numeral`, `ordinal`, `label`, `date`, `lone-yi-measure`, and `peer-error`,
  a span the peer itself got wrong);
- detected: some quantity the reader reports overlaps the span;
- value right: one such quantity covers every digit and numeral of the span and
  - for a peer point, the point lies in the reader's interval;
  - for a peer range, both ends equal the reader's ends and the reader is closed
    wherever the peer is (an unbounded peer end must be unbounded in the reader);
- false positives: cases whose `expected` is empty but where a quantity is read;
- sign drops: the peer's value (or lower end) is negative and the reader's interval
  lies wholly at or above 0, holding the value without its minus or missing it;
- direction flips: the reader bounds the figure on one side (a half-line, or an
  at-most / less-than reading) and its interval is disjoint from the peer's
  (`不大于50` read as more than 50), not only at its boundary (a peer that reads
  `超过250m` as the point 250 and a reader that reads (250, ∞) agree on the side).
  A qualifier dropped altogether (`小于20` read as
  exactly 20) is a wrong value, not a flip.

Peer values are in the peer's unit (12 Kilometer); they are converted to the base
unit the reader reports (metres) with `PEER_SCALE`. Where the peer reads a number
alone and its span stops before the unit the reader reads with it (`十` of `十斤`),
the reading is also compared in that written unit (10 斤, not 5 千克). A percent (`peer_value` ending in
`%`) is compared in percent: a reading in ‰ or as a plain ratio is converted.

    python benchmarks/peer_suites.py [--lang zh|en] [--failures SUITE] [--suites DIR]

`--failures rt_zh_number` lists that suite's failing spans and false positives on the
terminal, for debugging.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
SUITES = ROOT.parent / "shared" / "peer-suites"
OUT_OF_SCOPE = frozenset(
    {"bare-zh-numeral", "ordinal", "label", "date", "lone-yi-measure", "peer-error"}
)
TARGET_ZH, FLOOR_ZH = 90.0, 75.0

if TYPE_CHECKING:
    from factcheck.numbers import Expression

# Peer unit -> how many of the reader's base unit one of it is.
PEER_SCALE: dict[str, float] = {
    "Kilometer": 1e3, "Centimeter": 1e-2, "Millimeter": 1e-3,
    "Ton": 1e3, "Gram": 1e-3, "Microgram": 1e-9, "Milligram": 1e-6, "Jin": 0.5, "Liang": 0.05,
    "Kilobit": 1e3, "Kilobyte": 8e3, "Megabyte": 8e6, "Gigabyte": 8e9,
    "Megahertz": 1e6, "Kilohertz": 1e3, "Kilowatt": 1e3, "Kilocalorie": 4184.0,
    "Mu": 10000 / 15,
    "Cent": 0.01, "Pence": 0.01, "Penny": 0.01, "Sen": 0.01, "Satoshi": 1e-8,
}  # fmt: skip

DIGITS = frozenset(
    "0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳參陸廿卅兆半几幾"
)


@dataclass
class Tally:
    spans: int = 0
    detected: int = 0
    right: int = 0
    empty_cases: int = 0
    false_pos: int = 0
    sign_drops: int = 0
    flips: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "spans",
            "detected",
            "right",
            "empty_cases",
            "false_pos",
            "sign_drops",
            "flips",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _bound(x: float | None, low: bool) -> float:
    if x is None:
        return -math.inf if low else math.inf
    return float(x)


def _peer_interval(exp: dict[str, Any]) -> tuple[float, float, bool, bool]:
    scale = PEER_SCALE.get(exp.get("peer_unit") or "", 1.0)
    lo, hi = _bound(exp["lo"], True), _bound(exp["hi"], False)
    return lo * scale, hi * scale, bool(exp["lo_closed"]), bool(exp["hi_closed"])


def _reader_interval(e: Expression, percent: bool) -> tuple[float, float, bool, bool] | None:
    iv = e.interval
    if iv is None:
        return None
    k = 1.0
    if percent:
        dim = str(e.dim) if e.dim is not None else "number"
        if e.unit == "‰":
            k = 0.1
        elif e.unit not in ("%", "百分点") and dim == "number":
            k = 100.0  # a plain ratio (三分之一) as a percent
    return iv.lo * k, iv.hi * k, iv.lo_closed, iv.hi_closed


def _close(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _contains(iv: tuple[float, float, bool, bool], x: float) -> bool:
    lo, hi, lc, hc = iv
    tol = 1e-9 * abs(x)
    above = x > lo - tol if lc else x > lo + tol
    below = x < hi + tol if hc else x < hi - tol
    return above and below


def _disjoint(a: tuple[float, float, bool, bool], b: tuple[float, float, bool, bool]) -> bool:
    def before(x: tuple[float, float, bool, bool], y: tuple[float, float, bool, bool]) -> bool:
        return x[1] < y[0] or (x[1] == y[0] and not (x[3] and y[2]))

    return before(a, b) or before(b, a)


def _directional(e: Expression, iv: tuple[float, float, bool, bool]) -> bool:
    """The reading bounds the figure on one side: a half-line, or at most / less than."""
    from factcheck.numbers.meaning import FAMILY

    family = FAMILY.get(e.qualifier or "")
    return math.isinf(iv[0]) != math.isinf(iv[1]) or family in ("gt", "ge", "le", "lt")


def _right(peer: tuple[float, float, bool, bool], got: tuple[float, float, bool, bool]) -> bool:
    lo, hi, lc, hc = peer
    if lo == hi and lc and hc:
        return _contains(got, lo)
    return _close(lo, got[0]) and _close(hi, got[1]) and (got[2] or not lc) and (got[3] or not hc)


def _covers(e: Expression, exp: dict[str, Any]) -> bool:
    start = exp["start"]
    return all(e.start <= start + i < e.end for i, ch in enumerate(exp["text"]) if ch in DIGITS)


def _written_scale(
    e: Expression, exp: dict[str, Any], text: str
) -> tuple[float, float, bool, bool] | None:
    """The reading in the unit written after the span (十斤 as 10, not 5 千克), for a peer
    that reads the number alone and leaves the unit out of its span."""
    from factcheck.numbers.units import lookup

    iv = e.interval
    rest = text[exp["end"] : e.end]
    if iv is None or not rest:
        return None
    for n in range(len(rest), 0, -1):
        unit = lookup(rest[:n])
        if unit is not None:
            k = 10.0**unit.exp * unit.factor
            return iv.lo / k, iv.hi / k, iv.lo_closed, iv.hi_closed
    return None


def _score_span(
    exp: dict[str, Any], found: list[Expression], tally: Tally, where: str, text: str
) -> None:
    tally.spans += 1
    peer = _peer_interval(exp)
    percent = str(exp.get("peer_value") or "").endswith("%")
    hits = [e for e in found if e.start < exp["end"] and exp["start"] < e.end]
    if hits:
        tally.detected += 1
    readings = [(e, _reader_interval(e, percent)) for e in hits]
    if exp.get("peer_unit") is None:
        readings += [(e, _written_scale(e, exp, text)) for e in hits]
    if any(got is not None and _covers(e, exp) and _right(peer, got) for e, got in readings):
        tally.right += 1
        return
    shown = "; ".join(f"{e.text} {e.interval}" for e in hits) or "nothing"
    tally.failures.append(f"{where}: {exp['text']!r} peer {peer} read {shown}")
    for _e, got in readings:
        if got is None:
            continue
        lo = peer[0] if not math.isinf(peer[0]) else peer[1]
        dropped = _contains(got, -lo) or (peer[0] == peer[1] and not _contains(got, lo))
        if lo < 0 and got[0] >= 0 and dropped:
            tally.sign_drops += 1
            tally.failures[-1] += "  [SIGN DROP]"
            return
        touching = {peer[0], peer[1]} & {got[0], got[1]}
        if _directional(_e, got) and _disjoint(peer, got) and not touching:
            tally.flips += 1
            tally.failures[-1] += "  [DIRECTION FLIP]"
            return


def score_suite(path: Path) -> Tally:
    from factcheck.numbers import find_expressions

    tally = Tally()
    cases = json.loads(path.read_text(encoding="utf-8"))
    for i, case in enumerate(cases):
        text = case["input"]
        found = [e for e in find_expressions(text) if e.kind == "quantity"]
        where = f"#{i} {text!r}"
        if not case["expected"]:
            tally.empty_cases += 1
            if found:
                tally.false_pos += 1
                shown = "; ".join(f"{e.text} {e.interval}" for e in found)
                tally.failures.append(f"{where}: expected nothing, read {shown}  [FALSE POSITIVE]")
            continue
        for exp in case["expected"]:
            if exp.get("exclude") in OUT_OF_SCOPE:
                continue
            _score_span(exp, found, tally, where, text)
    return tally


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def _row(name: str, t: Tally) -> str:
    return (
        f"{name:<22} {t.spans:>5} {_pct(t.detected, t.spans):>9} {_pct(t.right, t.spans):>9}"
        f" {t.false_pos:>4}/{t.empty_cases:<4} {t.sign_drops:>5} {t.flips:>5}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("zh", "en", "all"), default="all")
    parser.add_argument("--failures", metavar="SUITE", help="list the failing cases of SUITE")
    parser.add_argument("--suites", type=Path, default=SUITES, help="folder of rt_*.json")
    args = parser.parse_args(argv)
    if not args.suites.is_dir():
        print(f"no peer suites at {args.suites}: skipped")
        return 0
    sys.path.insert(0, str(ROOT))
    langs = ("zh", "en") if args.lang == "all" else (args.lang,)
    header = f"{'suite':<22} {'spans':>5} {'detected':>9} {'right':>9} {'false+':>9} {'signs':>5} {'flips':>5}"
    for lang in langs:
        paths = sorted(args.suites.glob(f"rt_{lang}_*.json"))
        if not paths:
            continue
        total = Tally()
        rights = []
        print(header)
        for path in paths:
            tally = score_suite(path)
            total.add(tally)
            if tally.spans:
                rights.append(100 * tally.right / tally.spans)
            print(_row(path.stem, tally))
            if args.failures in (path.stem, path.name):
                for line in tally.failures:
                    print("   ", line)
        print(_row(f"total {lang}", total))
        if lang == "zh":
            worst = min(rights, default=0.0)
            print(
                f"target zh: >= {TARGET_ZH:.0f}% right in total, no suite under {FLOOR_ZH:.0f}%,"
                f" no sign drops or flips (lowest suite {worst:.1f}%)"
            )
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
