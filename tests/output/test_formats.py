"""Output formats, colour, quiet/strict and `[tool.factcheck]`: what CI systems and people read.

SARIF is validated against the OASIS schema kept in `tests/schemas` (see its README);
JSON against the schema factcheck publishes. Text and github lines are asserted exactly.
"""

from __future__ import annotations

import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.lint.problem import Problem, SourceLocation
from factcheck.lint.registry import ALL_RULES
from factcheck.lint.report import CheckResult, Report
from factcheck.output import choose, github, sarif, text, use_color
from factcheck.output import json as json_format

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "sarif-schema-2.1.0.json"  # see its README
ANSI = re.compile(r"\x1b\[[0-9;]*m")

SOURCE = "第一行。\n警方说：“案件下降了。”\n"
CLAIMS = """\
source: seeds/a.txt
sha256: SHA
claims:
  - id: said
    kind: quote
    speaker: 警方
    span: [5, 17]
    quote: 警方说：“案件下降了。”
"""
EDITED_LINE = (
    "claims/a.yaml:7:11: [error] span [5, 17) of 'said' reads '警方说：“案件下降了。”', "
    "not the quote '记者问：“数据来自哪里？”'; the quote is not in seeds/a.txt: lost (quote-matches-span)"
)
EDITED_GITHUB = (
    "::error file=claims/a.yaml,line=7,col=11,title=quote-matches-span::span [5, 17) of 'said' "
    "reads '警方说：“案件下降了。”', not the quote '记者问：“数据来自哪里？”'; the quote is not in "
    "seeds/a.txt: lost"
)
SUMMARY_1_ERROR = "1 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 1 error, 0 warnings"
SUMMARY_CLEAN = "1 claims in 1 file, 0 checks: 0 pass, 0 fail, 0 unknown; 0 errors, 0 warnings"


def sample_report() -> Report:
    """A report with one finding of each shape: plain, with a source location, a check, info."""
    moved = Problem(
        "claims/a.yaml", 7, 11, "error",
        "span [5, 9) of 'said' reads 'x', not the quote 'y'; the quote is now at [6, 10) "
        "(seeds/a.txt:2:2): moved",
        "quote-matches-span", claim_id="said",
        source=SourceLocation("seeds/a.txt", 6, 10, 2, 2),
        details={"anchor": "moved", "score": 100.0},
    )
    unknown = Problem(
        "claims/a.yaml", 20, 11, "warning", "check 'bigger' unknown: (1, 2) > (1.5, 3)", "check",
        check_id="bigger", verdict="unknown", details={"steps": ["a = (1, 2)", "b = (1.5, 3)"]},
    )
    note = Problem("claims/b.yaml", 1, 1, "info", "100% done, see: a,b", "schema")
    check = CheckResult(
        "bigger", "claims/a.yaml", 20, 11, "a > b", "a covers b", "unknown",
        "(1, 2) > (1.5, 3)", ("a = (1, 2)", "b = (1.5, 3)"), ("a", "b"),
    )
    return Report(problems=[moved, unknown, note], files=2, claims=3, checks=[check])


