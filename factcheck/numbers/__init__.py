"""Reading quantities and dates in text the way a fact-checker does.

`find_expressions(text)` returns every quantity (`3.3万余起`, `超过20亿元`, `97.24%`,
`每十万人…0.42起`) and date (`2021年以来`, `5月28日`) with its exact span and what it
means: an interval for a quantity (see docs/meanings.md and the README's number table), a
first and last day for a date. `interval_for` gives the same meaning for a value,
qualifier and precision recorded elsewhere. Standard library only; the patterns are
compiled on first use.
"""

from factcheck.numbers.expression import Expression
from factcheck.numbers.meaning import interval_for
from factcheck.numbers.scan import find_expressions, parse_one
from factcheck.numbers.units import unit_dim

__all__ = ["Expression", "find_expressions", "interval_for", "parse_one", "unit_dim"]
