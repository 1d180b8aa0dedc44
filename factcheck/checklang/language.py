"""The check language: rules over claim ids, parsed by hand and computed on intervals.

Grammar (Python-like precedence, loosest first)::

    rule       := or_expr                       (must be boolean)
    or_expr    := and_expr ('or' and_expr)*
    and_expr   := not_expr ('and' not_expr)*
    not_expr   := 'not' not_expr | comparison
    comparison := arith (('<'|'<='|'>'|'>='|'=='|'!=') arith)*    chains allowed
    arith      := term (('+'|'-') term)*
    term       := unary (('*'|'/') unary)*
    unary      := '-' unary | atom
    atom       := NUMBER | FIGURE | CLAIM_ID | FUNC '(' arith (',' arith)* ')' | '(' or_expr ')'
    FUNC       := 'sum' | 'min' | 'max' | 'abs' | 'share' | 'growth' | 'pp'
    FIGURE     := a number with its unit as a text writes it: 300万吨, 5%, 2.5个百分点

A FIGURE is read by the same reader as the article (`factcheck.numbers.parse_one`),
so `300万吨` means what it means in the text: [299.5万, 300.5万) 吨, in kilograms.

The tokenizer and recursive-descent parser are this module's own: rule text
never reaches `eval`, `exec`, `compile` or `ast`. Everything outside the grammar
(attribute access, other calls, subscripts, strings, lambdas, comprehensions,
`**`, `//`, `%`, assignment, very deep nesting, very long rules, a rule that is
a number rather than a check) is a `RuleSyntaxError` carrying the 0-based
code-point column where the problem starts.

Evaluation is interval arithmetic (`factcheck.meaning.interval`) with dimensions
(`factcheck.meaning.dims`):

* `+ -`, comparisons, `sum`, `min`, `max` need equal dimensions; `* /` combine
  them, so a dimensionless rate times a population is a count.
* A bare number adopts the dimension of what it meets: in `+ -`, comparisons,
  `sum`, `min`, `max` it takes the other side's dimension; in `* /` it is a pure
  factor (`benefits * 5` keeps the dimension of `benefits`).
* A percent in arithmetic is its ratio (60% of a whole is 0.6 of it): multiplied
  or divided by a quantity of another dimension it counts value / 100
  (`share * total`), and compared with (or added to) a ratio such as
  `part / whole` the ratio is read as a percent, so `part / whole == share_pct`
  and `(new - old) / old == growth_pct` hold as written. Times a bare number a
  percentage stays a percentage (`share * 2`). Percent minus percent is
  percentage points; percent plus points is a percent.
* `share(part, whole)` is part / whole as a percent, `growth(new, old)` is
  (new - old) / old as a percent, and `pp(a, b)` is a - b in percentage points.
* A ratio multiplied by 100 by hand, a percent divided by 100, and a bare
  number added to a percent are errors whose message shows the form that works;
  so is any other mix of dimensions.
* `and`, `or`, `not` are Kleene's three-valued logic over pass/fail/unknown.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Callable, Mapping
from typing import Literal

from factcheck.meaning.days import DATE, date_text
from factcheck.meaning.dims import DAY, NUMBER, PERCENT, PERMILLE, POINTS, Dim
from factcheck.meaning.interval import COMPARISONS, Interval, IntervalError, Verdict, fmt_number
from factcheck.meaning.written import Shown, shown_for
from factcheck.records import Frozen, setattr_frozen

MAX_RULE_LENGTH = 2000
MAX_DEPTH = 50
FUNCTIONS = frozenset({"sum", "min", "max", "abs", "share", "growth", "pp"})
_TWO_ARGS = {"share": "share(part, whole)", "growth": "growth(new, old)", "pp": "pp(a, b)"}
COMPARISON_OPS = frozenset({"<", "<=", ">", ">=", "==", "!="})


class RuleSyntaxError(Exception):
    """A rule outside the grammar; offset is the 0-based code-point column."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} (at column {offset})")
        self.message = message
        self.offset = offset


