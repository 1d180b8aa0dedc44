"""The English word tables: number words, scale words, qualifiers, currencies, units, months.

Only `english.py` imports this module, and only when a text has English in it, so
that reading a Chinese text never builds these tables. Everything is keyed by the
lower-cased word as written; multi-word phrases are tuples of words.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from factcheck.meaning.dims import Dim

ONES = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Powers of ten written as words after a number (`5.5 million`, `two thousand`).
SCALES = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12, "lakh": 5, "crore": 7}
# Abbreviations of scales glued to or written after digits (`10k`, `$2.5bn`, `1.2b`).
# `m` and `b` alone are read as million and billion only after a currency or glued to
# the digits with a capital (`10M`): `250 m` is 250 metres.
SCALE_ABBREV = {
    "k": 3, "bn": 9, "mn": 6, "mln": 6, "bln": 9, "tln": 12, "tn": 12, "mil": 6, "mm": 6,
    "m": 6, "b": 9,
}  # fmt: skip

# Denominators of fractions: `two thirds`, `a quarter`, `one fifth`, `hundredths`.
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7,
    "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10,
    "tenths": 10, "twelfth": 12, "twelfths": 12, "twentieth": 20, "twentieths": 20,
    "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
    "millionth": 10**6, "millionths": 10**6,
}  # fmt: skip

# Qualifiers before a number, longest first where one is the start of another. The key is
# the phrase as it is kept in the record (lower case, single spaces); the family is the
# one `meaning.FAMILY` gives it (docs/meanings.md: `more than` is 超过, `at least` 以上 …).
BEFORE = (
    "greater than or equal to", "more than or equal to", "less than or equal to",
    "equal to or more than", "equal to or greater than", "equal to or less than",
    "at least or equal to", "bigger or equal than", "greater or equal than",
    "higher or equal than", "larger or equal than", "more or equal than", "smaller or equal than",
    "less or equal than", "lower or equal than", "in excess of", "no fewer than", "no less than", "not less than",
    "not fewer than", "no more than", "not more than", "no greater than", "a maximum of",
    "a minimum of", "upwards of", "more than", "greater than", "larger than", "bigger than",
    "higher than", "fewer than", "less than", "smaller than", "lower than", "at least",
    "at most", "up to", "as many as", "just under", "just below", "just over", "just above",
    "well over", "well above", "close to", "an estimated", "exceeding", "exceeds", "exceeded",
    "exceed", "surpassing", "surpass", "over", "above", "under", "below", "nearly", "almost",
    "about", "around", "approximately", "roughly", "some", "estimated", "circa",
)  # fmt: skip
# Qualifiers after a number (`500 or more`).
AFTER = (
    "or more", "or greater", "or above", "or higher", "or over", "and more", "and above",
    "and over", "or less", "or fewer", "or below", "or lower", "or under", "and under",
    "and below", "or so",
)  # fmt: skip
SYMBOLS = {">": "more than", ">=": "at least", "≥": "at least", "<": "less than",
           "<=": "at most", "≤": "at most", "~": "about", "≈": "about"}  # fmt: skip
# Words kept in a span before a number without changing it (`equal to 20`).
EQUAL = ("equal to", "equals to", "equals", "equaling to", "equalling", "equaling")

# Verbs of change: `rose from 3.9 percent to 4.1 percent` names two figures, not a range.
CHANGE = frozenset(
    "rose rise rises risen rising fell fall falls fallen falling increased increase increases "
    "increasing decreased decrease decreases decreasing declined decline declines declining "
    "dropped drop drops dropping climbed climb climbs grew grow grows grown growing edged "
    "edge jumped jump jumps slipped slip slid slide surged surge plunged plunge soared soar "
    "tumbled sank sink eased ease revised revision went moved move changed change up down "
    "widened narrowed shrank shrunk expanded contracted raised lowered cut boosted by".split()
)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Words after which a bare year or month is a date: `in 2023`, `since January`.
DATE_PREPS = frozenset(
    "in since from by until till through thru during of to and between before after for "
    "early late mid end start beginning fiscal calendar ending ended".split()
)
QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                 "3rd": 3, "4th": 4, "final": 4, "last": 4}  # fmt: skip
# Words before a number that make it a label, not a figure (`table 3`, `No. 5`).
LABEL_BEFORE = frozenset(
    "table tables figure fig chart section sections chapter page pages article articles "
    "no nr nrs nos item items exhibit appendix annex clause rule paragraph para line "
    "route flight room level phase grade episode season volume vol issue part act "
    "version release model".split()
)


class Unit(NamedTuple):
    name: str  # as kept in the record (`USD`, `%`, `kg`, `jobs`)
    dim: Dim
    exp: int  # power of ten folded into the value (`km` is 1000 m)
    kind: str  # money | percent | measure | duration | count


@functools.cache
def currencies() -> dict[str, tuple[str, Dim]]:
    """Currency as written (a symbol, a code, a word) -> (unit name, dimension)."""
    from factcheck.meaning.dims import CNY, USD, Dim

    def base(code: str) -> tuple[str, Dim]:
        return (code, USD if code == "USD" else CNY if code == "CNY" else Dim.base(code))

    table: dict[str, tuple[str, Dim]] = {}
    for code, names in {
        "USD": "$|us$|u.s.$|usd$|usd|dollar|dollars|us dollar|us dollars|u.s. dollars",
        "CAD": "c$|cad$|cad|ca$|canadian dollar|canadian dollars",
        "AUD": "a$|aud$|aud|au$|australian dollar|australian dollars",
        "NZD": "nz$|nzd$|nzd|new zealand dollars",
        "HKD": "hk$|hkd|hong kong dollars",
        "SGD": "s$|sgd|singapore dollars",
        "MXN": "mex$|mxn$|mxn|mexican pesos",
        "EUR": "€|eur|euro|euros",
        "GBP": "£|gbp|pound|pounds|pounds sterling",
        "JPY": "¥|jpy|yen|japanese yen",
        "CNY": "cny|rmb|yuan|renminbi|chinese yuan|kuai",
        "INR": "₹|inr|rupee|rupees|indian rupees",
        "CHF": "chf|swiss franc|swiss francs",
        "FRF": "franc|francs|french francs",
        "ESP": "peseta|pesetas",
        "NLG": "guilder|guilders|dutch guilders",
        "FIM": "markka|finnish markka",
        "TRY": "lira|turkish lira",
        "KRW": "₩|krw|won",
        "BTC": "₿|btc|bitcoin|bitcoins",
        "CRC": "₡",
        "GEL": "₾",
        "LAK": "₭",
    }.items():
        for name in names.split("|"):
            table[name] = base(code)
    for sub, (code, _exp) in SUBUNITS.items():
        table[sub] = table[code.lower()]
    return table


# Fractions of a currency, folded into it: `50 cents` is 0.50 USD, `470 pence` 4.70 GBP.
SUBUNITS = {
    "cent": ("USD", -2), "cents": ("USD", -2), "penny": ("GBP", -2), "pence": ("GBP", -2),
    "pennies": ("GBP", -2), "satoshi": ("BTC", -8), "satoshis": ("BTC", -8),
}  # fmt: skip


# Currency words that may stand alone after a number without being something else.
CURRENCY_ONLY_BEFORE = frozenset("$ us$ u.s.$ usd$ c$ cad$ a$ aud$ nz$ nzd$ hk$ s$ mex$ mxn$ € £ ¥ ₹ ₩ ₿ ₡ ₾ ₭".split())
CURRENCY_CODES = frozenset("usd eur gbp cny rmb jpy cad aud nzd hkd sgd mxn inr chf krw btc".split())


@functools.cache
def units() -> dict[str, Unit]:
    """Units after a number, as written in lower case (`%`, `percent`, `kg`, `jobs`)."""
    from factcheck.meaning.dims import COUNT, DAY, HOUR, MONTH, PERCENT, POINTS, YEAR, Dim

    length, area, mass = Dim.base("length"), Dim.base("area"), Dim.base("mass")
    volume, week, minute = Dim.base("volume"), Dim.base("week"), Dim.base("minute")
    second, energy, power = Dim.base("second"), Dim.base("energy"), Dim.base("power")
    decade = Dim.base("decade")

    table: dict[str, Unit] = {}

    def add(words: str, name: str, dim: Dim, kind: str, exp: int = 0) -> None:
        for w in words.split("|"):
            table[w] = Unit(name, dim, exp, kind)

    add("%|percent|per cent|pct|percentage|percents|per cent.", "%", PERCENT, "percent")
    add("percentage point|percentage points|percent point|percent points|pp|ppt|ppts|pts|pt|"
        "percentage-point|points of percentage", "percentage points", POINTS, "percent")
    add("basis point|basis points|bp|bps|basis-point", "percentage points", POINTS, "percent", -2)
    add("km|kilometre|kilometres|kilometer|kilometers|kms", "m", length, "measure", 3)
    add("m|metre|metres|meter|meters", "m", length, "measure")
    add("cm|centimetre|centimetres|centimeter|centimeters", "m", length, "measure", -2)
    add("mm|millimetre|millimetres|millimeter|millimeters", "m", length, "measure", -3)
    add("mile|miles|mi", "miles", Dim.base("mile"), "measure")
    add("kg|kilogram|kilograms|kilo|kilos|kgs", "kg", mass, "measure")
    add("g|gram|grams|gramme|grammes", "kg", mass, "measure", -3)
    add("mg|milligram|milligrams", "kg", mass, "measure", -6)
    add("t|tonne|tonnes|metric tons|metric tonnes", "kg", mass, "measure", 3)
    add("ton|tons", "tons", Dim.base("short_ton"), "measure")
    add("l|litre|litres|liter|liters", "L", volume, "measure")
    add("ml|millilitre|millilitres|milliliter|milliliters", "L", volume, "measure", -3)
    add("square metres|square meters|sq m|m2|m²", "m²", area, "measure")
    add("square kilometres|square kilometers|sq km|km2|km²", "m²", area, "measure", 6)
    add("hectare|hectares|ha", "m²", area, "measure", 4)
    add("acre|acres", "acres", Dim.base("acre"), "measure")
    add("kwh|kilowatt-hours|kilowatt hours", "kWh", energy, "measure")
    add("mw|megawatts|megawatt", "W", power, "measure", 6)
    add("gw|gigawatts|gigawatt", "W", power, "measure", 9)
    add("year|years|yr|yrs", "years", YEAR, "duration")
    add("month|months", "months", MONTH, "duration")
    add("week|weeks", "weeks", week, "duration")
    add("day|days", "days", DAY, "duration")
    add("hour|hours|hrs|hr|h", "hours", HOUR, "duration")
    add("minute|minutes|min|mins", "minutes", minute, "duration")
    add("second|seconds|sec|secs|s", "seconds", second, "duration")
    add("decade|decades", "decades", decade, "duration")
    for noun in COUNT_NOUNS.split():
        table[noun] = Unit(noun, COUNT, 0, "count")
        singular = noun[:-3] + "y" if noun.endswith("ies") else noun[:-1] if noun.endswith("s") else noun
        table.setdefault(singular, Unit(noun, COUNT, 0, "count"))
    return table


COUNT_NOUNS = (
    "jobs people persons workers employees cases deaths births households homes houses "
    "families children students pupils patients visitors tourists vehicles cars units "
    "firms companies businesses residents migrants immigrants passengers items projects "
    "schools hospitals beds doses tests arrests crimes incidents calls claims applications "
    "votes seats members users customers participants respondents adults women men "
    "infections hospitalizations hospitalisations admissions refugees jobless unemployed "
    "positions vacancies openings hires layoffs separations contracts transactions "
    "properties dwellings buildings flights trips journeys visits shops stores sites "
    "countries cities towns villages regions districts provinces states nations teachers "
    "doctors nurses officers soldiers troops farmers victims survivors voters citizens "
    "inhabitants individuals persons animals cattle sheep pigs trees species events "
    "accidents collisions fires offences offenses charges convictions prisoners inmates "
    "times"
)

# Bases of rates: `per 100,000 people`, `per capita`, `a year`.
RATE_BASES = {
    "capita": "person", "person": "person", "head": "person", "inhabitant": "person",
    "year": "year", "annum": "year", "month": "month", "week": "week", "day": "day",
    "hour": "hour", "share": "share", "barrel": "barrel", "tonne": "tonne", "ton": "ton",
    "kilogram": "kg", "kg": "kg", "litre": "L", "liter": "L", "gallon": "gallon",
    "household": "household", "worker": "worker", "employee": "employee", "dozen": "dozen",
    "pound": "pound", "unit": "unit", "night": "night", "mile": "mile",
}  # fmt: skip
RATE_BASE_DIMS = {"person": "count", "household": "count", "worker": "count", "employee": "count",
                  "people": "count", "residents": "count", "inhabitants": "count",
                  "population": "count", "births": "count", "women": "count", "men": "count",
                  "children": "count", "adults": "count", "households": "count"}  # fmt: skip
