"""HTML: the annotated article as one self-contained page, from the document `report` builds.

Safety is by construction, not by care at each call site:
- every character that comes from an article or a claim file reaches the page through
  `_esc` (element text and quoted attribute values) or `_json_for_script` (the data the
  page's script reads with `JSON.parse` and shows with `textContent`, never as markup);
- a Content-Security-Policy allows only this page's own style and script (by hash), so
  markup that slipped through could still run nothing and fetch nothing.

Claims are drawn as nested `<mark>` elements. Where two spans overlap without nesting, the
one that started later is closed and reopened around the other's end: each claim has one
focusable head mark and perhaps continuation marks. A claim's underline sits lower the
more claims it holds, so nested and overlapping spans stay visible one under another.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import defaultdict
from itertools import islice
from typing import Any

from factcheck.claims.source import printable, printable_data

STATE_WORDS = {
    "pass": "every check passes",
    "fail": "a check fails",
    "unknown": "a check is unknown",
    "stale": "record and text disagree",
    "lost": "quote no longer in the text",
}
MAX_HEIGHT = 4  # underline levels drawn apart; deeper nesting shares the lowest


def _esc(text: object) -> str:
    """Text for element content or a double-quoted attribute value; control characters and
    bidirectional overrides shown as escapes (`\\u202e`), so text reads in its stored order."""
    return html.escape(printable(str(text), lines=True), quote=True)


# In the article, the same characters as `printable` escapes, but line ends kept as they
# are; each is drawn as a visible escape in its own element.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _article_text(text: str) -> str:
    return _CONTROL.sub(lambda m: f'<span class="ctl">{printable(m.group())}</span>', html.escape(text, quote=True))


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its `<script>` element or be read as markup: `<`, `>`, `&`
    and the line separators are written as JSON escapes, which JSON.parse reads back."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _shell(title: str, lang: str, body: str, script: str | None) -> str:
    scripts = _csp_hash(script) if script else "'none'"
    policy = (f"default-src 'none'; style-src {_csp_hash(CSS)}; script-src {scripts}; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    tail = f"<script>{script}</script>\n" if script else ""
    return (
        f'<!doctype html>\n<html lang="{_esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}{tail}</body>\n</html>\n"
    )


def _summary(doc: dict[str, Any]) -> str:
    """verify's summary line, then its figures as tiles."""
    s = doc["summary"]
    tiles = "".join(
        f'<li class="tile {cls}"><b>{s[key]}</b> {label}</li>'
        for key, label, cls in (("claims", "claims", ""), ("checks", "checks", ""), ("pass", "pass", "v-pass"),
                                ("fail", "fail", "v-fail"), ("unknown", "unknown", "v-unknown"),
                                ("errors", "errors", "v-fail" if s["errors"] else ""),
                                ("warnings", "warnings", "v-unknown" if s["warnings"] else ""))
    )
    return f'<p class="summary" id="summary">{_esc(doc["summary_line"])}</p>\n<ul class="tiles">{tiles}</ul>\n'


def _legend(claims: list[dict[str, Any]]) -> str:
    counts = {state: 0 for state in STATE_WORDS}
    for claim in claims:
        counts[claim["state"]] += 1
    items = "".join(
        f'<li><mark class="fc s-{state} key">{state}</mark> {counts[state]} <span class="muted">{_esc(word)}</span></li>'
        for state, word in STATE_WORDS.items()
    )
    return f'<ul class="legend" aria-label="claims of this article by state">{items}</ul>\n'


def _heights(placed: list[tuple[int, int, int]]) -> dict[int, int]:
    """How many levels of claims each claim holds (1 for none), for its underline depth.

    Claim j is under claim i when it starts inside i after i's start, or at the same
    start and ends sooner (equal spans: the later in the file); each j sorts after i.
    """
    order = sorted(placed, key=lambda c: (c[1], -c[2], c[0]))
    heights: dict[int, int] = {}
    for k in range(len(order) - 1, -1, -1):
        i, start, end = order[k]
        height = 1
        for j, jstart, _ in islice(order, k + 1, None):
            if jstart >= end:
                break
            height = max(height, heights[j] + 1)
            if height >= MAX_HEIGHT:
                break
        heights[i] = min(height, MAX_HEIGHT)
    return heights


