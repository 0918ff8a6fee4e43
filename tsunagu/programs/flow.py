"""The stage changes of a period as a flow diagram: the stages people left on the left, the stages they
moved to on the right, one band per pair as wide as its count. Drawn on the server as a small SVG from the
counts the reader may see (a count suppressed for them is not drawn, so no width gives it away)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, LEFT, RIGHT, TOP = 640, 150, 490, 24
BAND_SPACE = 240  # the height the largest side's bands share
GAP = 14
COLOURS = ("#7a7a7a", "#0017c1", "#008a3e", "#b35c00")


def flow_svg(
    sources: list[tuple[str, str]],
    targets: list[tuple[str, str]],
    flows: dict[tuple[str, str], int],
    title: str,
) -> SafeString:
    """sources and targets: (code, label); flows: {(source, target): count} of the bands to draw."""
    total = sum(flows.values())
    scale = BAND_SPACE / total if total else 0
    out_of = {code: sum(n for (s, _t), n in flows.items() if s == code) for code, _l in sources}
    into = {code: sum(n for (_s, t), n in flows.items() if t == code) for code, _l in targets}

    def tops(side: dict[str, int], order: list[tuple[str, str]]) -> dict[str, float]:
        y, found = float(TOP), {}
        for code, _label in order:
            found[code] = y
            y += side[code] * scale + GAP
        return found

    left_y, right_y = tops(out_of, sources), tops(into, targets)
    height = int(TOP * 2 + BAND_SPACE + GAP * max(len(sources), len(targets)))
    parts = []
    used_left, used_right = dict(left_y), dict(right_y)
    for i, (source, _label) in enumerate(sources):
        for target, _tlabel in targets:
            n = flows.get((source, target), 0)
            if not n:
                continue
            width = n * scale
            y1 = used_left[source] + width / 2
            y2 = used_right[target] + width / 2
            used_left[source] += width
            used_right[target] += width
            middle = (LEFT + RIGHT) / 2
            parts.append(
                f'<path d="M{LEFT} {y1:.1f} C{middle} {y1:.1f} {middle} {y2:.1f} {RIGHT} {y2:.1f}" '
                f'stroke="{COLOURS[i % len(COLOURS)]}" stroke-opacity="0.45" stroke-width="{max(width, 1):.1f}" '
                f'fill="none"><title>{n}</title></path>'
            )
    for (code, label), side, x, anchor in [
        *[((c, lab), out_of, LEFT - 8, "end") for c, lab in sources],
        *[((c, lab), into, RIGHT + 8, "start") for c, lab in targets],
    ]:
        y = (left_y if anchor == "end" else right_y)[code] + side[code] * scale / 2
        parts.append(
            f'<text x="{x}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="13">{escape(label)} {side[code]}</text>'
        )
    svg = (
        f'<svg role="img" aria-labelledby="flow-title" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="flow-title">{escape(title)}</title>{"".join(parts)}</svg>'
    )
    # Built from our own numbers; every label and the title are escaped.
    return mark_safe(svg)
