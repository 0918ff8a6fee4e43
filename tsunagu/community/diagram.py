"""The flow diagram of a community project, drawn on the server as SVG (no script, prints as it shows).

The partners sit on a circle, each a box with its name and its roles; each flow is an arrow from one box
to another, coloured by kind (goods, money, people, know-how) with its label at the middle. Two flows
between the same pair are drawn side by side, so neither hides the other."""

from __future__ import annotations

import math
from collections import defaultdict

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tsunagu.community.models import FlowKind, ProjectFlow, ProjectPartner

WIDTH, HEIGHT = 820, 620
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2 + 10
RADIUS_X, RADIUS_Y = 300, 220
BOX_W, BOX_H = 150, 46
GAP = 12  # between two flows of one pair
COLOURS = {
    FlowKind.GOODS: "#1a7f37",
    FlowKind.MONEY: "#9a6700",
    FlowKind.PEOPLE: "#0969da",
    FlowKind.KNOW_HOW: "#8250df",
}
DASHES = {FlowKind.GOODS: "", FlowKind.MONEY: "6 3", FlowKind.PEOPLE: "", FlowKind.KNOW_HOW: "2 3"}


def _places(count: int) -> list[tuple[float, float]]:
    return [
        (
            CENTRE_X + RADIUS_X * math.cos(2 * math.pi * i / count - math.pi / 2),
            CENTRE_Y + RADIUS_Y * math.sin(2 * math.pi * i / count - math.pi / 2),
        )
        for i in range(count)
    ]


def _edge(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    """Where the line from the centre (x1, y1) towards (x2, y2) leaves the box around (x1, y1)."""
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return x1, y1
    scale = min((BOX_W / 2 + 4) / abs(dx) if dx else math.inf, (BOX_H / 2 + 4) / abs(dy) if dy else math.inf)
    return x1 + dx * scale, y1 + dy * scale


def _box(x: float, y: float, name: str, roles: list[str]) -> str:
    short = name if len(name) <= 11 else name[:10] + "…"
    return (
        f'<g class="partner"><title>{escape(name)}</title>'
        f'<rect x="{x - BOX_W / 2:.1f}" y="{y - BOX_H / 2:.1f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
        f'fill="#ffffff" stroke="#24292f"/>'
        f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="13">{escape(short)}</text>'
        f'<text x="{x:.1f}" y="{y + 14:.1f}" text-anchor="middle" font-size="11" fill="#57606a">'
        f"{escape('・'.join(roles))}</text></g>"
    )


def _arrow(flow: ProjectFlow, start: tuple[float, float], end: tuple[float, float], offset: float) -> str:
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1
    nx, ny = -(y2 - y1) / length * offset, (x2 - x1) / length * offset
    sx, sy = _edge(x1 + nx, y1 + ny, x2 + nx, y2 + ny)
    ex, ey = _edge(x2 + nx, y2 + ny, x1 + nx, y1 + ny)
    colour = COLOURS[flow.kind]
    dash = f' stroke-dasharray="{DASHES[flow.kind]}"' if DASHES[flow.kind] else ""
    label = escape(flow.label)
    return (
        f'<g class="flow flow-{flow.kind}"><title>{escape(flow.source.name)} → {escape(flow.target.name)}: {label}</title>'
        f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" stroke="{colour}" stroke-width="2"{dash} '
        f'marker-end="url(#arrow-{flow.kind})"/>'
        f'<text x="{(sx + ex) / 2:.1f}" y="{(sy + ey) / 2 - 3:.1f}" text-anchor="middle" font-size="11" '
        f'fill="{colour}" paint-order="stroke" stroke="#ffffff" stroke-width="3">{label}</text></g>'
    )


def _markers() -> str:
    return "".join(
        f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{colour}"/></marker>'
        for kind, colour in COLOURS.items()
    )


def _legend() -> str:
    items = []
    for i, kind in enumerate(FlowKind):
        x = 20 + i * 150
        dash = f' stroke-dasharray="{DASHES[kind]}"' if DASHES[kind] else ""
        items.append(
            f'<line x1="{x}" y1="20" x2="{x + 30}" y2="20" stroke="{COLOURS[kind]}" stroke-width="2"{dash}/>'
            f'<text x="{x + 36}" y="24" font-size="12">{escape(str(kind.label))}</text>'
        )
    return "".join(items)


def flow_diagram(partners: list[ProjectPartner], flows: list[ProjectFlow]) -> SafeString:
    """The project's partners and flows as one SVG element."""
    roles: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for partner in partners:
        names[partner.organisation_id] = partner.organisation.name
        roles[partner.organisation_id].append(partner.get_role_display().split(" (")[0].split("（")[0])
    order = list(names)
    places = dict(zip(order, _places(len(order)), strict=True)) if order else {}
    pairs: dict[frozenset, int] = defaultdict(int)
    arrows = []
    for flow in flows:
        if flow.source_id not in places or flow.target_id not in places:
            continue
        pair = frozenset((flow.source_id, flow.target_id))
        nth = pairs[pair]
        pairs[pair] += 1
        direction = 1 if flow.source_id < flow.target_id else -1
        offset = direction * (GAP / 2 + GAP * nth)
        arrows.append(_arrow(flow, places[flow.source_id], places[flow.target_id], offset))
    boxes = [_box(*places[pk], names[pk], roles[pk]) for pk in order]
    title = escape(_("Partners of the project and what flows between them"))
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="flow-title" class="flow-diagram" font-family="sans-serif">'
        f'<title id="flow-title">{title}</title><defs>{_markers()}</defs>{_legend()}'
        f"{''.join(arrows)}{''.join(boxes)}</svg>"
    )