def _mark(i: int, claim: dict[str, Any], height: int, head: bool) -> str:
    classes = f"fc s-{claim['state']} h{height}"
    if not head:
        return f'<mark class="{classes} cont" data-i="{i}">'
    empty = " empty" if claim["place"][0] == claim["place"][1] else ""
    label = f"{claim['kind']} {claim['id']}: {claim['state']}"
    return (f'<mark class="{classes} head{empty}" id="claim-{i}" data-i="{i}" data-n="{i + 1}" tabindex="0" '
            f'role="button" aria-label="{_esc(label)}" title="{_esc(label)}">')


def _article(text: str, claims: list[dict[str, Any]], anchors: dict[int, list[int]]) -> str:
    """The text as written with every placed claim drawn in it, and finding anchors."""
    placed = [(i, c["place"][0], c["place"][1]) for i, c in enumerate(claims) if c.get("place")]
    heights = _heights(placed)
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    empties: dict[int, list[int]] = defaultdict(list)
    for i, start, end in placed:
        if start == end:
            empties[start].append(i)
        else:
            starts[start].append(i)
            ends[end].append(i)
    for at in starts.values():
        at.sort(key=lambda i: (-claims[i]["place"][1], i))  # the longest opens first, outside
    out: list[str] = []
    stack: list[int] = []  # claims open here, outermost first
    pos = 0
    for cut in sorted({*starts, *ends, *empties, *anchors, len(text)}):
        if cut > pos:
            out.append(_article_text(text[pos:cut]))
            pos = cut
        closing = set(ends.get(cut, ()))
        if closing:
            low = min(k for k, i in enumerate(stack) if i in closing)
            reopen = [i for i in stack[low:] if i not in closing]
            out.append("</mark>" * (len(stack) - low))
            del stack[low:]
            for i in reopen:
                out.append(_mark(i, claims[i], heights[i], head=False))
                stack.append(i)
        out.extend(f'<span class="at" id="at-{n}"></span>' for n in anchors.get(cut, ()))
        out.extend(_mark(i, claims[i], heights[i], head=True) + "</mark>" for i in empties.get(cut, ()))
        for i in starts.get(cut, ()):
            out.append(_mark(i, claims[i], heights[i], head=True))
            stack.append(i)
    out.append("</mark>" * len(stack))
    return "".join(out)


def _finding_link(p: dict[str, Any], claim_dom: dict[str, int], check_dom: dict[str, int],
                  anchor_of: dict[int, int], number: int) -> str | None:
    if p["claim"] is not None and p["claim"] in claim_dom:
        return f"#claim-{claim_dom[p['claim']]}"
    if number in anchor_of:
        return f"#at-{anchor_of[number]}"
    if p["check"] is not None and p["check"] in check_dom:
        return f"#check-{check_dom[p['check']]}"
    return None


def _findings(findings: list[dict[str, Any]], links: list[str | None]) -> str:
    if not findings:
        return '<section id="findings"><h2>Findings</h2><p class="muted">None.</p></section>\n'
    items = []
    for p, link in zip(findings, links, strict=True):
        text = f"{p['path']}:{p['line']}:{p['col']}: [{p['level']}] {p['message']} ({p['rule']})"
        inner = f'<a href="{_esc(link)}">{_esc(text)}</a>' if link else _esc(text)
        items.append(f'<li class="lvl-{_esc(p["level"])}">{inner}</li>')
    return f'<section id="findings"><h2>Findings ({len(findings)})</h2><ol>{"".join(items)}</ol></section>\n'


def _checks(checks: list[dict[str, Any]], claim_dom: dict[str, int]) -> str:
    if not checks:
        return '<section id="checks"><h2>Checks</h2><p class="muted">No checks are declared.</p></section>\n'
    items = []
    for k, c in enumerate(checks):
        names = " ".join(
            f'<a href="#claim-{claim_dom[n]}"><code>{_esc(n)}</code></a>' if n in claim_dom else f"<code>{_esc(n)}</code>"
            for n in c["names"]
        )
        steps = "\n".join(c["steps"])
        items.append(
            f'<li id="check-{k}" class="check"><p><span class="badge v-{_esc(c["verdict"])}">{_esc(c["verdict"])}</span> '
            f'<code>{_esc(c["id"])}</code> <span class="muted">{_esc(c["path"])}:{c["line"]}</span></p>'
            f'<p><code class="rule">{_esc(c["rule"])}</code></p>'
            + (f'<p class="why">{_esc(c["why"])}</p>' if c["why"] else "")
            + f'<p class="sum">{_esc(c["summary"])}</p>'
            f'<details><summary>arithmetic</summary><pre>{_esc(steps)}</pre></details>'
            f'<p class="names">{names}</p></li>'
        )
    return f'<section id="checks"><h2>Checks ({len(checks)})</h2><ol>{"".join(items)}</ol></section>\n'