class RuleEvalError(Exception):
    """A rule that parses but cannot be computed (unknown name, dimensions, division by 0)."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# -- syntax tree ------------------------------------------------------------------
# Every node keeps its start column and its source text, so explanations can quote
# the sub-expression a number came from.


class Num(Frozen):
    __slots__ = _fields = ("value", "offset", "src")
    value: float
    offset: int
    src: str

    def __init__(self, value: float, offset: int, src: str) -> None:
        setattr_frozen(self, "value", value)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class Name(Frozen):
    __slots__ = _fields = ("name", "offset", "src")
    name: str
    offset: int
    src: str

    def __init__(self, name: str, offset: int, src: str) -> None:
        setattr_frozen(self, "name", name)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class Neg(Frozen):
    __slots__ = _fields = ("operand", "offset", "src")
    operand: Node
    offset: int
    src: str

    def __init__(self, operand: Node, offset: int, src: str) -> None:
        setattr_frozen(self, "operand", operand)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class Arith(Frozen):
    """A left-to-right chain of `+ -` or of `* /`: first, then (op, op column, operand, end)."""

    __slots__ = _fields = ("first", "rest", "offset", "src")
    first: Node
    rest: tuple[tuple[str, int, Node, int], ...]
    offset: int
    src: str

    def __init__(self, first: Node, rest: tuple[tuple[str, int, Node, int], ...], offset: int, src: str) -> None:
        setattr_frozen(self, "first", first)
        setattr_frozen(self, "rest", rest)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class Call(Frozen):
    __slots__ = _fields = ("func", "args", "offset", "src")
    func: str
    args: tuple[Node, ...]
    offset: int
    src: str

    def __init__(self, func: str, args: tuple[Node, ...], offset: int, src: str) -> None:
        setattr_frozen(self, "func", func)
        setattr_frozen(self, "args", args)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class Compare(Frozen):
    """`a < b <= c`: operands and the (op, column) between each pair."""

    __slots__ = _fields = ("operands", "ops", "offset", "src")
    operands: tuple[Node, ...]
    ops: tuple[tuple[str, int], ...]
    offset: int
    src: str

    def __init__(self, operands: tuple[Node, ...], ops: tuple[tuple[str, int], ...], offset: int, src: str) -> None:
        setattr_frozen(self, "operands", operands)
        setattr_frozen(self, "ops", ops)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class BoolOp(Frozen):
    __slots__ = _fields = ("op", "operands", "offset", "src")
    op: Literal["and", "or"]
    operands: tuple[Node, ...]
    offset: int
    src: str

    def __init__(self, op: Literal["and", "or"], operands: tuple[Node, ...], offset: int, src: str) -> None:
        setattr_frozen(self, "op", op)
        setattr_frozen(self, "operands", operands)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class Not(Frozen):
    __slots__ = _fields = ("operand", "offset", "src")
    operand: Node
    offset: int
    src: str

    def __init__(self, operand: Node, offset: int, src: str) -> None:
        setattr_frozen(self, "operand", operand)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


class Fig(Frozen):
    """A figure with its unit typed into a rule (`300万吨`), read as the text reads it."""

    __slots__ = _fields = ("interval", "dim", "unit", "shown", "offset", "src")
    interval: Interval
    dim: Dim | None
    unit: str
    shown: Shown | None
    offset: int
    src: str

    def __init__(self, interval: Interval, dim: Dim | None, unit: str, shown: Shown | None, offset: int, src: str) -> None:
        setattr_frozen(self, "interval", interval)
        setattr_frozen(self, "dim", dim)
        setattr_frozen(self, "unit", unit)
        setattr_frozen(self, "shown", shown)
        setattr_frozen(self, "offset", offset)
        setattr_frozen(self, "src", src)


Node = Num | Fig | Name | Neg | Arith | Call | Compare | BoolOp | Not
_BOOL_NODES = (Compare, BoolOp, Not)


# -- tokenizer --------------------------------------------------------------------
# A token is (kind, text, column). Operators are their own kind; a lexical error
# becomes an "err" token whose text is the message, so the parser reports problems
# in the order they stand in the rule.

Token = tuple[str, str, int]

_TOKEN_RE = re.compile(
    r"""[ \t\r\n]*(?:
        (?P<num>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<bad>\*\*|//|:=|<<|>>|<>|[-+*/%@&|^]=)
      | (?P<op><=|>=|==|!=|[-+*/(),<>])
      | (?P<end>\Z)
    )""",
    re.VERBOSE,
)
# What turns a number into a figure with its unit: 300万吨, 5%, 1.2 million.
_FIGURE_SUFFIX = re.compile(r"[^\x00-\x7f]+|%|[ ](?:million|billion|thousand|trillion)\b")
_IDENT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

_BAD_LEXEMES = {
    "**": "'**' (power) is not allowed",
    "//": "'//' (floor division) is not allowed; use '/'",
    ":=": "':=' (assignment expression) is not allowed",
    "<<": "shift operators are not allowed",
    ">>": "shift operators are not allowed",
    "<>": "'<>' is not allowed; use '!='",
}
_BAD_CHARS = {
    "=": "'=' (assignment) is not allowed; use '==' to compare",
    "%": "'%' (modulo) is not allowed",
    "@": "'@' is not allowed",
    "&": "bitwise operator '&' is not allowed; use 'and'",
    "|": "bitwise operator '|' is not allowed; use 'or'",
    "^": "bitwise operator '^' is not allowed",
    "~": "bitwise operator '~' is not allowed; use 'not'",
    "!": "'!' is not allowed; use 'not' or '!='",
    ".": "attribute access is not allowed",
    "[": "subscripts and lists are not allowed",
    "]": "subscripts and lists are not allowed",
    "{": "sets and dicts are not allowed",
    "}": "sets and dicts are not allowed",
    "'": "strings are not allowed",
    '"': "strings are not allowed",
    ":": "':' is not allowed (no slices, lambdas or dicts)",
    ";": "a rule is a single expression; ';' is not allowed",
    "#": "comments are not allowed in a rule",
}
_BAD_KEYWORDS = {
    "lambda": "lambda expressions are not allowed",
    "for": "comprehensions are not allowed",
    "async": "comprehensions are not allowed",
    "if": "conditional expressions are not allowed",
    "else": "conditional expressions are not allowed",
    "in": "'in' is not allowed; compare with '==' or '!='",
    "is": "'is' is not allowed; compare with '==' or '!='",
    "True": "True, False and None are not allowed; write a comparison",
    "False": "True, False and None are not allowed; write a comparison",
    "None": "True, False and None are not allowed; write a comparison",
    "yield": "yield is not allowed",
    "await": "await is not allowed",
}


def _bad_char_message(ch: str) -> str:
    if ch in _BAD_CHARS:
        return _BAD_CHARS[ch]
    if ch.isprintable() and not ch.isspace():
        return f"unexpected character {ch!r} (U+{ord(ch):04X})"
    return f"unexpected character U+{ord(ch):04X}"


def tokenize(text: str) -> list[Token]:
    """Split a rule into tokens; the list ends with an "end" or an "err" token."""
    tokens: list[Token] = []
    pos = 0
    match = _TOKEN_RE.match
    while True:
        m = match(text, pos)
        kind = m.lastgroup if m else None
        if m is None or kind is None:
            # No token starts here: the first character after any whitespace is outside the language.
            at = pos
            while text[at] in " \t\r\n":
                at += 1
            tokens.append(("err", _bad_char_message(text[at]), at))
            return tokens
        start = m.start(kind)
        lexeme = m.group(kind)
        pos = m.end()
        if kind == "name":
            if lexeme in ("and", "or", "not"):
                tokens.append((lexeme, lexeme, start))
            elif keyword.iskeyword(lexeme):
                message = _BAD_KEYWORDS.get(lexeme, f"'{lexeme}' is not allowed in a rule")
                tokens.append(("err", message, start))
                return tokens
            else:
                tokens.append(("name", lexeme, start))
        elif kind == "num":
            # `a.5` and `(a).5` are attribute access, not a name followed by a number.
            if lexeme[0] == "." and start > 0 and (text[start - 1] in _IDENT_CHARS or text[start - 1] == ")"):
                tokens.append(("err", _BAD_CHARS["."], start))
                return tokens
            suffix = _FIGURE_SUFFIX.match(text, pos) if pos < len(text) and text[pos] not in _IDENT_CHARS else None
            if suffix is not None and "e" not in lexeme.lower():
                pos = suffix.end()
                tokens.append(("fig", text[start:pos], start))
                continue
            if pos < len(text) and (text[pos] in _IDENT_CHARS or text[pos] == "."):
                if text[pos] == "." and not text[pos - 1].isdigit():
                    tokens.append(("err", _BAD_CHARS["."], pos))
                else:
                    tokens.append(("err", f"malformed number starting {lexeme!r}", start))
                return tokens
            tokens.append(("num", lexeme, start))
        elif kind == "op":
            tokens.append((lexeme, lexeme, start))
        elif kind == "bad":
            bad = _BAD_LEXEMES.get(lexeme, f"augmented assignment ('{lexeme}') is not allowed")
            tokens.append(("err", bad, start))
            return tokens
        else:
            tokens.append(("end", "", start))
            return tokens


# -- parser ------------------------------------------------------------------------


def _is_bool(node: Node) -> bool:
    return isinstance(node, _BOOL_NODES)


class _Parser:
    __slots__ = ("text", "toks", "i", "tok", "depth", "prev_end")

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.i = 0
        self.tok = self.toks[0]
        self.depth = 0
        self.prev_end = 0
        if self.tok[0] == "err":
            raise RuleSyntaxError(self.tok[1], self.tok[2])

    def advance(self) -> None:
        self.prev_end = self.tok[2] + len(self.tok[1])
        self.i += 1
        self.tok = self.toks[self.i]
        if self.tok[0] == "err":
            raise RuleSyntaxError(self.tok[1], self.tok[2])

    def enter(self, at: int) -> None:
        """One level deeper, opened at column `at`."""
        # A depth limit gives a clear message long before Python's own recursion limit.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise RuleSyntaxError(f"rule is nested too deeply (more than {MAX_DEPTH} levels)", at)

    def src(self, start: int) -> str:
        return self.text[start : self.prev_end]

    def number_operand(self, node: Node, context: str) -> Node:
        if _is_bool(node):
            raise RuleSyntaxError(
                f"a comparison cannot be used as a number ({context})", node.offset
            )
        return node

    def parse(self) -> Node:
        if self.tok[0] == "end":
            raise RuleSyntaxError("empty rule", self.tok[2])
        node = self.or_expr()
        if self.tok[0] != "end":
            self.unexpected()
        if not _is_bool(node):
            raise RuleSyntaxError(
                "a rule must be a check: a comparison, or comparisons joined by and/or/not;"
                f" '{node.src}' is a number",
                node.offset,
            )
        return node

    def unexpected(self) -> None:
        kind, text, at = self.tok
        if kind == ")":
            raise RuleSyntaxError("unmatched ')'", at)
        if kind == "(":
            raise RuleSyntaxError("only sum, min, max and abs can be called", at)
        if kind == ",":
            raise RuleSyntaxError("',' is only allowed between function arguments", at)
        if kind in ("name", "num", "fig"):
            raise RuleSyntaxError(f"missing operator before '{text}'", at)
        raise RuleSyntaxError(f"unexpected '{text}'", at)

    def bool_chain(self, op: Literal["and", "or"], parts: list[Node], start: int) -> Node:
        for part in parts:
            if not _is_bool(part):
                raise RuleSyntaxError(
                    f"'{op}' joins comparisons, but '{part.src}' is a number", part.offset
                )
        return BoolOp(op, tuple(parts), start, self.src(start))

    def or_expr(self) -> Node:
        start = self.tok[2]
        first = self.and_expr()
        if self.tok[0] != "or":
            return first
        parts = [first]
        while self.tok[0] == "or":
            self.advance()
            parts.append(self.and_expr())
        return self.bool_chain("or", parts, start)

    def and_expr(self) -> Node:
        start = self.tok[2]
        first = self.not_expr()
        if self.tok[0] != "and":
            return first
        parts = [first]
        while self.tok[0] == "and":
            self.advance()
            parts.append(self.not_expr())
        return self.bool_chain("and", parts, start)

    def not_expr(self) -> Node:
        if self.tok[0] != "not":
            return self.comparison()
        start = self.tok[2]
        self.enter(start)
        self.advance()
        operand = self.not_expr()
        self.depth -= 1
        if not _is_bool(operand):
            raise RuleSyntaxError(
                f"'not' applies to a comparison, but '{operand.src}' is a number", operand.offset
            )
        return Not(operand, start, self.src(start))

    def comparison(self) -> Node:
        start = self.tok[2]
        first = self.arith()
        if self.tok[0] not in COMPARISON_OPS:
            return first
        operands = [self.number_operand(first, "in a comparison")]
        ops: list[tuple[str, int]] = []
        while self.tok[0] in COMPARISON_OPS:
            ops.append((self.tok[0], self.tok[2]))
            self.advance()
            operands.append(self.number_operand(self.arith(), "in a comparison"))
        return Compare(tuple(operands), tuple(ops), start, self.src(start))

    def arith(self) -> Node:
        return self.chain(("+", "-"), self.term)

    def term(self) -> Node:
        return self.chain(("*", "/"), self.unary)

    def chain(self, ops: tuple[str, str], operand: Callable[[], Node]) -> Node:
        start = self.tok[2]
        first = operand()
        if self.tok[0] not in ops:
            return first
        self.number_operand(first, "in arithmetic")
        rest: list[tuple[str, int, Node, int]] = []
        while self.tok[0] in ops:
            op, at = self.tok[0], self.tok[2]
            self.advance()
            node = self.number_operand(operand(), "in arithmetic")
            rest.append((op, at, node, self.prev_end))
        return Arith(first, tuple(rest), start, self.src(start))

    def unary(self) -> Node:
        kind = self.tok[0]
        if kind == "+":
            raise RuleSyntaxError("unary '+' is not allowed", self.tok[2])
        if kind != "-":
            return self.atom()
        start = self.tok[2]
        self.enter(start)
        self.advance()
        operand = self.number_operand(self.unary(), "after '-'")
        self.depth -= 1
        if type(operand) is Num:
            # Fold `-5` into a literal so it stays a bare number.
            return Num(-operand.value, start, self.src(start))
        return Neg(operand, start, self.src(start))

    def atom(self) -> Node:
        kind, text, at = self.tok
        if kind == "num":
            self.advance()
            return Num(_literal(text, at), at, text)
        if kind == "fig":
            self.advance()
            return read_figure(text, at)
        if kind == "name":
            self.advance()
            if self.tok[0] == "(":
                if text not in FUNCTIONS:
                    raise RuleSyntaxError(
                        f"calling '{text}' is not allowed; the functions are"
                        " sum, min, max, abs, share, growth, pp",
                        at,
                    )
                return self.call(text, at)
            if text in FUNCTIONS and text not in _TWO_ARGS:  # a claim may be named `share`
                raise RuleSyntaxError(f"'{text}' is a function: write {text}(...)", at)
            return Name(text, at, text)
        if kind == "(":
            self.enter(at)
            self.advance()
            if self.tok[0] == ")":
                raise RuleSyntaxError("empty parentheses", self.tok[2])
            inner = self.or_expr()
            self.depth -= 1
            if self.tok[0] == ",":
                raise RuleSyntaxError("tuples are not allowed", self.tok[2])
            if self.tok[0] != ")":
                self.expected_close(at)
            self.advance()
            return inner
        if kind == "end":
            raise RuleSyntaxError("unexpected end of rule: a number, a claim id or '(' is missing", at)
        raise RuleSyntaxError(f"expected a number, a claim id or '(', found '{text}'", at)

    def expected_close(self, opened: int) -> None:
        if self.tok[0] == "end":
            raise RuleSyntaxError(f"'(' at column {opened} is never closed", self.tok[2])
        self.unexpected()
        raise RuleSyntaxError("expected ')'", self.tok[2])  # unexpected() always raises

    def call(self, func: str, start: int) -> Node:
        opened = self.tok[2]
        self.enter(start)
        self.advance()  # '('

        if self.tok[0] == ")":
            raise RuleSyntaxError(f"{func}() needs at least one argument", self.tok[2])
        args = [self.number_operand(self.or_expr(), f"as an argument of {func}()")]
        while self.tok[0] == ",":
            self.advance()
            if self.tok[0] == ")":
                raise RuleSyntaxError("expected an argument after ','", self.tok[2])
            args.append(self.number_operand(self.or_expr(), f"as an argument of {func}()"))
        if self.tok[0] != ")":
            self.expected_close(opened)
        self.advance()
        self.depth -= 1
        if func == "abs" and len(args) != 1:
            raise RuleSyntaxError("abs() takes exactly one argument", start)
        if func in _TWO_ARGS and len(args) != 2:
            raise RuleSyntaxError(f"{func}() takes two arguments: {_TWO_ARGS[func]}", start)
        return Call(func, tuple(args), start, self.src(start))


MAX_LITERAL = 100  # characters of a number in a rule; a float holds 17 significant digits


def _literal(text: str, at: int) -> float:
    """A number literal's value; one a float cannot hold is an error, not ∞ or 0."""
    if len(text) > MAX_LITERAL:
        raise RuleSyntaxError(f"a number of {len(text)} characters; at most {MAX_LITERAL} are read", at)
    value = float(text)
    if math.isinf(value):
        raise RuleSyntaxError(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too large", at)
    mantissa = text.lower().partition("e")[0]
    if value == 0 and any(ch in "123456789" for ch in mantissa):
        raise RuleSyntaxError(f"the number {text[:20]}{'…' if len(text) > 20 else ''} is too small to tell from 0", at)
    return value


def read_figure(text: str, at: int) -> Fig:
    """A figure typed into a rule, read by the article's own number reader."""
    from factcheck.numbers import parse_one

    expr = parse_one(text)
    if expr is None or expr.kind != "quantity" or expr.interval is None or expr.text != text:
        raise RuleSyntaxError(
            f"cannot read '{text}' as a figure (try `factcheck parse '{text}'`)", at
        )
    if expr.per is not None:
        raise RuleSyntaxError(f"'{text}' is a rate; name a claim that records it instead", at)
    dim = expr.dim if expr.dim is not None and not (expr.unit is None and expr.dim.dimensionless) else None
    unit = expr.unit or ""
    return Fig(expr.interval, dim, unit, shown_for(expr.text, expr.unit), at, text)


def parse_rule(text: str) -> Node:
    """Parse a rule; raise RuleSyntaxError(message, offset) for anything outside the grammar."""
    if len(text) > MAX_RULE_LENGTH:
        raise RuleSyntaxError(
            f"rule is too long ({len(text)} characters; the limit is {MAX_RULE_LENGTH})",
            MAX_RULE_LENGTH,
        )
    return _Parser(text).parse()


def rule_names(node: Node) -> list[tuple[str, int]]:
    """Every claim id the rule uses, with its column, in the order they are written."""
    names: list[tuple[str, int]] = []
    stack: list[Node] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Name):
            names.append((item.name, item.offset))
        elif isinstance(item, Arith):
            stack.extend(reversed([sub for _, _, sub, _ in item.rest]))
            stack.append(item.first)
        elif isinstance(item, Compare | BoolOp):
            stack.extend(reversed(item.operands))
        elif isinstance(item, Call):
            stack.extend(reversed(item.args))
        elif isinstance(item, Neg | Not):
            stack.append(item.operand)
    return names


# -- evaluation ----------------------------------------------------------------------


class Operand(Frozen):
    """What a claim id stands for.

    `interval` is in the written scale; the value used in arithmetic is
    interval * scale (0.42 per 100,000 is [0.415, 0.425) with scale 1e-5).
    `shown`, when set, shows values of this kind as the text writes them (万吨).
    """

    __slots__ = _fields = ("interval", "dim", "unit", "label", "scale", "shown")
    interval: Interval
    dim: Dim
    unit: str
    label: str
    scale: float
    shown: Shown | None

    def __init__(
        self,
        interval: Interval,
        dim: Dim,
        unit: str,
        label: str = "",
        scale: float = 1.0,
        shown: Shown | None = None,
    ) -> None:
        setattr_frozen(self, "interval", interval)
        setattr_frozen(self, "dim", dim)
        setattr_frozen(self, "unit", unit)
        setattr_frozen(self, "label", label)
        setattr_frozen(self, "scale", scale)
        setattr_frozen(self, "shown", shown)


class Outcome(Frozen):
    __slots__ = _fields = ("verdict", "steps", "summary")
    verdict: Verdict
    steps: list[str]
    summary: str

    def __init__(self, verdict: Verdict, steps: list[str], summary: str) -> None:
        setattr_frozen(self, "verdict", verdict)
        setattr_frozen(self, "steps", steps)
        setattr_frozen(self, "summary", summary)


class _Val:
    """An evaluated number. dim None marks a bare literal that adopts what it meets.

    `by_hand` is set on a ratio multiplied by 100 by hand, to the ratio's own text,
    so that comparing it with a percent can say which form works.
    """

    __slots__ = ("iv", "dim", "unit", "src", "shown", "by_hand", "computed", "_text")

    def __init__(
        self,
        iv: Interval,
        dim: Dim | None,
        unit: str,
        src: str,
        shown: Shown | None = None,
        by_hand: str | None = None,
        computed: bool = True,
    ) -> None:
        self.iv = iv
        self.dim = dim
        self.unit = unit
        self.src = src
        self.shown = shown
        self.by_hand = by_hand
        self.computed = computed  # a result of arithmetic: shown to 6 significant digits
        self._text: str | None = None

    def text(self) -> str:
        """The interval as shown; cached, as formatting bounds is most of the cost of a step."""
        if self._text is None:
            if self.dim == DATE:
                self._text = date_text(self.iv)
            else:
                iv = _short(self.iv) if self.computed else self.iv
                self._text = self.shown.body(iv) if self.shown is not None else str(iv)
        return self._text

    def with_unit(self) -> str:
        if self.dim == DATE:
            return self.text()
        if self.shown is not None:
            return f"{self.text()} {self.shown.unit}" if self.shown.unit else self.text()
        return f"{self.text()} {self.unit}" if self.unit else self.text()

    def as_shown(self, shown: Shown | None) -> _Val:
        """The same value shown in another figure's written scale (both sides of `==` alike)."""
        if shown is None or self.shown is not None or self.dim == DATE:
            return self
        return _Val(self.iv, self.dim, self.unit, self.src, shown, self.by_hand, self.computed)


_SHOWN_DIGITS = 6


def _round_out(x: float, up: bool) -> float:
    """x to 6 significant digits, rounded away from the interval's inside; x if it has no more."""
    if not math.isfinite(x) or x == 0 or float(f"{x:.6g}") == float(f"{x:.12g}"):  # float noise aside
        return x
    step = 10.0 ** (math.floor(math.log10(abs(x))) - _SHOWN_DIGITS + 1)
    return float(f"{(math.ceil(x / step) if up else math.floor(x / step)) * step:.12g}")


def _short(iv: Interval) -> Interval:
    """An interval for display: bounds to 6 significant digits, rounded outward."""
    lo, hi = _round_out(iv.lo, False), _round_out(iv.hi, True)
    if lo == iv.lo and hi == iv.hi:
        return iv
    return Interval(lo, hi, iv.lo_closed, iv.hi_closed)


def _unit_of(dim: Dim) -> str:
    return "" if dim.dimensionless else str(dim)


def _describe(v: _Val) -> str:
    """Unit and dimension for an error message: '元, money:CNY'."""
    dim = str(v.dim)
    unit = v.shown.unit if v.shown is not None else v.unit
    return f"{unit}, {dim}" if unit and unit != dim else dim


_PERCENTS = {PERCENT: 100.0, PERMILLE: 1000.0}
# A difference of two percents, named in the language of the file the check stands in.
POINTS_UNITS = {"zh": "百分点", "en": "percentage points"}


def _is_exact(v: _Val, x: float) -> bool:
    return v.iv.is_exact and v.iv.lo == x


def _dim_hint(a: _Val, b: _Val) -> str:
    """The form that works, for two values whose dimensions do not meet."""
    dims = {a.dim, b.dim}
    if dims == {PERCENT, POINTS}:
        return (
            "; a difference of two percents is in percentage points, as pp(a, b) is;"
            " a relative change is a percent: growth(new, old) == growth_pct;"
            " shares that make up a whole add up: a + b == 100%"
        )
    if dims & {PERCENT, PERMILLE}:
        return (
            "; a percent in arithmetic is its ratio: write part / whole == share_pct,"
            " share(part, whole) == share_pct, or share_pct * whole == part"
        )
    return (
        "; only figures of one dimension are added or compared: multiply or divide to"
        " change dimension (rate * base == total, part / whole == share_pct)"
    )


def _mismatch(verb: str, a: _Val, b: _Val, at: int) -> RuleEvalError:
    joiner = " with " if verb == "compare" else " and "
    return RuleEvalError(
        f"cannot {verb} '{a.src}' ({_describe(a)}){joiner}'{b.src}' ({_describe(b)}):"
        f" different dimensions{_dim_hint(a, b)}",
        at,
    )


_WHY = {
    "pass": "every value satisfies it",
    "fail": "no value satisfies it",
    "unknown": "some values satisfy it, others do not",
}
_WHY_EQ = {
    "pass": "the intervals overlap",
    "fail": "the intervals are disjoint",
    "unknown": "",
}
_WHY_NE = {
    "pass": "the intervals are disjoint",
    "fail": "both are the same exact value",
    "unknown": "the intervals overlap, so the values may or may not differ",
}
_MAX_SUMMARY_PARTS = 3


def _kleene_and(verdicts: list[Verdict]) -> Verdict:
    if "fail" in verdicts:
        return "fail"
    return "unknown" if "unknown" in verdicts else "pass"


def _kleene_or(verdicts: list[Verdict]) -> Verdict:
    if "pass" in verdicts:
        return "pass"
    return "unknown" if "unknown" in verdicts else "fail"


_NOT: dict[Verdict, Verdict] = {"pass": "fail", "fail": "pass", "unknown": "unknown"}


class _Evaluator:
    __slots__ = ("env", "steps", "parts", "shown", "node", "points", "_scales")

    def __init__(self, env: Mapping[str, Operand], node: Node, points: str = POINTS_UNITS["zh"]) -> None:
        self.env = env
        self.points = points  # how a difference of two percents is named
        self.steps: list[str] = []
        self.parts: list[str] = []  # one short text per comparison, for the summary
        self.shown: set[str] = set()
        self.node = node
        self._scales: dict[Dim, Shown] | None = None

    def scale_for(self, dim: Dim) -> Shown | None:
        """How the rule's own figures write a dimension: a product in kilograms is shown in
        the 万吨 of the output it is compared with, never in base units."""
        if self._scales is None:
            self._scales = {}
            for name, _ in rule_names(self.node):
                op = self.env.get(name)
                if op is not None and op.shown is not None and op.scale == 1.0:
                    self._scales.setdefault(op.dim, op.shown)
        return self._scales.get(dim)

    # numbers

    def num(self, node: Node) -> _Val:
        t = type(node)
        if t is Name:
            assert isinstance(node, Name)
            return self.name(node)
        if t is Num:
            assert isinstance(node, Num)
            return _Val(Interval(node.value, node.value, True, True), None, "", node.src, computed=False)
        if t is Fig:
            assert isinstance(node, Fig)
            return _Val(node.interval, node.dim, node.unit, node.src, node.shown, computed=False)
        if t is Arith:
            assert isinstance(node, Arith)
            acc = self.num(node.first)
            for op, at, sub, end in node.rest:
                src = node.src[: end - node.offset]
                acc = self.binary(op, at, acc, self.num(sub), src)
            return acc
        if t is Call:
            assert isinstance(node, Call)
            return self.call(node)
        if t is Neg:
            assert isinstance(node, Neg)
            v = self.num(node.operand)
            if v.dim == DATE:
                raise RuleEvalError(f"cannot negate the date '{v.src}'", node.offset)
            result = _Val(-v.iv, v.dim, v.unit, node.src, v.shown)
            if v.dim is not None:
                self.steps.append(f"{node.src} = {result.with_unit()}")
            return result
        raise RuleEvalError(f"'{node.src}' is a comparison, not a number", node.offset)

    def name(self, node: Name) -> _Val:
        op = self.env.get(node.name)
        if op is None:
            raise RuleEvalError(f"unknown claim id '{node.name}'", node.offset)
        label = f"  «{op.label}»" if op.label else ""
        if op.scale == 1.0:
            val = _Val(op.interval, op.dim, op.unit, node.name, op.shown, computed=False)
            if node.name not in self.shown:
                self.shown.add(node.name)
                self.steps.append(f"{node.name} = {val.with_unit()}{label}")
            return val
        val = _Val(op.interval * op.scale, op.dim, _unit_of(op.dim), node.name)
        if node.name not in self.shown:
            self.shown.add(node.name)
            written = f"{op.interval} {op.unit}" if op.unit else str(op.interval)
            self.steps.append(
                f"{node.name} = {written} = {op.interval} × {fmt_number(op.scale)}"
                f" = {val.with_unit()}{label}"
            )
        return val

    def same_dim(self, verb: str, a: _Val, b: _Val, at: int) -> tuple[Dim | None, str]:
        """The common dimension and display unit of two values that must agree."""
        if a.dim is None:
            return b.dim, b.unit
        if b.dim is None:
            return a.dim, a.unit
        if a.dim != b.dim:
            raise _mismatch(verb, a, b, at)
        return a.dim, (a.unit if a.unit == b.unit else _unit_of(a.dim))

    def as_ratio(self, v: _Val, other: _Val) -> _Val:
        """A percentage multiplied with another kind of quantity counts as value / 100."""
        if v.dim is None or other.dim is None or v.dim == other.dim:
            return v
        divisor = _PERCENTS.get(v.dim)
        if divisor is None:
            return v
        ratio = _Val(v.iv / divisor, NUMBER, "", v.src)
        self.steps.append(
            f"{v.src} as a ratio = {v.text()} / {fmt_number(divisor)} = {ratio.text()}"
        )
        return ratio

    def as_percent(self, v: _Val, other: _Val) -> _Val:
        """A ratio (`part / whole`) met by a percent is read as that percent: × 100."""
        if v.dim != NUMBER or other.dim not in _PERCENTS or v.by_hand is not None:
            return v
        assert other.dim is not None
        factor = _PERCENTS[other.dim]
        result = _Val(v.iv * factor, other.dim, other.unit or str(other.dim), v.src)
        self.steps.append(
            f"{v.src} as a percent = {v.text()} × {fmt_number(factor)} = {result.with_unit()}"
        )
        return result

    @staticmethod
    def bare_error(a: _Val, b: _Val, at: int) -> None:
        """A bare number met by a figure written in another unit than its base (万吨 is in kg)."""
        for v, other in ((a, b), (b, a)):
            shown = other.shown
            if v.dim is None and shown is not None and shown.factor != 1.0 and not _is_exact(v, 0.0):
                example = f"{v.src}{shown.mult.strip()}{shown.unit}"
                raise RuleEvalError(
                    f"'{v.src}' is a bare number, but '{other.src}' is written in"
                    f" {shown.mult.strip()}{shown.unit} ({_describe(other)}); write the figure with its"
                    f" unit, as the text would: '{example}'",
                    at,
                )

    def by_hand_error(self, a: _Val, b: _Val, at: int) -> None:
        """A ratio multiplied by 100 by hand, met by a percent: say which form works."""
        for v, other in ((a, b), (b, a)):
            if v.by_hand is not None and other.dim in _PERCENTS:
                raise RuleEvalError(
                    f"cannot compare '{a.src}' ({_describe(a)}) with '{b.src}' ({_describe(b)}):"
                    f" '{v.src}' is a ratio multiplied by 100 by hand, a number, while '{other.src}'"
                    f" is a percent; a percent in arithmetic is its ratio, so drop the '* 100':"
                    f" write '{v.by_hand} == {other.src}'"
                    " (or growth(new, old), share(part, whole))",
                    at,
                )

    def additive(self, op: str, a: _Val, b: _Val, at: int) -> tuple[_Val, _Val, Dim | None, str]:
        """Operands and result dimension of `a + b` or `a - b`, with percents and points."""
        verb = "add" if op == "+" else "subtract"
        self.by_hand_error(a, b, at)
        self.bare_error(a, b, at)
        for v, other in ((a, b), (b, a)):
            if v.dim is None and other.dim in _PERCENTS and not _is_exact(v, 100.0):
                raise RuleEvalError(
                    f"cannot {verb} '{a.src}' and '{b.src}': '{v.src}' is a bare number and"
                    f" '{other.src}' a percent ({_describe(other)}); a percent in arithmetic is its"
                    f" ratio, so write the whole as 100%: 'old * (100% + growth_pct) == new'",
                    at,
                )
        a, b = self.as_percent(a, b), self.as_percent(b, a)
        whole = a.dim is None or _is_exact(a, 100.0)
        if a.dim == PERCENT and b.dim == PERCENT:
            if op == "-" and not whole:
                return a, b, POINTS, self.points  # percent minus percent: percentage points
            return a, b, PERCENT, a.unit or b.unit
        if {a.dim, b.dim} == {PERCENT, POINTS} and not (op == "-" and a.dim == POINTS):
            pct = a if a.dim == PERCENT else b
            return a, b, PERCENT, pct.unit  # a rate moved by some points is a rate
        if a.dim is None and b.dim == PERCENT and op == "-":
            return a, b, PERCENT, b.unit  # 100 - share: the rest of the whole
        dim, unit = self.same_dim(verb, a, b, at)
        return a, b, dim, unit

    def binary(self, op: str, at: int, a: _Val, b: _Val, src: str) -> _Val:
        by_hand = None
        if op == "+" or op == "-":
            if a.dim == DATE and b.dim == DATE and op == "+":
                raise RuleEvalError(f"cannot add dates '{a.src}' and '{b.src}': a date can be compared, subtracted or shifted by days", at)
            if op == "-" and b.dim == DATE and a.dim != DATE:
                raise RuleEvalError(f"cannot subtract the date '{b.src}' from '{a.src}', which is no date", at)
            a, b, dim, unit = self.additive(op, a, b, at)
            iv = a.iv + b.iv if op == "+" else a.iv - b.iv
            if a.dim == DATE and b.dim == DATE:  # date - date: the days between them
                dim, unit = DAY, "day"
            shown = (a.shown or b.shown) if a.dim == b.dim or None in (a.dim, b.dim) else None
        else:
            for v in (a, b):
                if v.dim == DATE:
                    raise RuleEvalError(
                        f"cannot {'multiply' if op == '*' else 'divide'} the date '{v.src}': "
                        "a date can be compared, subtracted or shifted by days",
                        at,
                    )
            if op == "/" and a.dim in _PERCENTS and b.dim is None and _is_exact(b, _PERCENTS[a.dim]):
                raise RuleEvalError(
                    f"'{a.src}' is a percent, and a percent in arithmetic is already its ratio:"
                    f" drop the '/ {b.src}' (write '{a.src} * whole == part')",
                    at,
                )
            for v, other in ((a, b), (b, a)):
                if op == "*" and v.dim is None and _is_exact(v, 100.0) and other.dim == NUMBER:
                    by_hand = other.src
            a, b = self.as_ratio(a, b), self.as_ratio(b, a)
            dim, unit = self.product_dim(op, a, b)
            shown = None
            iv = a.iv * b.iv if op == "*" else self.divide(a, b, at)
            if b.dim is None:
                shown = a.shown
            elif a.dim is None and op == "*":
                shown = b.shown
        if shown is None and dim is not None and not dim.dimensionless:
            shown = self.scale_for(dim)
        result = _Val(iv, dim, unit, src, shown, by_hand)
        if a.dim is not None or b.dim is not None:
            self.steps.append(f"{src} = {a.text()} {op} {b.text()} = {result.with_unit()}")
        return result

    @staticmethod
    def product_dim(op: str, a: _Val, b: _Val) -> tuple[Dim | None, str]:
        # A bare number in `*` or `/` is a pure factor and keeps the other side's unit.
        if a.dim is None and b.dim is None:
            return None, ""
        if b.dim is None:
            return a.dim, a.unit
        if a.dim is None:
            if op == "*":
                return b.dim, b.unit
            dim = NUMBER / b.dim
            return dim, _unit_of(dim)
        dim = a.dim * b.dim if op == "*" else a.dim / b.dim
        return dim, _unit_of(dim)

    def divide(self, a: _Val, b: _Val, at: int) -> Interval:
        try:
            return a.iv / b.iv
        except IntervalError:
            raise RuleEvalError(f"cannot divide by '{b.src}': it is {b.text()}, which contains 0", at) from None

    def helper(self, node: Call, args: list[_Val]) -> _Val:
        """share(part, whole), growth(new, old) as percents; pp(a, b) in percentage points."""
        a, b = args
        if node.func == "pp":
            if a.dim not in (PERCENT, None) or b.dim not in (PERCENT, None):
                raise RuleEvalError(
                    f"pp() takes two percents; '{a.src}' is {_describe(a)} and '{b.src}' is"
                    f" {_describe(b)} (for a relative change write growth(new, old))",
                    node.offset,
                )
            result = _Val(a.iv - b.iv, POINTS, self.points, node.src)
            self.steps.append(f"{node.src} = {a.text()} - {b.text()} = {result.with_unit()}")
            return result
        if a.dim is not None and b.dim is not None and a.dim != b.dim:
            what = _TWO_ARGS[node.func]
            raise RuleEvalError(
                f"{what} needs two figures of one dimension; '{a.src}' is {_describe(a)}"
                f" and '{b.src}' is {_describe(b)}",
                node.offset,
            )
        ratio = self.divide(a, b, node.offset)
        if node.func == "growth":
            iv = (ratio - 1.0) * 100.0
            detail = f"({a.text()} / {b.text()} - 1) × 100"
        else:
            iv = ratio * 100.0
            detail = f"{a.text()} / {b.text()} × 100"
        result = _Val(iv, PERCENT, "%", node.src)
        self.steps.append(f"{node.src} = {detail} = {result.with_unit()}")
        return result

    def call(self, node: Call) -> _Val:
        args = [self.num(arg) for arg in node.args]
        if node.func in ("abs", "sum", *_TWO_ARGS) and any(arg.dim == DATE for arg in args):
            raise RuleEvalError(f"cannot take {node.func}() of a date; min() and max() of dates work", node.offset)
        if node.func in _TWO_ARGS:
            return self.helper(node, args)
        if node.func == "abs":
            v = args[0]
            result = _Val(abs(v.iv), v.dim, v.unit, node.src, v.shown)
            if v.dim is not None:
                self.steps.append(f"{node.src} = |{v.text()}| = {result.with_unit()}")
            return result
        acc = args[0]
        iv = acc.iv
        dim, unit = acc.dim, acc.unit
        shown = next((arg.shown for arg in args if arg.shown is not None), None)
        for arg in args[1:]:
            dim, unit = self.same_dim("combine" if node.func != "sum" else "add", acc, arg, node.offset)
            acc = _Val(acc.iv, dim, unit, acc.src)
            if node.func == "sum":
                iv = iv + arg.iv
            elif node.func == "min":
                iv = iv.minimum(arg.iv)
            else:
                iv = iv.maximum(arg.iv)
        result = _Val(iv, dim, unit, node.src, shown)
        if dim is not None:
            shown_args = [arg.as_shown(shown).text() for arg in args]
            if node.func == "sum":
                detail = " + ".join(shown_args)
            else:
                detail = f"{node.func}({', '.join(shown_args)})"
            self.steps.append(f"{node.src} = {detail} = {result.with_unit()}")
        return result

    # verdicts

    def verdict(self, node: Node) -> Verdict:
        t = type(node)
        if t is Compare:
            assert isinstance(node, Compare)
            return self.compare(node)
        if t is BoolOp:
            assert isinstance(node, BoolOp)
            verdicts = [self.verdict(sub) for sub in node.operands]
            result = _kleene_and(verdicts) if node.op == "and" else _kleene_or(verdicts)
            self.steps.append(f"{node.op}: {', '.join(verdicts)} -> {result}")
            return result
        if t is Not:
            assert isinstance(node, Not)
            inner = self.verdict(node.operand)
            result = _NOT[inner]
            self.steps.append(f"not {inner} -> {result}")
            return result
        raise RuleEvalError(f"'{node.src}' is a number, not a check", node.offset)

    def compare(self, node: Compare) -> Verdict:
        vals = [self.num(sub) for sub in node.operands]
        verdicts: list[Verdict] = []
        for i, (op, at) in enumerate(node.ops):
            a, b = vals[i], vals[i + 1]
            if (a.dim == DATE) != (b.dim == DATE) and None in (a.dim, b.dim):
                date, other = (a, b) if a.dim == DATE else (b, a)
                raise RuleEvalError(
                    f"cannot compare the date '{date.src}' with the bare number '{other.src}': different dimensions",
                    at,
                )
            self.by_hand_error(a, b, at)
            self.bare_error(a, b, at)
            a, b = self.as_percent(a, b), self.as_percent(b, a)
            if a.dim is not None and b.dim is not None and a.dim != b.dim:
                raise _mismatch("compare", a, b, at)
            a, b = a.as_shown(b.shown), b.as_shown(a.shown)
            v = COMPARISONS[op](a.iv, b.iv)
            why = (_WHY_EQ if op == "==" else _WHY_NE if op == "!=" else _WHY)[v]
            self.steps.append(f"{a.src} {op} {b.src}: {a.text()} {op} {b.text()}: {why} -> {v}")
            self.parts.append(f"{_side(a)} {op} {_side(b)} -> {v}")
            verdicts.append(v)
        if len(verdicts) == 1:
            return verdicts[0]
        result = _kleene_and(verdicts)
        self.steps.append(f"chain {node.src}: {', '.join(verdicts)} -> {result}")
        return result


def _side(v: _Val) -> str:
    """A comparison side for the one-line summary: 'population = [66265000, 66275000) 人'."""
    if v.dim is None or v.src == v.text():
        return v.text()
    return f"{v.src} = {v.with_unit()}"


def evaluate(node: Node, env: Mapping[str, Operand], language: str = "zh") -> Outcome:
    """Compute a parsed rule over the operands; raise RuleEvalError if it cannot be computed.
    `language`, the claim file's, names a difference of two percents in its words."""
    ev = _Evaluator(env, node, POINTS_UNITS.get(language, POINTS_UNITS["zh"]))
    verdict = ev.verdict(node)
    parts = ev.parts
    summary = "; ".join(parts[:_MAX_SUMMARY_PARTS])
    if len(parts) > _MAX_SUMMARY_PARTS:
        summary += f"; … ({len(parts) - _MAX_SUMMARY_PARTS} more)"
    if len(parts) != 1 or type(node) is not Compare:
        summary += f" => {verdict}"
    return Outcome(verdict, ev.steps, summary)
