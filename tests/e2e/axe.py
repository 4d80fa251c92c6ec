"""axe-core in the real page, and the checks axe leaves to us (tied labels, 44px targets).

axe-core comes from the npm registry into .tools/axe (`make axe`, part of `make setup`).
The page's Content-Security-Policy allows only its own hashed inline scripts, so a
<script> tag with axe's source (Playwright's add_script_tag, path or content) is refused;
`page.evaluate(source)` goes through the DevTools protocol, which the CSP does not govern,
and defines `window.axe` in the page's own world, where the DOM axe reads lives.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page

from tests.e2e import live

AXE_VERSION = "4.10.3"  # the Makefile's AXE_VERSION: keep the two in step
AXE_JS = live.ROOT / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING = ("serious", "critical")

# Findings inside Radix/Reflex internals that our components cannot reach: (rule, CSS
# selector of the exact element, reason). Each is dropped for that rule only.
EXCLUDED: list[tuple[str, str, str]] = [
    # An open Radix Select (the /ask dropdowns, the staff role, the ledger's building) marks
    # everything but its listbox aria-hidden (hideOthers) while trapping focus inside the
    # listbox, so the page's buttons under aria-hidden cannot be reached until it closes.
    ("aria-hidden-focus", '[data-is-root-theme="true"][aria-hidden="true"]',
     "Radix Select's modal hideOthers while its listbox is open"),
]

_RUN = """async ([tags, failing, excluded, within]) => {
  const root = within ? document.querySelector(within) : document;
  const r = await axe.run(root, {runOnly: {type: 'tag', values: tags},
                                 resultTypes: ['violations']});
  const skip = (rule, el) => excluded.some(([r2, sel]) => r2 === rule && el && el.matches(sel));
  return r.violations.filter(v => failing.includes(v.impact)).map(v => ({
    rule: v.id, impact: v.impact,
    nodes: v.nodes.filter(n => !skip(v.id, document.querySelector(n.target[0])))
      .map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                  why: (n.failureSummary || '').slice(0, 300)})),
  })).filter(v => v.nodes.length);
}"""

# Every visible form control named by a <label> tied to it (for=/wrapping), aria-label or
# aria-labelledby pointing at text. A placeholder is not a label (it goes when typing).
_UNLABELLED = """() => {
  const text = id => (document.getElementById(id)?.textContent || '').trim();
  const named = e => (e.getAttribute('aria-label') || '').trim()
    || (e.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean).some(text)
    || [...(e.labels || [])].some(l => l.textContent.trim());
  return [...document.querySelectorAll('input, select, textarea, [role=combobox]')]
    .filter(e => e.type !== 'hidden' && !e.closest('[aria-hidden=true]')
                 && e.getClientRects().length > 0)
    .filter(e => !named(e)).map(e => e.outerHTML.slice(0, 160));
}"""

# Buttons a thumb must hit: at least 44x44 CSS px. Table cells' sort buttons and a select's
# own options are not main actions. A control inside a <label> is hit through its label.
_SMALL = """() => [...document.querySelectorAll(
    'button, [role=button], [role=checkbox], [role=radio], input[type=submit], a.rt-Button')]
  .filter(b => b.getClientRects().length > 0 && !b.closest('table, .rt-SelectContent'))
  .map(b => { const r = (b.closest('label') || b).getBoundingClientRect();
    return {what: (b.innerText || b.getAttribute('aria-label') || b.outerHTML).trim()
                  .slice(0, 40), w: r.width, h: r.height}; })
  .filter(b => b.w < 44 || b.h < 44)"""


@dataclass
class Findings:
    """What every page and dialog of one walk showed, by page."""

    by_page: dict[str, dict[str, list]] = field(default_factory=dict)

    def add(self, where: str, kind: str, items: list) -> None:
        if items:
            self.by_page.setdefault(where, {})[kind] = items

    def counts(self) -> dict[str, int]:
        """Failing elements per axe rule (and per check of ours), over the whole walk."""
        out: dict[str, int] = {}
        for kinds in self.by_page.values():
            for kind, items in kinds.items():
                if kind == "axe":
                    for v in items:
                        out[v["rule"]] = out.get(v["rule"], 0) + len(v["nodes"])
                else:
                    out[kind] = out.get(kind, 0) + len(items)
        return dict(sorted(out.items()))

    def save(self, name: str) -> None:
        live.ARTIFACTS.mkdir(exist_ok=True)
        (live.ARTIFACTS / f"axe-{name}.json").write_text(
            json.dumps({"counts": self.counts(), "pages": self.by_page}, ensure_ascii=False,
                       indent=1))

    def summary(self) -> str:
        return json.dumps({"counts": self.counts(), "pages": self.by_page}, ensure_ascii=False,
                          indent=1)[:6000]


def source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core {AXE_VERSION} is missing at {AXE_JS}: `make setup` installs it")
    return AXE_JS.read_text()


def run_axe(page: Page, within: str | None = None) -> list[dict]:
    """Serious and critical axe violations on the page (or inside the `within` selector)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(source() + "\n;true")
    return page.evaluate(_RUN, [TAGS, list(FAILING), [e[:2] for e in EXCLUDED], within])


def check(page: Page, findings: Findings, where: str, within: str | None = None) -> None:
    """axe, tied labels, 44px buttons and no sideways scroll, recorded under `where`."""
    findings.add(where, "axe", run_axe(page, within))
    findings.add(where, "unlabelled", page.evaluate(_UNLABELLED))
    findings.add(where, "small-target", page.evaluate(_SMALL))
    if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
        findings.add(where, "horizontal-scroll", [page.evaluate(
            "document.documentElement.scrollWidth")])


def report_only() -> bool:
    """AXE_REPORT=1 records the findings without failing (to count them before fixing)."""
    return os.environ.get("AXE_REPORT") == "1"