def _line_col(where: dict[str, Any] | None) -> str:
    return f"{where['line']}:{where['col']}" if where else ""


def _claims_table(claims: list[dict[str, Any]]) -> str:
    rows = []
    for i, c in enumerate(claims):
        where = c.get("source")
        value = c.get("value", {}).get("display", "")
        ident = f'<a href="#claim-{i}"><code>{_esc(c["id"])}</code></a>' if c.get("place") else f'<code>{_esc(c["id"])}</code>'
        rows.append(
            f'<tr><td>{i + 1}</td><td><span class="badge v-{_esc(c["state"])}">{_esc(c["state"])}</span></td><td>{ident}</td>'
            f'<td>{_esc(c["kind"])}</td><td>{_esc(value)}</td>'
            f'<td>{_line_col(where)}</td>'
            f'<td>{_esc(c["record"].get("about", ""))}</td></tr>'
        )
    head = "<tr><th>#</th><th>state</th><th>id</th><th>kind</th><th>value</th><th>line:col</th><th>about</th></tr>"
    return (f'<section id="all-claims"><h2>All claims ({len(claims)})</h2><div class="scroll"><table>'
            f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div></section>\n')


def _belongs(p: dict[str, Any], source: dict[str, Any]) -> bool:
    return p["path"] in source["claim_files"] or (p["source"] is not None and p["source"]["path"] == source["path"])


def render_page(doc: dict[str, Any], index: int, index_page: str | None = None) -> str:
    """The page of one source: summary, the article with its claims, findings, checks.

    With `index_page` (several sources) it shows the findings and checks of this source
    and links back to the index; without, everything the report holds.
    """
    source = doc["sources"][index] if doc["sources"] else {
        "path": "(no claim files)", "language": "en", "text": None, "claim_files": [], "claims": []}
    claims = source["claims"]
    claim_dom = {c["id"]: i for i, c in enumerate(claims) if c.get("place")}
    findings = [p for p in doc["findings"] if index_page is None or _belongs(p, source)]
    own = set(claim_dom)
    checks = [c for c in doc["checks"] if index_page is None or c["path"] in source["claim_files"] or own & set(c["names"])]
    check_dom = {c["id"]: k for k, c in enumerate(checks)}
    anchors: dict[int, list[int]] = defaultdict(list)
    anchor_of: dict[int, int] = {}
    text = source["text"]
    for number, p in enumerate(findings):
        loc = p["source"]
        if p["claim"] not in claim_dom and loc is not None and loc["path"] == source["path"] and text is not None:
            anchor_of[number] = len(anchor_of)
            anchors[min(loc["start"], len(text))].append(anchor_of[number])
    links = [_finding_link(p, claim_dom, check_dom, anchor_of, n) for n, p in enumerate(findings)]
    back = f'<p><a href="{_esc(index_page)}">← all sources</a></p>\n' if index_page else ""
    if text is None:
        article = '<p class="missing">The source could not be read; the findings say why.</p>'
    else:
        article = f'<div id="article" class="text" lang="{_esc(source["language"] or "und")}">{_article(text, claims, anchors)}</div>'
    body = (
        f'<header class="top">\n{back}<h1>{_esc(source["path"])}</h1>\n'
        f'<p class="muted">claims: {", ".join(_esc(f) for f in source["claim_files"]) or "none"}</p>\n'
        f"{_summary(doc)}{_legend(claims)}"
        '<nav class="findnav" aria-label="findings in the article">'
        '<button type="button" id="prev">‹ previous finding</button> <span id="navpos" class="muted"></span> '
        '<button type="button" id="next">next finding ›</button> <span class="muted keys">keys: n / p, Esc</span></nav>\n'
        "</header>\n"
        f'<div class="layout">\n<main>{article}</main>\n'
        f'<div class="side">\n{_findings(findings, links)}{_checks(checks, claim_dom)}</div>\n</div>\n'
        f"{_claims_table(claims)}"
        '<aside id="panel" role="dialog" aria-labelledby="panel-title" hidden>'
        '<button type="button" id="panel-close" aria-label="close">×</button><div id="panel-body"></div></aside>\n'
        f'<script type="application/json" id="fc-data">{_json_for_script(printable_data({"claims": claims}))}</script>\n'
    )
    return _shell(f"factcheck report: {source['path']}", "en", body, SCRIPT)


def _index_link(p: dict[str, Any], sources: list[dict[str, Any]], pages: list[str]) -> str | None:
    """A finding's page, at its claim when the claim is drawn there."""
    for source, page in zip(sources, pages, strict=True):
        if _belongs(p, source):
            placed = [i for i, c in enumerate(source["claims"]) if c["id"] == p["claim"] and c.get("place")]
            return f"{page}#claim-{placed[0]}" if placed else page
    return None


def render_index(doc: dict[str, Any], pages: list[str]) -> str:
    """The index of a report with several sources: the summary, a row per source, all findings."""
    rows = []
    for source, page in zip(doc["sources"], pages, strict=True):
        counts = {state: 0 for state in STATE_WORDS}
        for claim in source["claims"]:
            counts[claim["state"]] += 1
        figures = " ".join(f'<span class="badge v-{s}">{n} {s}</span>' for s, n in counts.items() if n)
        rows.append(f'<tr><td><a href="{_esc(page)}">{_esc(source["path"])}</a></td>'
                    f'<td>{len(source["claims"])}</td><td>{figures}</td></tr>')
    links = [_index_link(p, doc["sources"], pages) for p in doc["findings"]]
    body = (
        f'<header class="top"><h1>factcheck report</h1>\n{_summary(doc)}</header>\n'
        '<main class="index"><section><h2>Sources</h2><div class="scroll"><table><thead><tr><th>source</th>'
        f'<th>claims</th><th>states</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>\n'
        f"{_findings(doc['findings'], links)}</main>\n"
    )
    return _shell("factcheck report", "en", body, None)


CSS = """
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#5f6368;--line:#d9d9de;--panel:#f7f7f9;
--pass:#1a7f37;--fail:#c62828;--unknown:#b26a00;--stale:#7b3fb5;--lost:#6b6b6b;--focus:#1565c0}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8ea;--bg:#16171a;--muted:#a0a4ab;--line:#3a3c42;--panel:#202227;
--pass:#4cc26a;--fail:#ff6b6b;--unknown:#f0b64a;--stale:#c08cf0;--lost:#a0a0a0;--focus:#82b1ff}}
*{box-sizing:border-box}
body{margin:0;padding:1rem;color:var(--fg);background:var(--bg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,
"Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
h1{font-size:1.25rem;margin:.2rem 0;overflow-wrap:anywhere}h2{font-size:1.05rem;margin:1rem 0 .5rem}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;font-size:.9em}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
a{color:var(--focus)}.muted{color:var(--muted)}
.summary{font-weight:600;margin:.4rem 0}
.tiles,.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;list-style:none;padding:0;margin:.4rem 0}
.tile b{font-size:1.1rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 26rem;gap:2rem;align-items:start}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-break:strict;font-size:1.06rem;line-height:2.3;
padding:1rem;border:1px solid var(--line);border-radius:6px}
.side ol{padding-left:1.2rem}.side li{margin:.4rem 0;overflow-wrap:anywhere}
.check p{margin:.15rem 0}.check{border-bottom:1px solid var(--line);padding-bottom:.4rem}
.badge{display:inline-block;padding:0 .4em;border-radius:4px;font-size:.85em;font-weight:600;border:1px solid currentColor}
.v-pass{color:var(--pass)}.v-fail,.v-error,.lvl-error{color:var(--fail)}.v-unknown,.lvl-warning{color:var(--unknown)}
.v-stale{color:var(--stale)}.v-lost{color:var(--lost)}
mark.fc{color:inherit;--c:var(--pass);background:color-mix(in srgb,var(--c) 13%,transparent);
border-bottom:2px solid var(--c);padding:0 0 1px;border-radius:2px;cursor:pointer;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.fc.h2{padding-bottom:5px}mark.fc.h3{padding-bottom:9px}mark.fc.h4{padding-bottom:13px}
mark.fc.head{border-left:1px solid var(--c)}
mark.s-fail{--c:var(--fail);border-bottom-width:3px;border-bottom-style:double}
mark.s-unknown{--c:var(--unknown);border-bottom-style:dotted}
mark.s-stale{--c:var(--stale);border-bottom-style:dashed}
mark.s-lost{--c:var(--lost);border-bottom-style:dashed}
mark.fc.empty::before{content:"\\2691";color:var(--c)}
mark.key{padding:0 .3em;cursor:default}
mark.fc:focus{outline:2px solid var(--focus);outline-offset:1px}mark.fc.current{outline:2px solid var(--focus)}
.at{scroll-margin:40vh}mark.fc,#findings li,.check{scroll-margin:30vh}
#panel{position:fixed;top:1rem;right:1rem;bottom:1rem;width:27rem;overflow:auto;
background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:1rem;box-shadow:0 4px 24px rgba(0,0,0,.25);z-index:2}
#panel[hidden]{display:none}
#panel-close{float:right;font-size:1.3rem;line-height:1;background:none;border:0;color:var(--fg);cursor:pointer}
#panel dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem .8rem;margin:.5rem 0}
#panel dt{color:var(--muted)}#panel dd{margin:0;overflow-wrap:anywhere}
#panel ul{padding-left:1.1rem}#panel li{margin:.35rem 0}
.findnav button{font:inherit;padding:.2rem .6rem;border:1px solid var(--line);border-radius:4px;background:var(--panel);color:var(--fg);cursor:pointer}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.missing{color:var(--fail)}
.ctl{font-family:ui-monospace,monospace;font-size:.8em;color:var(--fail);border:1px dotted currentColor;border-radius:3px}
@media (max-width:56rem){.layout{grid-template-columns:minmax(0,1fr)}body{padding:.6rem}
#panel{top:auto;left:0;right:0;bottom:0;width:auto;max-height:60vh;border-radius:8px 8px 0 0}.keys{display:none}
mark.fc{scroll-margin-top:12vh}}
@media print{#panel,.findnav,details summary{display:none}details>pre{display:block}
.layout{display:block}.text{border:0;padding:0}a{color:inherit;text-decoration:none}
mark.fc{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{padding:0}
mark.fc.head::after{content:attr(data-n);font-size:.65em;vertical-align:super;color:var(--muted)}}
"""

SCRIPT = """
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("fc-data").textContent);
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  const article = document.getElementById("article");
  const heads = Array.from(document.querySelectorAll("mark.fc.head"));
  const findings = heads.filter((m) => !m.classList.contains("s-pass"));
  const navpos = document.getElementById("navpos");
  const known = ["pass", "fail", "unknown", "error", "stale", "lost"];
  const narrow = window.matchMedia("(max-width: 56rem)");
  let current = -1;
  let shown = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function badge(v) { return el("span", "badge v-" + (known.includes(v) ? v : "other"), v); }
  function row(dl, key, value) {
    if (value === undefined || value === null || value === "") return;
    dl.append(el("dt", null, key), el("dd", null, value));
  }
  function where(p) { return p.path + ":" + p.line + (p.col ? ":" + p.col : ""); }

  function open(i, mark) {
    const c = data.claims[i];
    if (!c) return;
    const r = c.record || {};
    const title = el("h2");
    title.id = "panel-title";
    title.append(badge(c.state), " ", el("code", null, c.id));
    const dl = el("dl");
    row(dl, "kind", c.kind);
    row(dl, "about", r.about);
    if (r.speaker) row(dl, "speaker", r.speaker + (r.role ? " (" + r.role + ")" : ""));
    if (c.value) {
      row(dl, "value", c.value.display);
      row(dl, "as written", c.value.written);
      row(dl, "reading", c.value.derivation);
    }
    if (r.citation) row(dl, "citation", [r.citation.publisher, r.citation.title, r.citation.date, r.citation.url || r.citation.document].filter(Boolean).join(", "));
    row(dl, "quote", r.quote);
    row(dl, "claim file", where(c.claim_file));
    if (c.source) row(dl, "in the text", where(c.source) + "  [" + c.source.start + ", " + c.source.end + ")");
    if (c.anchor && c.anchor !== "anchored") row(dl, "anchor", c.anchor + (c.place ? " (drawn at [" + c.place[0] + ", " + c.place[1] + "))" : ""));
    row(dl, "note", r.note);
    const parts = [title, dl];
    if (c.rules.length) {
      parts.push(el("h3", null, "rules"));
      const ul = el("ul");
      for (const rule of c.rules) {
        const li = el("li");
        li.append(badge(rule.verdict), " ", el("code", null, rule.rule));
        for (const m of rule.messages) li.append(el("div", "msg", m));
        ul.append(li);
      }
      parts.push(ul);
    }
    if (c.checks.length) {
      parts.push(el("h3", null, "checks"));
      const ul = el("ul");
      for (const check of c.checks) {
        const li = el("li", "check");
        li.append(badge(check.verdict), " ", el("code", null, check.id), el("div", null, ""));
        li.append(el("code", "rule", check.rule));
        if (check.why) li.append(el("div", "why", check.why));
        li.append(el("div", "sum", check.summary));
        if (check.steps) li.append(el("pre", "steps", check.steps.join("\\n")));
        ul.append(li);
      }
      parts.push(ul);
    }
    const outer = [];
    for (let m = mark && mark.parentElement ? mark.parentElement.closest("mark.fc") : null; m; m = m.parentElement.closest("mark.fc")) outer.push(m);
    if (outer.length) {
      parts.push(el("h3", null, "also here"));
      const p = el("p");
      for (const m of outer) {
        const b = el("button", "also", data.claims[+m.dataset.i].id);
        b.type = "button";
        b.addEventListener("click", () => { const h = document.getElementById("claim-" + m.dataset.i); if (h) h.focus(); });
        p.append(b, " ");
      }
      parts.push(p);
    }
    body.replaceChildren(...parts);
    panel.hidden = false;
    if (shown) shown.classList.remove("current");
    shown = document.getElementById("claim-" + i);
    if (shown) shown.classList.add("current");
    if (narrow.matches && shown && shown.getBoundingClientRect().bottom > window.innerHeight * 0.4) {
      shown.scrollIntoView({ block: "start" });  // keep the claim above the panel
    }
    const k = findings.indexOf(shown);
    if (k >= 0) current = k;
    navpos.textContent = findings.length ? (k >= 0 ? k + 1 : "-") + " / " + findings.length : "no findings";
  }
  function close() {
    panel.hidden = true;
    if (shown) { shown.classList.remove("current"); shown.focus(); }
  }
  function go(step) {
    if (!findings.length) return;
    current = (current + step + findings.length) % findings.length;
    // On a phone the panel covers the lower part of the screen: bring the claim to the top.
    findings[current].scrollIntoView({ block: narrow.matches ? "start" : "center" });
    findings[current].focus();
  }
  if (article) {
    article.addEventListener("click", (e) => {
      const m = e.target.closest("mark.fc");
      if (m) { e.stopPropagation(); open(+m.dataset.i, m); }
    });
    article.addEventListener("focusin", (e) => {
      const m = e.target.closest("mark.fc");
      if (m) open(+m.dataset.i, m);
    });
    article.addEventListener("keydown", (e) => {
      const m = e.target.closest("mark.fc");
      if (m && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(+m.dataset.i, m); }
    });
  }
  document.getElementById("panel-close").addEventListener("click", close);
  document.getElementById("next").addEventListener("click", () => go(1));
  document.getElementById("prev").addEventListener("click", () => go(-1));
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "n" || e.key === "j") go(1);
    else if (e.key === "p" || e.key === "k") go(-1);
    else if (e.key === "Escape" && !panel.hidden) close();
  });
  navpos.textContent = findings.length ? findings.length + " findings" : "no findings";
  function follow() {  // a finding's link, or a link from elsewhere, opens the claim it names
    const target = /^#claim-(\\d+)$/.exec(location.hash);
    const mark = target && document.getElementById("claim-" + target[1]);
    if (mark) { mark.focus(); open(+target[1], mark); }
  }
  window.addEventListener("hashchange", follow);
  document.addEventListener("click", (e) => {  // the same link again changes no hash
    const a = e.target.closest('a[href^="#claim-"]');
    if (a && a.getAttribute("href") === location.hash) follow();
  });
  follow();
})();
"""
