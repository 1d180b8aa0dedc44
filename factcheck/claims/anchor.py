"""Finding a claim's quote in its source again (W3C TextQuoteSelector style).

A claim stores its span `[start, end)`, the quote (the exact text of the span)
and `CONTEXT_CHARS` (32) code points of context before and after it (`prefix`,
`suffix`; files written with shorter context still load, and `verify --fix`
lengthens it). When the source is edited, `locate` finds the quote again and
says how:

- `anchored`: the span still holds the quote, with `_EDGE` (24) characters of
  its stored context agreeing next to it (a short quote such as `22` can stand
  at its old offsets by chance after an edit above it).
- `moved`: the exact quote stands elsewhere, where its context agrees.
- `changed`: the quote itself was edited; its new place and text are returned
  with a score. When only figures changed (`90.5亿元` -> `10.5亿元`), the claim
  is `changed` at its own place whatever copies of the old figure stand
  elsewhere, and a person reviews it (`factcheck accept`).
- `lost`: the quote's sentence is gone. It never lands on a look-alike whose
  figures differ.

The search runs in this order; the first step that finds something decides:

1. **Moved, context intact.** An exact occurrence near the expected position
   whose whole stored context agrees (the nearest of them); else the best one
   there whose context scores `CLOSE_CONTEXT` (95) or more (an edit or two in
   the 64 characters around it).
2. **Figures changed in place.** Near the expected position, text that reads
   as the quote with other figures (its words equal after width folding, its
   digits or numerals different), whose context *holds* on both sides: each
   side is as stored right next to it (`fuzz.ratio` at least `CONTEXT_HOLDS`,
   85) and the figures written in the stored context stand there too (a figure
   cut by the far edge of the stored side must still end or begin one). The
   second condition is what keeps a deleted `In 2020 there were 3 major
   hurricanes` off its neighbour `In 2021 there were 4 major hurricanes`: the
   neighbour's context has other figures.
3. **Exact occurrences anywhere and fuzzy matches nearby**, on one score (0..100)
   of a candidate `[s, e)`::

       score = 0.8 * quote + 0.2 * context - distance

   - `quote`: rapidfuzz `fuzz.ratio` (insertions and deletions) of the quote
     and the candidate text; 100 for an exact occurrence.
   - `context`: the same similarity of the stored prefix with the text just
     before `s` and of the suffix with the text after `e`, averaged by their
     lengths. A claim without stored context counts its quote score here.
   - `distance`: `DISTANCE_PENALTY` (5) points per `DISTANCE_SCALE` (10,000)
     characters from the expected position, at most 5 points; equal scores go
     to the nearest candidate.

   Every exact occurrence is scored (the nearest `MAX_OCCURRENCES` of them),
   not only the one with the longest agreeing context, so a short quote with
   words added on both sides stays where its wider context agrees; equal
   scores go to the longer run of agreeing context, then to the nearer. A
   candidate must be *admissible* (when context is stored): its context scores
   `MOVE_CONTEXT` (50) or more; an exact copy needs one side of its context to
   hold, figures included, within half the side's length again (or to stand
   within `_SAME_PLACE` characters of where its neighbours put it, context
   scoring `SURE_CONTEXT`); a fuzzy match whose figures differ from the quote
   needs both sides to hold as in step 2. An admissible exact copy whose
   context scores `SURE_CONTEXT` (75) is taken without the fuzzy search; the
   fuzzy match is kept if it scores at least `ACCEPT`.

All comparisons are made on text folded for full/half width (`，`=`,` `；`=`;`
`：`=`:` `“`=`"`, full-width letters and digits, the ideographic space), so a
quote whose only change is punctuation width scores 100 and is `changed` (its
text differs) with full confidence.

`ACCEPT = 80`: a 20-character quote with two characters replaced and its
context intact scores about 92; a short quote such as `去年7月至今` with one
character replaced about 87.

Work is bounded. The expected position is the old start shifted by the drift
of the neighbouring claims (`locate_all`), so most searches end in a window of
a few hundred characters. The fuzzy search widens eightfold from there up to
`FUZZY_REACH` characters either side and no further; a long quote is aligned
from exact pieces of itself (`_PIECE` characters) rather than character by
character; what is not found within that reach is `lost`. rapidfuzz is
imported only on the fuzzy path, so the common cases (anchored, moved with
its context) cost no import time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

# The stored context is written by those who make anchors; it is defined with the source text.
from factcheck.claims.source import CONTEXT_CHARS as CONTEXT_CHARS
from factcheck.claims.source import context as context

Status = Literal["anchored", "moved", "changed", "lost"]

# Records are NamedTuples: a tenth of a dataclass's class-creation cost at import time.

ACCEPT = 80.0  # minimum score for a candidate to count as the claim's new place
QUOTE_WEIGHT = 0.8
CONTEXT_WEIGHT = 0.2
DISTANCE_PENALTY = 5.0  # points per DISTANCE_SCALE characters from the expected position...
DISTANCE_SCALE = 10_000
MOVE_CONTEXT = 50.0  # minimum context score of a moved or changed place, when context is stored
CONTEXT_HOLDS = 85.0  # a side of the context "holds" at this partial similarity or more
SURE_CONTEXT = 75.0  # an admissible exact occurrence with this much context is not beaten by a fuzzy one
CLOSE_CONTEXT = 95.0  # near the expected place, an exact occurrence this close to intact is the claim
MAX_OCCURRENCES = 2_000  # exact occurrences scored, the nearest ones
FUZZY_REACH = 1 << 14  # the fuzzy search looks this many characters either side at most
AMBIGUITY_MARGIN = 5.0  # `search`: a second match this close to the best makes a quote ambiguous
_EDGE = 24  # context characters next to an anchored span that must agree
_MIN_RADIUS = 256  # first search window: this many characters either side at least
_ALIGN_LIMIT = 64  # needles up to this length are aligned character by character (bit-parallel)
_PIECE = 12  # longer ones from exact pieces of this length
_NEEDLE_CONTEXT = 8  # context characters either side of the quote in the alignment needle
_SAME_PLACE = 8  # an exact occurrence this close to the expected start is taken on its context score
_MAX_ROUGH = 24  # rough starts refined per window, the nearest ones
_MAX_SLACK = 24  # boundary search either side of a rough start, at most


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
_FOLD = {chr(code): ch for code, ch in _WIDTH.items()}
# One compiled class of the characters that fold: substituting only those is several
# times faster than str.translate over every character of a long Chinese text.
_FOLDS_RE = re.compile("[" + re.escape("".join(_FOLD)) + "]")


def normalise(text: str) -> str:
    """Fold full-width punctuation, letters, digits and quotes to half width.

    Every character maps to exactly one character, so offsets into the
    normalised text are offsets into the original.
    """
    return _FOLDS_RE.sub(lambda m: _FOLD[m.group()], text)


class Folded:
    """A text width-folded on demand, a chunk at a time: offsets are the text's, and only
    the parts a search looks at are folded (a 75 MB source is not folded whole for one
    claim). Slicing and `find` work as on the folded string."""

    CHUNK = 1 << 15
    WHOLE = 1 << 22  # a text up to this long is folded whole at first use (one C call)

    def __init__(self, text: str) -> None:
        self.text = text
        self._chunks: dict[int, str] = {}
        self._whole: str | None = None

    def __len__(self) -> int:
        return len(self.text)

    def _chunk(self, index: int) -> str:
        chunk = self._chunks.get(index)
        if chunk is None:
            chunk = self._chunks[index] = normalise(self.text[index * self.CHUNK : (index + 1) * self.CHUNK])
        return chunk

    def __getitem__(self, key: slice) -> str:
        if len(self.text) <= self.WHOLE:
            if self._whole is None:
                self._whole = normalise(self.text)
            return self._whole[key]
        start, stop, _ = key.indices(len(self.text))
        if start >= stop:
            return ""
        first, last = start // self.CHUNK, (stop - 1) // self.CHUNK
        base = first * self.CHUNK
        joined = self._chunk(first) if first == last else "".join(self._chunk(i) for i in range(first, last + 1))
        return joined[start - base : stop - base]

    def find(self, sub: str, lo: int, hi: int) -> int:
        pos = self[lo:hi].find(sub)
        return -1 if pos == -1 else lo + pos


# ---------------------------------------------------------------- figures

# A figure as written, on width-folded text: digits (with their decimal point or
# thousands separators), a run of Chinese numerals, or an English number word.
_NUMBER_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|billion|trillion|dozen|half|once|twice"
)
_DIGITS = r"[0-9](?:[0-9.,]*[0-9])?|[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]+"
NUMERAL = rf"{_DIGITS}|(?i:\b(?:{_NUMBER_WORDS})\b)"


# Both compiled on first use: a quote found where it was recorded needs neither.
@functools.cache
def _numeral_re() -> re.Pattern[str]:
    return re.compile(NUMERAL)


@functools.cache
def _digits_re() -> re.Pattern[str]:
    """The skeleton of `_words` frees digits and Chinese numerals only: a number word cut by
    the quote's edge (`fo` of `four`) would otherwise hide the quote's own words."""
    return re.compile(_DIGITS)


def figures(text: str) -> list[str]:
    """The figures a text writes, in order (digits, Chinese numerals, English number words)."""
    return [m.group().lower() for m in _numeral_re().finditer(normalise(text))]


def figures_differ(old: str, new: str) -> bool:
    """True when two texts write different figures: an edit a person must review."""
    return figures(old) != figures(new)


def _words(folded: str) -> tuple[str, list[int], list[int]]:
    """A folded text with each figure replaced by NUL (what stays when only figures change),
    and the start and end in the text of each of its characters."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for match in _digits_re().finditer(folded):
        parts.append(folded[last : match.start()])
        starts.extend(range(last, match.start()))
        ends.extend(range(last + 1, match.start() + 1))
        parts.append("\0")
        starts.append(match.start())
        ends.append(match.end())
        last = match.end()
    parts.append(folded[last:])
    starts.extend(range(last, len(folded)))
    ends.extend(range(last + 1, len(folded) + 1))
    return "".join(parts), starts, ends