def write_project(root: Path, source: str = SOURCE, claims: str = CLAIMS, config: str = "") -> Path:
    import hashlib

    (root / "seeds").mkdir(exist_ok=True)
    (root / "claims").mkdir(exist_ok=True)
    data = source.encode()
    (root / "seeds" / "a.txt").write_bytes(data)
    path = root / "claims" / "a.yaml"
    path.write_text(claims.replace("SHA", hashlib.sha256(data).hexdigest()), encoding="utf-8")
    (root / "pyproject.toml").write_text(f"[tool.factcheck]\n{config}", encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A one-claim project (a quote claim, so no number reading is involved) as the cwd."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    return write_project(tmp_path)


def edit_quote(path: Path) -> None:
    """Replace the quote with words the source never had, so it cannot be found again."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote: 警方说：“案件下降了。”", "quote: 记者问：“数据来自哪里？”", 1), encoding="utf-8")


def change_source_after_span(root: Path) -> None:
    """Change the source's bytes but not where the quote stands: a source-hash warning only."""
    with (root / "seeds" / "a.txt").open("ab") as out:
        out.write("补充一句。\n".encode())


# --- SARIF -----------------------------------------------------------------------------


def sarif_validator() -> Any:
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    resource = Resource.from_contents(schema, default_specification=DRAFT4)
    registry: Registry[Any] = Registry().with_resource(schema["id"], resource)
    return Draft4Validator(schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator: Any, data: Any) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sarif_is_valid_against_the_oasis_schema() -> None:
    assert_valid(sarif_validator(), json.loads(sarif.render(sample_report())))
    assert_valid(sarif_validator(), json.loads(sarif.render(Report())))


def test_sarif_rules_cover_every_rule_with_its_docstring() -> None:
    driver = json.loads(sarif.render(Report()))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "factcheck"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == set(ALL_RULES)
    span = rules["span-in-text"]
    assert span["shortDescription"]["text"] == "A claim's span lies within its source text."
    assert span["fullDescription"]["text"].startswith("A claim's span lies within its source text.\n\nSpans are")
    assert span["defaultConfiguration"]["level"] == "error"
    assert rules["source-hash"]["defaultConfiguration"]["level"] == "warning"
    assert rules["schema"]["shortDescription"]["text"] == ALL_RULES["schema"].summary


def test_sarif_results_locations_and_properties() -> None:
    run = json.loads(sarif.render(sample_report()))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    moved, unknown, note = run["results"]
    assert moved["ruleId"] == "quote-matches-span"
    assert run["tool"]["driver"]["rules"][moved["ruleIndex"]]["id"] == "quote-matches-span"
    assert moved["level"] == "error"
    assert moved["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "claims/a.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 11},
    }
    related = moved["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "seeds/a.txt"
    assert related["region"] == {"startLine": 2, "startColumn": 2, "charOffset": 6, "charLength": 4}
    assert moved["properties"] == {"claimId": "said", "details": {"anchor": "moved", "score": 100.0}}
    assert unknown["level"] == "warning"
    assert unknown["properties"]["checkId"] == "bigger"
    assert unknown["properties"]["verdict"] == "unknown"
    assert "relatedLocations" not in unknown
    assert note["level"] == "note"


def test_sarif_from_the_command_line(tiny: Path, run: Any) -> None:
    edit_quote(tiny)
    result = run("verify", "--format", "sarif")
    assert result.code == 1
    data = json.loads(result.out)
    assert_valid(sarif_validator(), data)
    [finding] = data["runs"][0]["results"]
    assert finding["ruleId"] == "quote-matches-span"
    assert finding["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 11}


# --- JSON ------------------------------------------------------------------------------


def report_validator() -> Any:
    from jsonschema import Draft202012Validator

    schema_text = resources.files("factcheck").joinpath("schemas/report.schema.json").read_text(encoding="utf-8")
    schema = json.loads(schema_text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_json_is_valid_against_the_published_schema() -> None:
    data = json.loads(json_format.render(sample_report()))
    assert_valid(report_validator(), data)
    assert data["version"] == json_format.FORMAT_VERSION
    moved = data["findings"][0]
    assert moved == {
        "rule": "quote-matches-span", "level": "error", "message": moved["message"],
        "path": "claims/a.yaml", "line": 7, "col": 11, "claim": "said", "check": None,
        "verdict": None, "source": {"path": "seeds/a.txt", "start": 6, "end": 10, "line": 2, "col": 2},
        "details": {"anchor": "moved", "score": 100.0},
    }
    assert data["checks"][0]["steps"] == ["a = (1, 2)", "b = (1.5, 3)"]


def test_json_schema_rejects_what_the_format_never_writes() -> None:
    data = json.loads(json_format.render(sample_report()))
    data["findings"][0]["level"] = "fatal"
    assert list(report_validator().iter_errors(data))


def test_json_from_the_command_line(tiny: Path, run: Any) -> None:
    edit_quote(tiny)
    result = run("verify", "--format", "json", "--quiet")
    assert result.code == 1
    data = json.loads(result.out)
    assert_valid(report_validator(), data)
    assert data["summary"]["errors"] == 1
    [finding] = data["findings"]
    assert (finding["rule"], finding["claim"], finding["line"], finding["col"]) == ("quote-matches-span", "said", 7, 11)


# --- text and github lines -------------------------------------------------------------


def test_exact_text_lines_for_an_edited_quote(tiny: Path, run: Any) -> None:
    edit_quote(tiny)
    result = run("verify", "--format", "text")
    assert result.code == 1
    assert result.out.splitlines() == [EDITED_LINE, SUMMARY_1_ERROR]


def test_exact_github_lines_for_an_edited_quote(tiny: Path, run: Any) -> None:
    edit_quote(tiny)
    result = run("verify", "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [EDITED_GITHUB, f"::notice::{SUMMARY_1_ERROR}"]


def test_auto_is_github_under_github_actions(tiny: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_quote(tiny)
    result = run("verify")
    assert result.out.splitlines()[0] == EDITED_LINE
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("verify").out.splitlines() == [EDITED_GITHUB, f"::notice::{SUMMARY_1_ERROR}"]
    # An explicit format still wins.
    assert run("verify", "--format", "text").out.splitlines()[0] == EDITED_LINE


def test_github_levels_and_escaping() -> None:
    lines = github.render(sample_report()).splitlines()
    assert lines[0].startswith("::error file=claims/a.yaml,line=7,col=11,title=quote-matches-span::span [5, 9)")
    assert lines[1].startswith("::warning file=claims/a.yaml,line=20,col=11,title=check::check 'bigger'")
    # `%` is escaped in the message; `:` and `,` only inside properties.
    assert lines[2] == "::notice file=claims/b.yaml,line=1,col=1,title=schema::100%25 done, see: a,b"
    assert lines[3].startswith("::notice::3 claims in 2 files")
    assert github.escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert github.escape_property("C:\\x,y%") == "C%3A\\x%2Cy%25"


def test_text_is_one_line_per_finding_and_a_summary() -> None:
    lines = text.render(sample_report()).splitlines()
    assert lines[2] == "claims/b.yaml:1:1: [info] 100% done, see: a,b (schema)"
    assert lines[3] == "3 claims in 2 files, 1 checks: 0 pass, 0 fail, 1 unknown; 1 error, 1 warning"


# --- colour ----------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_color_always_and_never(tiny: Path, run: Any) -> None:
    edit_quote(tiny)
    coloured = run("verify", "--color", "always")
    assert ANSI.search(coloured.out)
    assert ANSI.sub("", coloured.out).splitlines() == [EDITED_LINE, SUMMARY_1_ERROR]
    plain = run("verify", "--color", "never")
    assert not ANSI.search(plain.out)
    assert plain.out.splitlines() == [EDITED_LINE, SUMMARY_1_ERROR]


def test_color_always_wins_over_no_color(tiny: Path, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    assert ANSI.search(run("verify", "--color", "always").out)


def test_auto_color_on_a_terminal_honours_no_color_and_dumb_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal = FakeTerminal()
    assert choose("auto", "auto", stream=terminal) == ("rich", True)
    assert choose("auto", "auto", stream=io.StringIO()) == ("text", False)
    # On a terminal the layout stays the terminal's; only the colour goes.
    assert choose("auto", "never", stream=terminal) == ("rich", False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color("auto", terminal) and choose("auto", "auto", stream=terminal) == ("rich", False)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color("auto", terminal) and choose("auto", "auto", stream=terminal).color is False
    # An explicit format is never overridden by colour, except plain text asked to be coloured.
    assert choose("json", "always", stream=terminal) == ("json", True)
    assert choose("text", "always", stream=io.StringIO()) == ("rich", True)
    assert choose("auto", "always", stream=io.StringIO()) == ("rich", True)


def test_bad_color_is_a_usage_error(tiny: Path, run: Any) -> None:
    result = run("verify", "--color", "sometimes")
    assert result.code == 2
    assert "--color must be one of auto, always, never, not 'sometimes'" in result.err


# --- quiet and strict ------------------------------------------------------------------


def test_quiet_prints_only_findings(tiny: Path, run: Any) -> None:
    clean = run("verify", "--quiet")
    assert (clean.code, clean.out) == (0, "")
    assert run("verify").out == SUMMARY_CLEAN + "\n"
    edit_quote(tiny)
    assert run("verify", "--quiet").out.splitlines() == [EDITED_LINE]
    assert run("verify", "--quiet", "--format", "github").out.splitlines() == [EDITED_GITHUB]
    assert run("verify", "-q", "--color", "always").out.count("\n") == 1


def test_strict_turns_a_warning_into_a_failure(tiny: Path, run: Any) -> None:
    change_source_after_span(tiny.parent.parent)
    relaxed = run("verify", "--format", "text")
    assert relaxed.code == 0
    [warning, summary] = relaxed.out.splitlines()
    assert warning.startswith("claims/a.yaml:2:9: [warning] seeds/a.txt changed")
    assert warning.endswith("(source-hash)")
    assert summary.endswith("0 errors, 1 warning")
    assert run("verify", "--strict").code == 1


# --- [tool.factcheck] ------------------------------------------------------------------


def test_unknown_config_key_is_a_usage_error_naming_it(tiny: Path, run: Any) -> None:
    write_project(tiny.parent.parent, config='claim = "claims"\n')
    result = run("verify")
    assert result.code == 2
    assert result.out == ""
    assert "unknown key 'claim' in [tool.factcheck]" in result.err
    assert "Traceback" not in result.err


def test_config_disable_drops_a_rule(tiny: Path, run: Any) -> None:
    root = tiny.parent.parent
    write_project(root, config='disable = ["source-hash"]\n')
    change_source_after_span(root)
    result = run("verify", "--strict")
    assert (result.code, result.out) == (0, SUMMARY_CLEAN + "\n")


def test_config_unknown_rule_in_disable_is_a_usage_error(tiny: Path, run: Any) -> None:
    write_project(tiny.parent.parent, config='disable = ["no-such-rule"]\n')
    result = run("verify")
    assert result.code == 2
    assert "unknown rule 'no-such-rule'" in result.err


def test_config_strict_and_the_command_line(tiny: Path, run: Any) -> None:
    root = tiny.parent.parent
    change_source_after_span(root)
    assert run("verify").code == 0
    # The command line adds strictness the config lacks ...
    assert run("verify", "--strict").code == 1
    # ... and the config can ask for it for everyone.
    (root / "pyproject.toml").write_text("[tool.factcheck]\nstrict = true\n", encoding="utf-8")
    assert run("verify").code == 1


def test_config_folders_and_command_line_paths(tiny: Path, run: Any) -> None:
    root = tiny.parent.parent
    (root / "articles").mkdir()
    (root / "claims" / "a.yaml").rename(root / "articles" / "a.yaml")
    # Without config the default claims/ folder is now empty.
    assert run("verify", "--quiet").code == 0
    (root / "pyproject.toml").write_text('[tool.factcheck]\nclaims = "articles"\n', encoding="utf-8")
    assert run("verify").out == SUMMARY_CLEAN + "\n"
    # Paths on the command line replace the configured folder.
    edit_quote(root / "articles" / "a.yaml")
    assert run("verify", "claims").code == 0
    result = run("verify", "articles/a.yaml", "--quiet")
    assert result.code == 1
    assert result.out.startswith("articles/a.yaml:7:11: [error]")


# --- --files-only ----------------------------------------------------------------------


def test_files_only_checks_each_named_file_alone(tiny: Path, run: Any) -> None:
    root = tiny.parent.parent
    (root / "claims" / "b.yaml").write_text(tiny.read_text(encoding="utf-8"), encoding="utf-8")
    whole = run("verify", "--quiet")
    assert whole.code == 1
    assert "(unique-ids)" in whole.out
    alone = run("verify", "--files-only", "claims/a.yaml", "claims/b.yaml")
    assert (alone.code, alone.out) == (0, SUMMARY_CLEAN.replace("1 claims in 1 file", "2 claims in 2 files") + "\n")
    edit_quote(root / "claims" / "b.yaml")
    broken = run("verify", "--files-only", "--quiet", "claims/b.yaml")
    assert broken.code == 1
    assert broken.out.splitlines() == [EDITED_LINE.replace("claims/a.yaml", "claims/b.yaml")]


# --- packaging -------------------------------------------------------------------------


def test_report_schema_is_package_data() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert 'factcheck = ["schemas/*.json"]' in pyproject.read_text(encoding="utf-8")
    assert resources.files("factcheck").joinpath("schemas/report.schema.json").is_file()


# --- the shipped article ---------------------------------------------------------------


def line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_json_of_the_shipped_article_is_valid_and_explains_every_check(project: Path, run: Any) -> None:
    result = run("verify", "--format", "json")
    assert result.code == 0, result.out
    data = json.loads(result.out)
    assert_valid(report_validator(), data)
    assert data["findings"] == []
    assert data["summary"]["checks"] == len(data["checks"]) > 0
    for check in data["checks"]:
        assert check["verdict"] == "pass"
        assert check["steps"] and check["names"]


def test_sarif_related_locations_count_code_points_of_the_source(project: Path, run: Any) -> None:
    [claims] = (project / "claims").glob("*.yaml")
    claim_file = yaml.safe_load(claims.read_text(encoding="utf-8"))
    source = project / claim_file["source"]
    # An insertion early in the article moves every later quote by one code point.
    source.write_bytes(source.read_bytes().replace("见面会现场".encode(), "见面会的现场".encode(), 1))
    result = run("verify", "--format", "sarif")
    assert result.code == 1
    data = json.loads(result.out)
    assert_valid(sarif_validator(), data)
    text = source.read_bytes().decode("utf-8")
    quotes = {c["id"]: c.get("quote") for c in claim_file["claims"]}
    moved = [r for r in data["runs"][0]["results"] if r["ruleId"] == "quote-matches-span"]
    assert moved
    for r in moved:
        region = r["relatedLocations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert text[start : start + length] == quotes[r["properties"]["claimId"]]
        assert (region["startLine"], region["startColumn"]) == line_col(text, start)
    [changed] = [r for r in data["runs"][0]["results"] if r["ruleId"] == "source-hash"]
    assert changed["level"] == "warning"
    assert "relatedLocations" not in changed
