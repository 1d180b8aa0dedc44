"""Seeded mutations of a claim file, and one in-process `factcheck verify [--fix]` run per case.

Shared by the fuzz test in the suite (a few hundred cases) and `benchmarks/fuzz.py`
(ten thousand). A case is judged by what a user would meet:
- the exit code is never 3 (an internal error);
- every finding is located: a claim-file path, a line within the file, a column >= 1;
- `--fix` changes only the lines of the anchors it rewrites (`span`, `quote`, `prefix`,
  `suffix`) and `sha256`: every other line of the file stays byte for byte;
- the time each case takes, for the caller to bound.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
ANCHOR_KEYS = frozenset({"span", "quote", "prefix", "suffix"})

# What hostile or careless hands put into claim files.
SNIPPETS = [
    "&a [1, 2]", "*a", "x: &r [*r]", "[" * 60 + "]" * 60, "1" * 400, "1e400", "1.0e+400", "-0", "+5", ".nan",
    '"nan"', "-.inf", "5e-324", "0x1F", "0o17", "1_000", "~", "null", "true", "yes", "[37, # c\n  49]",
    '"\\e]0;t\\a"', "\x01", "\x1b", "\x7f", "\u202e", "\t", "很多", "!!python/object:os.system", "!!binary aGk=",
    "? [a]\n: b", "{a: 1}", "[]", "{}", "|\n  block\n", ">-\n  folded\n", "'it''s'", '"\\u0000"', "---", "...",
    "2024-13-45", "5", "[true, 49]", '["37", "49"]', "[37.0, 49]", "x" * 5000, "# c", " #", ": ", "- ", "%YAML 1.1",
]
RULE_PARTS = [
    "headline_years", "headline_approval", "dateline", "report_date", "1e400", "9" * 400, "1e-400", "*", "/", "+",
    "-", ">", "<", "==", "!=", "and", "or", "not", "(", ")", "sum(", "min(", "abs(", ",", "0", "0.5", "1e308", "__import__",
    "lambda", "x.y", "'s'", "[", "]", "%",
]


def mutate(text: str, rng: random.Random) -> str:
    """One to four random edits: flips, deleted or duplicated lines, swapped values,
    hostile snippets, a mangled rule, a cut."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        choice = rng.randrange(8)
        i = rng.randrange(len(lines))
        if choice == 0 and text:  # a character replaced
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(" \n:-[]{}\"'#&*!|>%@`,.0123456789eE+万余项\t\x00\x1b") + text[at + 1 :]
        elif choice == 1:
            del lines[i]
            text = "\n".join(lines)
        elif choice == 2:
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif choice == 3:  # two values swapped
            j = rng.randrange(len(lines))
            a, b = lines[i].partition(": "), lines[j].partition(": ")
            if a[1] and b[1]:
                lines[i], lines[j] = a[0] + a[1] + b[2], b[0] + b[1] + a[2]
            text = "\n".join(lines)
        elif choice == 4:  # a value replaced by a hostile snippet
            head, sep, _ = lines[i].partition(": ")
            lines[i] = head + (sep or ": ") + rng.choice(SNIPPETS)
            text = "\n".join(lines)
        elif choice == 5:  # a snippet inserted anywhere
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(SNIPPETS) + text[at:]
        elif choice == 6:  # a rule mangled
            rules = [k for k, line in enumerate(lines) if line.strip().startswith("rule:")]
            if rules:
                k = rng.choice(rules)
                indent = lines[k][: len(lines[k]) - len(lines[k].lstrip())]
                lines[k] = indent + "rule: " + " ".join(rng.choice(RULE_PARTS) for _ in range(rng.randint(1, 8)))
            text = "\n".join(lines)
        else:  # cut short
            text = text[: rng.randrange(len(text) + 1)]
    return text


@dataclass
class Outcome:
    code: int
    seconds: float
    internal: str = ""  # the internal error's message, if any
    unlocated: list[str] = field(default_factory=list)
    unintended: list[str] = field(default_factory=list)  # lines --fix changed without cause


