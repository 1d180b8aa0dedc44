"""`factcheck report`: the page's content, its safety, and its agreement with verify's JSON."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CLAIMS
from tests.test_robustness import ORIGINAL
from tests.test_robustness import edits as robustness_edits

SPANNED = 56  # claims with a span in the shipped claim file
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source", "area", "col", "embed", "track"}


class Page(HTMLParser):
    """The parts of a page the tests look at, and a check that every element closes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.article: list[str] = []
        self.scripts: list[str] = []
        self.in_article = 0
        self.feed(text)
        self.close()
        assert self.stack == [], f"unclosed elements: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in VOID:
            return
        self.stack.append(tag)
        if dict(attrs).get("id") == "article":
            self.in_article = len(self.stack)
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        if self.in_article == len(self.stack):
            self.in_article = 0
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.in_article:
            self.article.append(data)
        if self.stack and self.stack[-1] == "script":
            self.scripts[-1] += data

    def heads(self) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == "mark" and "head" in (a.get("class") or "").split()]

    def data(self) -> dict[str, object]:
        script = next(a for t, a in self.tags if t == "script" and a.get("type") == "application/json")
        assert script["id"] == "fc-data"
        return json.loads(self.scripts[0])  # type: ignore[no-any-return]


def report_of(run, *args: str) -> tuple[str, Page]:
    result = run("report", *args)
    assert result.code == 0, result.out + result.err
    return result.out, Page(Path("report.html").read_text(encoding="utf-8"))


def test_shipped_project_page(project, run) -> None:
    out, page = report_of(run)
    verify = run("verify", "--format", "text")
    summary = verify.out.splitlines()[-1]
    assert out == f"wrote report.html\n{summary}\n"
    assert len(page.heads()) == SPANNED
    article = (project / "seeds" / "zjol-2024-05-28-police-five-years.txt").read_text(encoding="utf-8")
    assert "".join(page.article) == article  # the text as it is, every character
    html = Path("report.html").read_text(encoding="utf-8")
    assert f'<p class="summary" id="summary">{summary}</p>' in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from outside


def test_page_data_is_verify_json(project, run) -> None:
    """The page's claims carry the same check verdicts and arithmetic as `verify --format json`."""
    (project / CLAIMS).write_text((project / CLAIMS).read_text(encoding="utf-8").replace(
        "    value: 144\n", "    value: 200\n"), encoding="utf-8")
    result = run("report")
    assert result.code == 0
    page = Page(Path("report.html").read_text(encoding="utf-8"))
    verify = json.loads(run("verify", "--format", "json").out)
    checks = {c["id"]: c for c in verify["checks"]}
    claims = page.data()["claims"]
    assert isinstance(claims, list)
    one_cert = next(c for c in claims if c["id"] == "one_cert_items")
    assert one_cert["state"] == "fail"
    (mine,) = [c for c in one_cert["checks"] if c["id"] == "online_covers_one_cert"]
    assert mine["verdict"] == checks["online_covers_one_cert"]["verdict"] == "fail"
    assert mine["steps"] == checks["online_covers_one_cert"]["steps"]
    assert mine["summary"] == checks["online_covers_one_cert"]["summary"]
    findings = [f"{p['path']}:{p['line']}:{p['col']}: [{p['level']}] {p['message']} ({p['rule']})" for p in verify["findings"]]
    html = Path("report.html").read_text(encoding="utf-8")
    import html as htmlmod

    for line in findings:
        assert htmlmod.escape(line) in html
    assert verify["summary"]["fail"] == 1


# An article of our own, with markup, a style end, a script URL and a quote-breaking value in it.
HOSTILE = (
    "标题：本市新增<script>alert(1)</script>公园12座\n"
    "</style>导语：javascript:alert(1) 全市共有公园240座，其中新增12座。\n"
    "Park count \"><img src=x onerror=alert(1)> rose to 240 & more.\n"
)


