"""Finding a claim's quote in its source again (W3C TextQuoteSelector style).

A claim stores its span `[start, end)`, the quote (the exact text of the span)
and a little context before and after it (`prefix`, `suffix`). When the source
is edited, `locate` finds the quote again and says how:

- `anchored`: the span still holds the quote.
- `moved`: the exact quote stands elsewhere. Of several occurrences the one
  whose surroundings agree with the stored prefix/suffix wins; among equals,
  the one nearest the expected position.
- `changed`: the quote itself was edited; the best fuzzy match is returned
  with its score and its new text, if the score is at least `ACCEPT`.
- `lost`: nothing scores `ACCEPT` or more.

Scoring (0..100) of a candidate `[s, e)`::

    score = 0.8 * quote + 0.2 * context - distance

- `quote`: similarity of the quote and the candidate text, rapidfuzz
  `fuzz.ratio` (an insertion/deletion-based similarity: one substituted
  character in a 20-character quote gives 95).
- `context`: the same similarity of the stored prefix with the text just before
  `s` and of the suffix with the text just after `e`, averaged by their lengths.
  A claim without stored context counts its quote score here.
- `distance`: `DISTANCE_PENALTY` (5) points per `DISTANCE_SCALE` (10,000)
  characters between `s` and the expected position, at most 5 points. It breaks
  ties between similar candidates and keeps far-away look-alikes out, while a
  paragraph inserted above costs almost nothing.

All three comparisons are made on text normalised for full/half width
(`，`=`,` `；`=`;` `：`=`:` `“`=`"`, full-width letters and digits, the
ideographic space), so a quote whose only change is punctuation width scores
100 and is `changed` (its text differs) with full confidence.

`ACCEPT = 80` is the threshold: a 20-character quote with two characters
replaced and its context intact scores about 92; a short quote such as
`去年7月至今` with one character replaced about 87. Below 80 the match is left
for a person (`verify --fix` does not write it).

An exact occurrence is always preferred when its whole stored context agrees.
If it does not, the exact candidates and the fuzzy ones compete on the score
above: an edited figure `190项…` must not be "moved" to another sentence that
happens to contain the old text `189项…` verbatim.

Speed: the search starts in a window around the expected position (the old
start, or the caller's estimate: the old start shifted by the drift of the
neighbouring claims, see `locate_all`) and widens eightfold until something
scores `ACCEPT` or the whole text was searched. rapidfuzz is imported only on
the fuzzy path, so the common cases (anchored, moved) cost no import time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

Status = Literal["anchored", "moved", "changed", "lost"]

# Records are NamedTuples: a tenth of a dataclass's class-creation cost at import time.

ACCEPT = 80.0  # minimum score for a fuzzy match to count as the claim's new place
QUOTE_WEIGHT = 0.8
CONTEXT_WEIGHT = 0.2
DISTANCE_PENALTY = 5.0  # points per DISTANCE_SCALE characters from the expected position...
DISTANCE_SCALE = 10_000
CONTEXT_CHARS = 8  # prefix/suffix length written for new anchors
AMBIGUITY_MARGIN = 5.0  # `search`: a second match this close to the best makes a quote ambiguous
_MIN_RADIUS = 256  # first search window: this many characters either side at least


class Anchor(NamedTuple):
    status: Status
    start: int
    end: int
    score: float = 100.0  # 0..100; 100 for exact text
    text: str = ""


class Selector(NamedTuple):
    """What a claim stores to be found again."""

    span: tuple[int, int]
    quote: str
    prefix: str = ""
    suffix: str = ""


def _width_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # ！..～ -> !..~
    table.update({0x3000: " ", 0x201C: '"', 0x201D: '"', 0x201E: '"', 0x2018: "'", 0x2019: "'",
                  0x3002: ".", 0x3001: ",", 0x3010: "[", 0x3011: "]", 0xFF64: ","})
    return table


_WIDTH = _width_table()


def normalise(text: str) -> str:
    """Fold full-width punctuation, letters, digits and quotes to half width.

    Every character maps to exactly one character, so offsets into the
    normalised text are offsets into the original.
    """
    return text.translate(_WIDTH)


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The prefix and suffix stored beside a span."""
    return text[max(0, start - width) : start], text[end : end + width]