def run_verify(root: Path, fix: bool) -> tuple[int, str, str]:
    """`factcheck verify --format json [--fix]` in root, as the command line runs it, with its
    exit codes: 2 for a usage error, 1 for other bad input, 3 for anything else (a bug).
    (Calling the command's body spares building the typer app for every case.)"""
    from factcheck.commands.verify import run_verify as verify
    from factcheck.config import load_config
    from factcheck.errors import FactcheckError, UsageError

    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            out, _, code = verify(load_config(root), [], fmt="json", fix=fix)
    except UsageError as exc:
        return 2, "", str(exc)
    except FactcheckError as exc:
        return 1, "", str(exc)
    except Exception as exc:  # noqa: BLE001 - what the command line turns into exit 3
        return 3, "", f"{type(exc).__name__}: {exc}"
    return code, out, err.getvalue()


def run_case(claim_file: Path, text: str, fix: bool) -> Outcome:
    """Write text as the claim file, run verify (with --fix if asked) in-process, judge it."""
    claim_file.write_bytes(text.encode("utf-8", "surrogatepass"))
    started = time.perf_counter()
    code, out, err = run_verify(claim_file.parent.parent, fix)
    outcome = Outcome(code, time.perf_counter() - started)
    if code == 3:
        outcome.internal = err.strip()
        return outcome
    if code in (0, 1):
        line_count = len(_LINE_BREAK.findall(text)) + 1  # as YAML counts lines
        for finding in json.loads(out)["findings"]:
            line, col = finding["line"], finding["col"]
            if not finding["path"] or not 1 <= line <= line_count + 1 or col < 1:
                outcome.unlocated.append(f"{finding['path']}:{line}:{col}: {finding['message'][:120]}")
    if fix:
        outcome.unintended = unintended_changes(text, claim_file.read_bytes().decode("utf-8", "surrogatepass"))
    return outcome


def anchor_lines(text: str) -> set[int]:
    """0-based lines holding a claim's span, quote, prefix or suffix, or the file's sha256,
    from the key to the end of its value (a flow span may run over lines)."""
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return set()
    lines: set[int] = set()
    if not isinstance(root, yaml.MappingNode):
        return lines

    def add(key: yaml.Node, value: yaml.Node) -> None:
        lines.update(range(key.start_mark.line, value.end_mark.line + 1))

    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "sha256":
            add(key, value)
        if isinstance(key, yaml.ScalarNode) and key.value == "claims" and isinstance(value, yaml.SequenceNode):
            for claim in value.value:
                if isinstance(claim, yaml.MappingNode):
                    for k, v in claim.value:
                        if isinstance(k, yaml.ScalarNode) and k.value in ANCHOR_KEYS:
                            add(k, v)
    return lines


def unintended_changes(before: str, after: str) -> list[str]:
    """Lines --fix changed, removed or added outside the anchors and the hash."""
    if before == after:
        return []
    import difflib

    old, new = before.split("\n"), after.split("\n")
    allowed_old, allowed_new = anchor_lines(before), anchor_lines(after)
    bad = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        bad += [f"-{k + 1}: {old[k][:100]}" for k in range(i1, i2) if k not in allowed_old]
        bad += [f"+{k + 1}: {new[k][:100]}" for k in range(j1, j2) if k not in allowed_new]
    return bad


def trimmed(text: str, claims: int, first: int = 0) -> str:
    """The claim file with only `claims` of its claims from number `first` on (and all its
    checks): mutations find as much in a short file, and each case runs faster."""
    head, _, rest = text.partition("\nclaims:\n")
    body, sep, checks = rest.partition("\nchecks:\n")
    items = body.removeprefix("  - id:").split("\n  - id:")
    kept = "".join("  - id:" + item + "\n" for item in items[first : first + claims])
    return head + "\nclaims:\n" + kept + (sep.lstrip("\n") + checks if sep else "")