def _span(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def hostile_yaml() -> str:
    def claim(ident: str, kind: str, quote: str, extra: str, occurrence: int = 1) -> str:
        start, end = _span(HOSTILE, quote, occurrence)
        return (f"  - id: {ident}\n    kind: {kind}\n    span: [{start}, {end}]\n"
                f"    quote: {json.dumps(quote, ensure_ascii=False)}\n{extra}")

    about = json.dumps('"><img src=x onerror=alert(1)>')
    return (
        "source: seeds/a.txt\nsha256: SHA\npublished: 2025-03-01T09:00:00+08:00\nclaims:\n"
        + claim("parks_total", "quantity", "全市共有公园240座", f"    value: 240\n    unit: 座\n    about: {about}\n")
        + claim("parks_new", "quantity", "新增12座", "    value: 12\n    unit: 座\n")
        + claim("parks_sentence", "statement", "全市共有公园240座，其中新增12座", "    about: \"</script><script>alert(2)</script>\"\n")
        + claim("overlap", "statement", "240座，其中新增", "    about: \"javascript:alert(3)\"\n")
        + claim("script_line", "statement", "<script>alert(1)</script>", "    about: \"</style><b>x</b>\"\n")
        + claim("image_line", "statement", '"><img src=x onerror=alert(1)>', "    about: \"' onmouseover='alert(4)\"\n")
        + "checks:\n  - id: new_within_total\n    rule: parks_total > parks_new\n"
        + "    why: \"</script><img src=x onerror=alert(5)>\"\n"
    )


def test_hostile_text_is_only_text(mini, run) -> None:
    mini(HOSTILE.encode(), hostile_yaml())
    html = Path(run("report") and "report.html").read_text(encoding="utf-8")
    page = Page(html)
    # No element came from the article or the claims: only the page's own two scripts and style.
    active = ("script", "img", "style", "iframe", "object", "embed", "svg", "link", "base", "form")
    assert [t for t, _ in page.tags if t in active] == ["style", "script", "script"]
    assert html.count("</style>") == 1 and html.count("</script>") == 2
    assert not any(v and "javascript:" in v for _, attrs in page.tags for k, v in attrs.items() if k in ("href", "src"))
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert "".join(page.article) == HOSTILE
    # The data block reads back to the very strings of the claim file.
    claims = {c["id"]: c for c in page.data()["claims"]}  # type: ignore[union-attr]
    assert claims["parks_total"]["record"]["about"] == '"><img src=x onerror=alert(1)>'
    assert claims["parks_sentence"]["record"]["about"] == "</script><script>alert(2)</script>"
    assert claims["image_line"]["record"]["about"] == "' onmouseover='alert(4)"
    blob = page.scripts[0]
    assert "<" not in blob and ">" not in blob and "&" not in blob
    labels = [a["aria-label"] for a in page.heads()]
    assert "statement image_line: pass" in labels


def test_json_block_escapes_line_separators() -> None:
    from factcheck.output.html import _json_for_script

    text = _json_for_script({"a": "x\u2028y\u2029</script>&"})
    assert "\u2028" not in text and "\u2029" not in text and "</" not in text
    assert json.loads(text) == {"a": "x\u2028y\u2029</script>&"}


def test_overlapping_and_nested_spans(mini, run) -> None:
    mini(HOSTILE.encode(), hostile_yaml())
    run("report")
    page = Page(Path("report.html").read_text(encoding="utf-8"))
    heads = page.heads()
    assert len(heads) == 6 and len({a["id"] for a in heads}) == 6
    marks = [a for t, a in page.tags if t == "mark" and "fc" in (a.get("class") or "")]
    # `overlap` starts inside parks_total and ends inside parks_new: it is drawn in pieces.
    index = {c["id"]: str(i) for i, c in enumerate(page.data()["claims"])}  # type: ignore[union-attr]
    pieces = [a for a in marks if a.get("data-i") == index["overlap"]]
    assert len(pieces) == 2 and "cont" in (pieces[1].get("class") or "")
    # Underlines stack: the sentence holds parks_total, which holds the start of `overlap`,
    # which holds the start of parks_new.
    levels = {ident: next(c for c in (a.get("class") or "").split() if re.fullmatch(r"h\d", c))
              for ident in index for a in heads if a["id"] == f"claim-{index[ident]}"}
    assert levels == {"parks_sentence": "h4", "parks_total": "h3", "overlap": "h2", "parks_new": "h1",
                      "script_line": "h1", "image_line": "h1"}
    assert "".join(page.article) == HOSTILE


def test_states_of_claims(mini, run, tmp_path) -> None:
    text = "今年全市新建城市公园12座，改造街头绿地30处。另外新增公共停车位800个。\n"

    def claim(ident: str, quote: str, value: int, unit: str) -> str:
        start = text.index(quote)
        return (f"  - id: {ident}\n    kind: quantity\n    span: [{start}, {start + len(quote)}]\n"
                f"    quote: {quote}\n    value: {value}\n    unit: {unit}\n")

    yaml_text = ("source: seeds/a.txt\nsha256: SHA\nclaims:\n" + claim("parks", "新建城市公园12座", 12, "座")
                 + claim("greens", "改造街头绿地30处", 30, "处") + claim("parking", "另外新增公共停车位800个", 800, "个")
                 + "checks:\n  - id: parks_more\n    rule: parks > greens\n    why: 新建的多于改造的\n")
    mini(text.encode(), yaml_text)
    # The article changes after the claims were written: a figure edited, a sentence deleted.
    edited = text.replace("30处", "10处").replace("另外新增公共停车位800个。", "")
    (tmp_path / "seeds" / "a.txt").write_text(edited, encoding="utf-8")

    def states() -> dict[str, str]:
        run("report")
        claims = Page(Path("report.html").read_text(encoding="utf-8")).data()["claims"]
        return {c["id"]: c["state"] for c in claims}  # type: ignore[union-attr]

    # The check is judged on the text as it is now (12 > 10 holds there); greens' record is stale.
    assert states() == {"parks": "pass", "greens": "stale", "parking": "lost"}
    (tmp_path / "claims" / "a.yaml").write_text(yaml_text.replace("parks > greens", "parks >= 0"), encoding="utf-8")
    assert states() == {"parks": "pass", "greens": "stale", "parking": "lost"}


def test_several_sources_make_a_folder(project, run) -> None:
    text = "本区共有图书馆7座。\n"
    import hashlib

    (project / "seeds" / "b.txt").write_text(text, encoding="utf-8")
    (project / "claims" / "b.yaml").write_text(
        f"source: seeds/b.txt\nsha256: {hashlib.sha256(text.encode()).hexdigest()}\nclaims:\n"
        "  - id: libraries\n    kind: quantity\n    span: [4, 9]\n    quote: 图书馆7座\n    value: 7\n    unit: 座\n",
        encoding="utf-8")
    refused = run("report", "-o", "out.html")
    assert refused.code == 2 and refused.err == "factcheck: error: 2 sources make a folder of pages: -o names a folder, not 'out.html'\n"
    result = run("report", "-o", "site")
    assert result.code == 0 and result.out.startswith("wrote site/index.html and 2 pages\n")
    assert sorted(p.name for p in Path("site").iterdir()) == ["b.html", "index.html", "zjol-2024-05-28-police-five-years.html"]
    index = Page((Path("site") / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for t, a in index.tags if t == "a"] == ["b.html", "zjol-2024-05-28-police-five-years.html"]
    # A finding on the index leads to its claim on its source's page.
    (project / "claims" / "b.yaml").write_text((project / "claims" / "b.yaml").read_text(encoding="utf-8")
                                               .replace("value: 7", "value: 8"), encoding="utf-8")
    run("report", "-o", "site")
    index = Page((Path("site") / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for t, a in index.tags if t == "a"][-1] == "b.html#claim-0"
    assert len(Page((Path("site") / "b.html").read_text(encoding="utf-8")).heads()) == 1


def test_page_names_stay_apart() -> None:
    from factcheck.commands.report import page_names

    assert page_names([{"path": "seeds/a b.txt"}, {"path": "other/a b.md"}, {"path": "seeds/index.txt"}]) == [
        "a-b.html", "a-b-2.html", "index-2.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "nope.yaml"), "factcheck: error: no such file or folder: nope.yaml\n"),
        (("export", "--format", "xml"), "factcheck: error: --format must be one of w3c, csv, not 'xml'\n"),
        (("report", "-o", "missing/r.html"), "factcheck: error: cannot write missing/r.html: No such file or directory\n"),
        (("export", "-o", "missing/r.csv"), "factcheck: error: cannot write missing/r.csv: No such file or directory\n"),
    ],
)
def test_usage_errors(project, run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert (result.code, result.err) == (2, message)


@pytest.mark.parametrize(
    "vector",
    ["<script>alert(1)</script>", "</style><script>alert(1)</script>", "javascript:alert(1)",
     '" onmouseover="alert(1)', "' autofocus onfocus='alert(1)", "</script><!--", "&lt;b&gt;&amp;"],
    ids=["script", "style-end", "javascript-url", "double-quote-attribute", "single-quote-attribute",
         "script-end-comment", "entities"],
)
def test_each_hostile_string_shows_as_written(mini, run, tmp_path, vector: str) -> None:
    """In the article, a claim's about, a check's why and the source's file name alike."""
    text = f"第一段：{vector}\n全市共有公园240座。\n"
    start = text.index("全市")
    name = f"a{vector.replace('/', '_')}.txt"
    mini(text.encode(), (
        f"source: {json.dumps('seeds/' + name)}\nsha256: SHA\nclaims:\n"
        f"  - id: parks\n    kind: quantity\n    span: [{start}, {start + 10}]\n    quote: 全市共有公园240座\n"
        f"    value: 240\n    unit: 座\n    about: {json.dumps(vector)}\n"
        f"checks:\n  - id: some\n    rule: parks > 0\n    why: {json.dumps(vector)}\n"), name=name)
    assert run("report").code == 0
    html = Path("report.html").read_text(encoding="utf-8")
    page = Page(html)
    own = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "ul", "li", "b", "mark",
           "span", "nav", "button", "div", "main", "section", "ol", "code", "details", "summary", "pre", "a",
           "table", "thead", "tbody", "tr", "th", "td", "aside", "script"}
    assert {t for t, _ in page.tags} <= own
    assert [t for t, _ in page.tags].count("script") == 2
    assert html.count("</script>") == 2 and html.count("</style>") == 1
    for _, attrs in page.tags:
        assert not any(k.startswith("on") or k == "autofocus" for k in attrs)
        assert not any(v and v.lstrip().lower().startswith("javascript:") for v in attrs.values())
    assert "".join(page.article) == text
    assert vector in page.data()["claims"][0]["record"]["about"]  # type: ignore[index]
    titles = re.findall(r"<title>(.*?)</title>", html)
    assert titles == [f"factcheck report: seeds/{name}".replace("&", "&amp;").replace("<", "&lt;")
                      .replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")]


def test_moved_quote_is_drawn_where_it_stands(mini, run, tmp_path) -> None:
    text = "全市共有公园240座。\n"
    mini(text.encode(), "source: seeds/a.txt\nsha256: SHA\nclaims:\n  - id: parks\n    kind: quantity\n"
                        "    span: [0, 10]\n    quote: 全市共有公园240座\n    value: 240\n    unit: 座\n")
    (tmp_path / "seeds" / "a.txt").write_text("本报讯 " + text, encoding="utf-8")
    run("report")
    page = Page(Path("report.html").read_text(encoding="utf-8"))
    (claim,) = page.data()["claims"]  # type: ignore[misc]
    assert (claim["state"], claim["anchor"], claim["place"]) == ("stale", "moved", [4, 14])
    assert "".join(page.article) == "本报讯 " + text


def test_unreadable_source_still_makes_a_page(mini, run, tmp_path) -> None:
    mini("全市共有公园240座。\n".encode(), "source: seeds/a.txt\nsha256: SHA\nclaims:\n  - id: parks\n    kind: quantity\n"
                                       "    span: [0, 10]\n    quote: 全市共有公园240座\n    value: 240\n    unit: 座\n")
    (tmp_path / "seeds" / "a.txt").unlink()
    result = run("report")
    assert result.code == 0
    html = Path("report.html").read_text(encoding="utf-8")
    assert "The source could not be read; the findings say why." in html
    assert "claims/a.yaml:1:9: [error] source &#x27;seeds/a.txt&#x27; does not exist (source-missing)" in html


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet=st.sampled_from(list("ab 公园\n<>&\"'/")), min_size=1, max_size=40))
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = draw(st.lists(st.tuples(bounds, bounds).map(lambda s: (min(s), max(s))), max_size=8))
    return text, spans


@settings(max_examples=150, deadline=None)
@given(text_and_spans())
def test_any_spans_draw_as_balanced_marks(case: tuple[str, list[tuple[int, int]]]) -> None:
    """Nested, overlapping, equal and empty spans: the text comes back whole, every element
    closes, each claim has one head, and its pieces cover exactly its span."""
    from factcheck.output.html import _article

    text, spans = case
    claims = [{"id": f"c{i}", "kind": "statement", "state": "pass", "place": list(s)} for i, s in enumerate(spans)]
    page = Page(f'<div id="article">{_article(text, claims, {})}</div>')
    assert "".join(page.article) == text
    heads = page.heads()
    assert sorted(a["data-i"] for a in heads) == sorted(str(i) for i in range(len(spans)))  # type: ignore[type-var]
    covered = Coverage(f'<div id="article">{_article(text, claims, {})}</div>')
    for i, (start, end) in enumerate(spans):
        assert covered.by.get(str(i), set()) == set(range(start, end))


class Coverage(HTMLParser):
    """Which text positions each claim's marks cover."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.by: dict[str, set[int]] = {}
        self.pos = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.open.append(dict(attrs).get("data-i") if tag == "mark" else None)

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for i in self.open:
            if i is not None:
                self.by.setdefault(i, set()).update(range(self.pos, self.pos + len(data)))
        self.pos += len(data)


def test_controls_and_bidi_overrides_show_as_escapes(mini, run) -> None:
    """An override would make the text read in another order than it is stored: it shows
    as an escape, in the article, the claims' data and the page's own text alike."""
    text = "甲\u202e乙丙\u202c \x1b[31m公园240座\n"
    start = text.index("公园")
    mini(text.encode(), "source: seeds/a.txt\nsha256: SHA\nclaims:\n  - id: parks\n    kind: quantity\n"
                        f"    span: [{start}, {start + 6}]\n    quote: 公园240座\n    value: 240\n    unit: 座\n"
                        '    about: "\\u202eabc"\n')
    run("report")
    html = Path("report.html").read_text(encoding="utf-8")
    assert not any(ch in html for ch in "\u202e\u202c\x1b")
    page = Page(html)
    assert "".join(page.article) == "甲\\u202e乙丙\\u202c \\x1b[31m公园240座\n"
    assert page.data()["claims"][0]["record"]["about"] == "\\u202eabc"  # type: ignore[index]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=robustness_edits)
def test_mutated_claim_file_still_makes_a_page(project: Path, edits: list[tuple[int, int, str]]) -> None:
    """Whatever the claim file holds, the page is written, the article whole, its marks balanced."""
    from factcheck.commands.report import build
    from factcheck.config import load_config
    from factcheck.output.html import render_page

    text = ORIGINAL
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    (project / CLAIMS).write_text(text, encoding="utf-8")
    doc = build(load_config(project), [])
    page = Page(render_page(doc, 0))
    source = doc["sources"][0]
    if source["text"] is not None:
        assert "".join(page.article) == source["text"]
        assert len(page.heads()) == sum(1 for c in source["claims"] if c.get("place"))