# ---------------------------------------------------------------- exact search


def _agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored context agree next to an occurrence (width-folded)."""
    score = 0
    before = normalise(text[max(0, start - len(prefix)) : start])
    for a, b in zip(reversed(before), reversed(normalise(prefix)), strict=False):
        if a != b:
            break
        score += 1
    after = normalise(text[end : end + len(suffix)])
    for a, b in zip(after, normalise(suffix), strict=False):
        if a != b:
            break
        score += 1
    return score


def _full_context(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """The agreement an occurrence would have if all its stored context were intact."""
    return min(len(prefix), start) + min(len(suffix), len(text) - end)


def _occurrences(text: str, quote: str, lo: int, hi: int, limit: int = 10_000) -> list[int]:
    found: list[int] = []
    pos = text.find(quote, lo, hi)
    while pos != -1 and len(found) < limit:
        found.append(pos)
        pos = text.find(quote, pos + 1, hi)
    return found


def _best_exact(text: str, quote: str, prefix: str, suffix: str, expected: int) -> tuple[int, bool] | None:
    """(start, whole context agrees) of the best exact occurrence, searching near `expected` first."""
    if not quote:
        return None
    radius = max(_MIN_RADIUS, 8 * len(quote))
    lo, hi = max(0, expected - radius), min(len(text), expected + len(quote) + radius)
    # An occurrence inside the window with its whole context intact cannot be beaten
    # by one outside: nothing agrees more, and anything outside is farther away.
    near = _rank_exact(text, quote, prefix, suffix, expected, _occurrences(text, quote, lo, hi))
    if near is not None and near[1]:
        return near
    if lo == 0 and hi == len(text):
        return near
    return _rank_exact(text, quote, prefix, suffix, expected, _occurrences(text, quote, 0, len(text)))


def _rank_exact(
    text: str, quote: str, prefix: str, suffix: str, expected: int, starts: list[int]
) -> tuple[int, bool] | None:
    best: tuple[int, int] | None = None
    best_start = -1
    for pos in starts:
        key = (-_agreement(text, pos, pos + len(quote), prefix, suffix), abs(pos - expected))
        if best is None or key < best:
            best, best_start = key, pos
    if best is None:
        return None
    end = best_start + len(quote)
    return best_start, -best[0] == _full_context(text, best_start, end, prefix, suffix)


# ---------------------------------------------------------------- fuzzy search


class _Candidate(NamedTuple):
    start: int
    end: int
    score: float
    distance: int

    def key(self) -> tuple[float, int]:
        return self.score, -self.distance


class _Fuzzy:
    """The fuzzy matcher for one selector: normalised needles and the scoring formula."""

    def __init__(self, text: str, sel: Selector, expected: int) -> None:
        from rapidfuzz import fuzz
        from rapidfuzz.distance import Levenshtein

        self.fuzz: Any = fuzz
        self.lev: Any = Levenshtein
        self.text = text
        self.quote = normalise(sel.quote)
        self.prefix = normalise(sel.prefix)
        self.suffix = normalise(sel.suffix)
        self.expected = expected

    def score(self, start: int, end: int) -> _Candidate:
        text = self.text
        quote_score = float(self.fuzz.ratio(self.quote, normalise(text[start:end])))
        weight = len(self.prefix) + len(self.suffix)
        if weight:
            before = normalise(text[max(0, start - len(self.prefix)) : start])
            after = normalise(text[end : end + len(self.suffix)])
            ctx = (
                self.fuzz.ratio(self.prefix, before) * len(self.prefix)
                + self.fuzz.ratio(self.suffix, after) * len(self.suffix)
            ) / weight
        else:
            ctx = quote_score
        distance = abs(start - self.expected)
        penalty = min(DISTANCE_PENALTY, DISTANCE_PENALTY * distance / DISTANCE_SCALE)
        score = max(0.0, QUOTE_WEIGHT * quote_score + CONTEXT_WEIGHT * ctx - penalty)
        return _Candidate(start, end, round(score, 1), distance)

    def rough_starts(self, lo: int, hi: int) -> list[int]:
        """Likely starts of the quote in text[lo:hi]: the best alignment of the quote alone,
        and of prefix + quote + suffix (which the stored context disambiguates)."""
        window = normalise(self.text[lo:hi])
        starts: list[int] = []
        needles = [(self.quote, 0)]
        if self.prefix or self.suffix:
            needles.append((self.prefix + self.quote + self.suffix, len(self.prefix)))
        for needle, offset in needles:
            if not needle or len(needle) > len(window):
                continue
            found = self.fuzz.partial_ratio_alignment(needle, window)
            if found is None or found.score == 0:
                continue
            start = min(max(lo + found.dest_start - found.src_start + offset, lo), hi)
            if start not in starts:
                starts.append(start)
        return starts

    def refine(self, rough: int) -> tuple[int, int]:
        """Exact boundaries near a rough start: least edit distance, then context, then length."""
        text, quote = self.text, self.quote
        n = len(quote)
        slack = max(2, n // 8 + 1)

        def cost(start: int, end: int) -> tuple[int, int, int, int]:
            if not 0 <= start < end <= len(text):
                return (1 << 30, 0, 0, 0)
            dist = self.lev.distance(quote, normalise(text[start:end]))
            # Equal edit distance happens when the quote's first or last character was
            # edited; the stored context next to the boundary decides.
            edge = self.lev.distance(self.prefix[-3:], normalise(text[max(0, start - 3) : start])) if self.prefix else 0
            edge += self.lev.distance(self.suffix[:3], normalise(text[end : end + 3])) if self.suffix else 0
            return dist, edge, abs((end - start) - n), abs(start - rough)

        start, end = rough, rough + n
        for _ in range(2):  # coordinate descent: a start for this end, an end for that start
            start = min(range(start - slack, start + slack + 1), key=lambda s: cost(s, end))
            end = min(range(end - slack, end + slack + 1), key=lambda e: cost(start, e))
        return max(0, start), min(len(text), max(end, start + 1))

    def best(self, lo: int, hi: int) -> _Candidate | None:
        found: _Candidate | None = None
        for rough in self.rough_starts(lo, hi):
            start, end = self.refine(rough)
            candidate = self.score(start, end)
            if found is None or candidate.key() > found.key():
                found = candidate
        return found

    def search(self) -> _Candidate | None:
        """Best candidate in a window around the expected position, widened until it scores ACCEPT."""
        size = len(self.text)
        radius = max(_MIN_RADIUS, 4 * (len(self.prefix) + len(self.quote) + len(self.suffix)))
        found: _Candidate | None = None
        while True:
            lo, hi = max(0, self.expected - radius), min(size, self.expected + len(self.quote) + radius)
            candidate = self.best(lo, hi)
            if candidate is not None and (found is None or candidate.key() > found.key()):
                found = candidate
            if (found is not None and found.score >= ACCEPT) or (lo == 0 and hi == size):
                return found
            radius *= 8


# ---------------------------------------------------------------- public API


def locate(
    text: str,
    span: tuple[int, int],
    quote: str,
    prefix: str = "",
    suffix: str = "",
    *,
    expected: int | None = None,
) -> Anchor:
    """Where the quote stands in text now. `expected` is the best guess of its new start
    (default: the old start); a better guess only makes the search faster and surer."""
    start, end = span
    if 0 <= start <= end <= len(text) and text[start:end] == quote:
        return Anchor("anchored", start, end, 100.0, quote)
    if not quote:
        return Anchor("lost", start, end, 0.0, "")
    guess = start if expected is None else min(max(expected, 0), len(text))
    exact = _best_exact(text, quote, prefix, suffix, guess)
    if exact is not None and exact[1]:
        return Anchor("moved", exact[0], exact[0] + len(quote), 100.0, quote)
    matcher = _Fuzzy(text, Selector(span, quote, prefix, suffix), guess)
    fuzzy = matcher.search()
    if exact is not None:
        scored = matcher.score(exact[0], exact[0] + len(quote))
        if fuzzy is None or scored.key() >= fuzzy.key():
            return Anchor("moved", exact[0], exact[0] + len(quote), 100.0, quote)
    if fuzzy is None or fuzzy.score < ACCEPT:
        return Anchor("lost", start, end, fuzzy.score if fuzzy else 0.0, "")
    found = text[fuzzy.start : fuzzy.end]
    if found == quote:  # the fuzzy search landed on an exact occurrence
        return Anchor("moved", fuzzy.start, fuzzy.end, 100.0, quote)
    return Anchor("changed", fuzzy.start, fuzzy.end, fuzzy.score, found)


def locate_all(text: str, selectors: Sequence[Selector]) -> list[Anchor]:
    """Locate many claims of one source, in the order given.

    Claims are visited in the order of their old starts; each is looked for at its
    old start shifted by the drift (new start - old start) of the nearest claim
    before it that was found. An inserted paragraph shifts every later claim by
    the same amount, so the estimate is usually exact and the search window small.
    """
    order = sorted(range(len(selectors)), key=lambda i: selectors[i].span[0])
    anchors: list[Anchor | None] = [None] * len(selectors)
    drift = 0
    for i in order:
        sel = selectors[i]
        found = locate(text, sel.span, sel.quote, sel.prefix, sel.suffix, expected=sel.span[0] + drift)
        anchors[i] = found
        if found.status != "lost":
            drift = found.start - sel.span[0]
    return [a for a in anchors if a is not None]


class Match(NamedTuple):
    """A place where a typed quote was found: `exact` when the text is identical."""

    start: int
    end: int
    score: float
    text: str
    exact: bool


def search(text: str, quote: str, limit: int = 5) -> list[Match]:
    """Every place the typed quote may stand, best first (for `factcheck add`).

    Exact occurrences first; then occurrences equal after width folding (score
    100); then up to `limit` non-overlapping fuzzy matches scored by `fuzz.ratio`
    on folded text.
    """
    if not quote:
        return []
    exact = _occurrences(text, quote, 0, len(text))
    if exact:
        return [Match(s, s + len(quote), 100.0, quote, True) for s in exact]
    folded_text, folded = normalise(text), normalise(quote)
    same = _occurrences(folded_text, folded, 0, len(text))
    if same:
        return [Match(s, s + len(quote), 100.0, text[s : s + len(quote)], False) for s in same]
    matcher = _Fuzzy(text, Selector((0, 0), quote), 0)
    found: list[Match] = []
    segments = [(0, len(text))]
    while segments and len(found) < limit:
        best: tuple[float, int, int, int] | None = None
        for index, (lo, hi) in enumerate(segments):
            if hi - lo < max(1, len(folded) // 2):
                continue
            for rough in matcher.rough_starts(lo, hi):
                start, end = matcher.refine(rough)
                start, end = max(start, lo), min(end, hi)
                if start >= end:
                    continue
                score = round(float(matcher.fuzz.ratio(folded, folded_text[start:end])), 1)
                if best is None or score > best[0]:
                    best = (score, start, end, index)
        if best is None or (found and best[0] < ACCEPT - 30):
            break  # the best one is always kept, to show how close the text came
        score, start, end, index = best
        found.append(Match(start, end, score, text[start:end], False))
        lo, hi = segments.pop(index)
        segments[index:index] = [seg for seg in ((lo, start), (end, hi)) if seg[1] > seg[0]]
    found.sort(key=lambda m: (-m.score, m.start))
    return found
