"""Accessibility checks for the browser tests: axe-core's WCAG 2.1 A/AA rules run in the
page, and WCAG's contrast ratio for what axe does not measure (the focus ring)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core, see vendor/README.md
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_RUN_AXE = """async (tags) => {
  const found = await axe.run(document, { runOnly: { type: "tag", values: tags } });
  return found.violations.map((v) => `${v.id}: ${v.help} at ${
    v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(", ")}`);
}"""


def accessibility_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it stands, one line each.
    The engine is evaluated through the DevTools protocol, which the page's CSP (scripts
    from the server only) does not govern; nothing is loaded from anywhere."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return list(page.evaluate(_RUN_AXE, WCAG_AA))


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two CSS colours given as ``rgb(r, g, b)``."""

    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
