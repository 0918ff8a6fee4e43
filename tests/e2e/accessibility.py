"""axe-core on every page the browser tests visit.

The axe-core file is bundled (tests/e2e/vendor/axe-core/, see its README): nothing is downloaded while
the tests run. Every browser context the tests open gets it as an init script, and every page load is
checked once it has loaded; a test may also check a page at a moment of its own (an htmx swap, an error
shown) with `check_accessibility(page)`. A page that was left before its check finished is opened again
at the end of the test and checked then. The test fails when any page has a serious or critical
violation; WCAG 2.2's target size (24 by 24 CSS pixels) is among the rules checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

AXE_VERSION = "4.14.1"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")
# One run at a time in a page: the check after a load and a test's own check may overlap.
RUN_AXE = """async () => {
  const run = () => axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    rules: {"target-size": {enabled: true}},
    resultTypes: ["violations"],
  });
  const current = (window.__tsunaguAxe || Promise.resolve()).catch(() => null).then(run);
  window.__tsunaguAxe = current;
  const result = await current;
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}"""


@dataclass
class Finding:
    url: str
    rule: str
    impact: str
    help: str
    nodes: list[str]

    def __str__(self) -> str:
        return f"{self.url}: {self.rule} ({self.impact}) {self.help} — {', '.join(self.nodes)}"


@dataclass
class AccessibilityLog:
    """What axe found on the pages of one test, and the pages it could not finish on."""

    checked: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unfinished: list[tuple[object, dict, str]] = field(default_factory=list)

    def check(self, page, label: str | None = None) -> list[Finding]:
        url = label or page.url.split("://", 1)[-1].split("/", 1)[-1]
        violations = page.evaluate(RUN_AXE)
        found = [
            Finding(f"/{url}", v["id"], v["impact"], v["help"], v["nodes"])
            for v in violations
            if v["impact"] in FAILING_IMPACTS
        ]
        self.checked.append(f"/{url}")
        self.findings.extend(found)
        return found

    def watch(self, page) -> None:
        def on_load(loaded) -> None:
            url = loaded.url
            if not url.startswith("http"):
                return
            try:
                self.check(loaded)
            except Exception:  # the test went on to another page first: checked again at the end
                self.remember(loaded, url)

        page.on("load", on_load)

    def remember(self, page, url: str) -> None:
        """Keep what it takes to open the page again later: the browser, its cookies, its screen."""
        context = page.context
        try:
            state = context.storage_state()
        except Exception:  # the context is closing: its pages were checked as far as they could be
            return
        options = {"storage_state": state, "viewport": page.viewport_size, "locale": "ja-JP"}
        self.unfinished.append((context.browser, options, url))

    def attach(self, context) -> None:
        context.add_init_script(path=str(AXE))
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def finish(self, new_context) -> None:
        """Check again, in a browser context of their own (same cookies, same screen), the pages left
        before their check finished. `new_context` is Browser.new_context unwatched."""
        for browser, options, url in self.unfinished:
            context = new_context(browser, **options)
            context.add_init_script(path=str(AXE))
            page = context.new_page()
            page.goto(url)
            self.check(page)
            context.close()
        self.unfinished.clear()


LOG: AccessibilityLog | None = None


def check_accessibility(page) -> None:
    """Check the page as it is now (after an htmx swap, with errors shown); fails at once if serious."""
    assert LOG is not None, "the accessibility fixture is not active"
    found = LOG.check(page, label=f"{page.url.split('://', 1)[-1].split('/', 1)[-1]} (now)")
    assert not found, "\n".join(str(f) for f in found)