def _stored_figures(stored: str, is_prefix: bool) -> list[tuple[str, str]]:
    """The figures of a stored context side as (figure, how it must match): `=` whole, or
    `end`/`start` for a figure at the side's far edge, which may have been cut there."""
    found = [(m.group().lower(), "=") for m in _numeral_re().finditer(stored)]
    if found and is_prefix and _numeral_re().match(stored):
        found[0] = (found[0][0], "end")
    if found and not is_prefix and re.search(rf"(?:{NUMERAL})$", stored):
        found[-1] = (found[-1][0], "start")
    return found


def _in_order(wanted: list[tuple[str, str]], found: list[str]) -> bool:
    """Every figure of `wanted` stands in `found`, in the same order."""
    rest = iter(found)

    def fits(figure: str, how: str, candidate: str) -> bool:
        if how == "end":
            return candidate.endswith(figure)
        if how == "start":
            return candidate.startswith(figure)
        return candidate == figure

    return all(any(fits(w, how, f) for f in rest) for w, how in wanted)


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
    """The agreement an occurrence has when all its stored context is intact. Context cut
    short by the text's edge does not count as agreeing: a copy of a sentence at the end
    of the text is not the claim whose sentence went on."""
    return len(prefix) + len(suffix)


def _in_place(text: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Whether a span that holds its quote still stands in its context: `_EDGE` characters
    of the stored context (or all it has) agree next to it. A short quote such as `22`
    can stand at its old offsets by chance after an edit above it; where it does not
    stand in place, the search decides (and may find it right there)."""
    if text.endswith(prefix, 0, start) and text.startswith(suffix, end):
        return True  # all of it, as stored (what nearly every claim of an unedited text finds)
    full = _full_context(text, start, end, prefix, suffix)
    return _agreement(text, start, end, prefix, suffix) >= min(full, _EDGE)


def _occurrences(text: str, quote: str, lo: int, hi: int, limit: int = 10_000) -> list[int]:
    found: list[int] = []
    pos = text.find(quote, lo, hi)
    while pos != -1 and len(found) < limit:
        found.append(pos)
        pos = text.find(quote, pos + 1, hi)
    return found


# ---------------------------------------------------------------- the search for one claim


class _Candidate(NamedTuple):
    start: int
    end: int
    score: float
    distance: int
    context: float  # the context score alone, 0..100 (the quote score when none is stored)

    def key(self) -> tuple[float, int]:
        return self.score, -self.distance


class _Finder:
    """The search for one selector: its folded needles, the scoring formula, the steps."""

    def __init__(self, text: str, sel: Selector, expected: int, folded: Folded | None = None) -> None:
        self.text = text
        self._folded = folded
        self.sel = sel
        self.quote = normalise(sel.quote)
        self.prefix = normalise(sel.prefix)
        self.suffix = normalise(sel.suffix)
        self.expected = expected
        radius = max(_MIN_RADIUS, 8 * len(sel.quote))
        self.near = (max(0, expected - radius), min(len(text), expected + len(sel.quote) + radius))
        self._fuzz: Any = None
        self._lev: Any = None
        self.closest = 0.0  # the best score seen, admissible or not: how close a lost quote came

    @property
    def fuzz(self) -> Any:
        if self._fuzz is None:
            from rapidfuzz import fuzz
            from rapidfuzz.distance import Levenshtein

            self._fuzz, self._lev = fuzz, Levenshtein
        return self._fuzz

    @property
    def folded(self) -> Folded:
        """The text width-folded where it is looked at (offsets are the text's)."""
        if self._folded is None:
            self._folded = Folded(self.text)
        return self._folded

    @property
    def has_context(self) -> bool:
        return bool(self.prefix or self.suffix)

    # -- scoring

    def score(self, start: int, end: int, quote_score: float | None = None) -> _Candidate:
        text, fuzz = self.folded, self.fuzz
        if quote_score is None:
            quote_score = float(fuzz.ratio(self.quote, text[start:end]))
        weight = len(self.prefix) + len(self.suffix)
        if weight:
            before = text[max(0, start - len(self.prefix)) : start]
            after = text[end : end + len(self.suffix)]
            ctx = (
                fuzz.ratio(self.prefix, before) * len(self.prefix) + fuzz.ratio(self.suffix, after) * len(self.suffix)
            ) / weight
        else:
            ctx = quote_score
        distance = abs(start - self.expected)
        penalty = min(DISTANCE_PENALTY, DISTANCE_PENALTY * distance / DISTANCE_SCALE)
        score = max(0.0, QUOTE_WEIGHT * quote_score + CONTEXT_WEIGHT * ctx - penalty)
        return _Candidate(start, end, round(score, 1), distance, ctx)

    def context_holds(self, start: int, end: int, sides: int = 2, strict: bool = True) -> bool:
        """At least `sides` sides of the stored context stand next to [start, end): similar
        words, and the figures the stored context writes, in order. A side stored empty
        (the quote began or ended the text) holds.

        `strict` compares each side with the text right next to the candidate
        (`fuzz.ratio`): where only the figure changed, its context is as it was. Else
        the side may stand a little farther off (`fuzz.partial_ratio` within half its
        length again), as when words were added next to the quote.
        A figure at the far edge of the stored context may have been cut there: it
        stands if a figure ends with it (prefix) or begins with it (suffix)."""
        text = self.folded
        holding = 0
        for stored, is_prefix in ((self.prefix, True), (self.suffix, False)):
            if not stored:
                holding += 1
                continue
            reach = len(stored) if strict else len(stored) + len(stored) // 2
            actual = text[max(0, start - reach) : start] if is_prefix else text[end : end + reach]
            similar = self.fuzz.ratio if strict else self.fuzz.partial_ratio
            if not actual or similar(stored, actual) < CONTEXT_HOLDS:
                continue
            holding += _in_order(_stored_figures(stored, is_prefix), figures(actual))
        return holding >= sides

    def admissible(self, found: _Candidate) -> bool:
        """Whether a candidate may be the claim's place. Its context must score MOVE_CONTEXT;
        where its figures differ from the quote's, both sides of its context must hold as
        stored (a look-alike neighbour is not the claim); where they are the same, one side
        must hold, figures included, within reach (`In 2015, the council…` in another
        sentence of the same shape is not the claim when its context has other figures),
        unless it stands where its neighbours put it with a context scoring SURE_CONTEXT."""
        if not self.has_context:
            return True
        if found.context < MOVE_CONTEXT:
            return False
        if figures_differ(self.sel.quote, self.text[found.start : found.end]):
            return self.context_holds(found.start, found.end)
        if found.distance <= _SAME_PLACE and found.context >= SURE_CONTEXT:
            return True  # the quote as it was, where its neighbours say it is
        return self.context_holds(found.start, found.end, sides=1, strict=False)

    # -- step 1: moved, its whole context intact

    def moved_intact(self) -> int | None:
        text, quote, prefix, suffix = self.text, self.sel.quote, self.sel.prefix, self.sel.suffix
        lo, hi = self.near
        best: int | None = None
        for pos in _occurrences(text, quote, lo, hi):
            end = pos + len(quote)
            if _agreement(text, pos, end, prefix, suffix) == _full_context(text, pos, end, prefix, suffix):
                if best is None or abs(pos - self.expected) < abs(best - self.expected):
                    best = pos
        return best

    # -- step 2: the figures changed in place

    def figures_changed(self) -> _Candidate | None:
        quote = self.sel.quote
        old = figures(quote)
        if not old or not self.has_context:
            return None
        words = _words(self.quote)[0]
        lo, hi = self.near
        longest = max(words.split("\0"), key=len)
        if longest and self.folded.find(longest, lo, hi) == -1:
            return None  # the quote's words are not there: nothing to compare figures with
        window, starts, ends = _words(self.folded[lo:hi])
        best: _Candidate | None = None
        for pos in _occurrences(window, words, 0, len(window), limit=64):
            start, end = lo + starts[pos], lo + ends[pos + len(words) - 1]
            if figures(self.text[start:end]) == old or not self.context_holds(start, end):
                continue
            found = self.score(start, end)
            if best is None or found.key() > best.key():
                best = found
        return best

    # -- step 3: every exact occurrence, and fuzzy matches nearby

    def best_exact(self, near: bool = False) -> _Candidate | None:
        """The best admissible exact occurrence: in the whole text (the nearest
        MAX_OCCURRENCES), or only near the expected position."""
        text, quote = self.text, self.sel.quote
        lo, hi = self.near if near else (0, len(text))
        starts = _occurrences(text, quote, lo, hi, limit=50 * MAX_OCCURRENCES)
        starts.sort(key=lambda s: abs(s - self.expected))
        prefix, suffix = self.sel.prefix, self.sel.suffix

        def rank(found: _Candidate) -> tuple[float, int, int]:
            # On equal scores the longer run of agreeing context, then the nearer, wins.
            return found.score, _agreement(text, found.start, found.end, prefix, suffix), -found.distance

        scored = sorted((self.score(pos, pos + len(quote), 100.0) for pos in starts[:MAX_OCCURRENCES]), key=rank, reverse=True)
        return next((found for found in scored[:_MAX_ROUGH] if self.admissible(found)), None)

    def _aligned(self, needle: str, window: str) -> list[tuple[int, int]]:
        """(window offset, needle offset) pairs where the needle may align: the best alignment
        for a short needle; for a long one, where exact pieces of it stand, by votes."""
        if len(needle) <= _ALIGN_LIMIT * 4:
            if len(needle) > len(window):
                return []
            found = self.fuzz.partial_ratio_alignment(needle, window)
            if found is None or found.score == 0:
                return []
            return [(found.dest_start, found.src_start)]
        votes: dict[int, int] = {}
        step = max(_PIECE, len(needle) // 16)
        for offset in range(0, len(needle) - _PIECE + 1, step):
            piece = needle[offset : offset + _PIECE]
            for pos in _occurrences(window, piece, 0, len(window), limit=64):
                votes[pos - offset] = votes.get(pos - offset, 0) + 1
        ranked = sorted(votes, key=lambda s: -votes[s])[:4]
        return [(max(0, s), 0) for s in ranked]

    def rough_starts(self, lo: int, hi: int) -> list[int]:
        """Likely starts of the quote in text[lo:hi]: by the quote alone, and by prefix +
        quote + suffix (which the stored context disambiguates)."""
        window = self.folded[lo:hi]
        starts: list[int] = []
        needles = [(self.quote, 0)]
        if self.has_context:
            # The context next to the quote is what tells copies apart; more of it only
            # makes the alignment slower (the score weighs all of it).
            before, after = self.prefix[-_NEEDLE_CONTEXT:], self.suffix[:_NEEDLE_CONTEXT]
            needles.append((before + self.quote + after, len(before)))
        for needle, offset in needles:
            if not needle:
                continue
            for dest, src in self._aligned(needle, window):
                start = min(max(lo + dest - src + offset, lo), hi)
                if start not in starts:
                    starts.append(start)
        return starts[:_MAX_ROUGH]

    def refine(self, rough: int) -> tuple[int, int]:
        """Exact boundaries near a rough start: least edit distance, then context, then length."""
        self.fuzz  # noqa: B018 - imports Levenshtein too
        text, quote, lev = self.folded, self.quote, self._lev
        n = len(quote)
        slack = max(2, min(n // 8 + 1, _MAX_SLACK))

        def cost(start: int, end: int) -> tuple[int, int, int, int]:
            if not 0 <= start < end <= len(text):
                return (1 << 30, 0, 0, 0)
            dist = lev.distance(quote, text[start:end])
            # Equal edit distance happens when the quote's first or last character was
            # edited; the stored context next to the boundary decides.
            edge = lev.distance(self.prefix[-3:], text[max(0, start - 3) : start]) if self.prefix else 0
            edge += lev.distance(self.suffix[:3], text[end : end + 3]) if self.suffix else 0
            return dist, edge, abs((end - start) - n), abs(start - rough)

        start, end = rough, rough + n
        for _ in range(2):  # coordinate descent: a start for this end, an end for that start
            start = min(range(start - slack, start + slack + 1), key=lambda s: cost(s, end))
            end = min(range(end - slack, end + slack + 1), key=lambda e: cost(start, e))
        return max(0, start), min(len(text), max(end, start + 1))

    def best_fuzzy(self, lo: int, hi: int) -> _Candidate | None:
        found: _Candidate | None = None
        for rough in self.rough_starts(lo, hi):
            start, end = self.refine(rough)
            candidate = self.score(start, end)
            self.closest = max(self.closest, candidate.score)
            if self.admissible(candidate) and (found is None or candidate.key() > found.key()):
                found = candidate
        return found

    def search(self) -> _Candidate | None:
        """Best admissible fuzzy candidate near the expected position, the window widened
        eightfold until one scores ACCEPT or the window reaches FUZZY_REACH."""
        size = len(self.text)
        radius = max(_MIN_RADIUS, 4 * (len(self.quote) + 2 * _NEEDLE_CONTEXT))
        found: _Candidate | None = None
        while True:
            radius = min(radius, FUZZY_REACH)
            lo, hi = max(0, self.expected - radius), min(size, self.expected + len(self.quote) + radius)
            candidate = self.best_fuzzy(lo, hi)
            if candidate is not None and (found is None or candidate.key() > found.key()):
                found = candidate
            if (found is not None and found.score >= ACCEPT) or (lo == 0 and hi == size) or radius == FUZZY_REACH:
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
    folded: Folded | None = None,
) -> Anchor:
    """Where the quote stands in text now. `expected` is the best guess of its new start
    (default: the old start); a better guess only makes the search faster and surer.
    `folded` is the text's `Folded` view when the caller has one (`locate_all` shares one)."""
    start, end = span
    if 0 <= start <= end <= len(text) and text[start:end] == quote and _in_place(text, start, end, prefix, suffix):
        return Anchor("anchored", start, end, 100.0, quote)
    if not quote:
        return Anchor("lost", start, end, 0.0, "")
    found = _search(text, span, quote, prefix, suffix, expected, folded)
    if found.status == "moved" and (found.start, found.end) == (start, end):
        return found._replace(status="anchored")  # searched, and found where it was
    return found


def _search(
    text: str, span: tuple[int, int], quote: str, prefix: str, suffix: str, expected: int | None, folded: Folded | None
) -> Anchor:
    start, end = span
    guess = start if expected is None else min(max(expected, 0), len(text))
    finder = _Finder(text, Selector(span, quote, prefix, suffix), guess, folded)
    intact = finder.moved_intact()
    if intact is not None:
        return Anchor("moved", intact, intact + len(quote), 100.0, quote)
    near = finder.best_exact(near=True)
    if near is not None and near.context >= CLOSE_CONTEXT:
        return Anchor("moved", near.start, near.end, 100.0, quote)
    changed = finder.figures_changed()
    if changed is not None:
        return Anchor("changed", changed.start, changed.end, changed.score, text[changed.start : changed.end])
    exact = finder.best_exact()
    if exact is not None and (not finder.has_context or exact.context >= SURE_CONTEXT):
        return Anchor("moved", exact.start, exact.end, 100.0, quote)
    fuzzy = finder.search()
    if exact is not None and (fuzzy is None or exact.key() >= fuzzy.key()):
        return Anchor("moved", exact.start, exact.end, 100.0, quote)
    if fuzzy is None or fuzzy.score < ACCEPT:
        return Anchor("lost", start, end, max(finder.closest, fuzzy.score if fuzzy else 0.0), "")
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
    folded = Folded(text)  # shared: each part of the text is folded once
    for i in order:
        sel = selectors[i]
        start, end = sel.span
        found = locate(text, sel.span, sel.quote, sel.prefix, sel.suffix, expected=start + drift, folded=folded)
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
    matcher = _Finder(text, Selector((0, 0), quote), 0)
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
