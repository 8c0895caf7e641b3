"""A laid-out timeline as inline SVG markup, with its title, description and focusable marks.

Written directly rather than through a template: a site has one chart per spec and twenty
marks per chart, and this is the site's hottest loop. Every text goes through
`text.showable` and HTML escaping, as template output does.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from specrepo.site.text import showable
from specrepo.site.timeline import Mark, Timeline


def _text(value: str) -> str:
    return str(escape(showable(value)))


def timeline_svg(chart: Timeline, title: str, description: str) -> Markup:
    """The chart as an `<svg role="img">` element labelled by its title and description.

    Each event mark is a link to its row of the events table (`#event-N`), so it takes the
    keyboard focus; its details show while it is pointed at or focused (site.css).
    """
    left, right = chart.plot_left, chart.plot_right
    parts = [
        f'<svg class="timeline" role="img" aria-labelledby="timeline-title timeline-desc" '
        f'width="100%" height="{chart.height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-title">{_text(title)}</title>',
        f'<desc id="timeline-desc">{_text(description)}</desc>',
    ]
    if chart.marks:
        parts.append(f'<text class="hint" x="{left}%" y="36">Point at an event mark, or Tab '
                     f"to it, for its details</text>")
    parts.append('<g class="grid">')
    parts.extend(f'<line class="gridline" x1="{tick.x}%" x2="{tick.x}%" y1="{chart.tip_band}" '
                 f'y2="{chart.axis_y}"/>' for tick in chart.ticks)
    parts.append('</g>\n<g class="lanes">')
    for lane in chart.lanes:
        parts.append(f'<rect class="lane" x="0" y="{lane.y}" width="100%" '
                     f'height="{chart.lane_height}"/>')
        parts.append(f'<text class="lane-label" x="{left}%" y="{lane.y + 15}">'
                     f"{_text(lane.status)}</text>")
    parts.append('</g>\n<g class="bars">')
    parts.extend(f'<rect class="bar tone-{bar.tone}" x="{bar.x}%" y="{bar.y}" '
                 f'width="{bar.width}%" height="{chart.bar_height}" rx="3">'
                 f"<title>{_text(bar.text)}</title></rect>" for bar in chart.bars)
    parts.append('</g>\n<g class="axis">')
    parts.append(f'<line class="axis-line" x1="{left}%" x2="{right}%" y1="{chart.axis_y}" '
                 f'y2="{chart.axis_y}"/>')
    for tick in chart.ticks:
        minor = " minor" if tick.minor else ""
        parts.append(f'<line class="tick" x1="{tick.x}%" x2="{tick.x}%" y1="{chart.axis_y}" '
                     f'y2="{chart.axis_y + 5}"/>')
        parts.append(f'<text class="tick-label{minor}" x="{tick.x}%" y="{chart.axis_y + 20}" '
                     f'text-anchor="{tick.align}">{_text(tick.label)}</text>')
    parts.append("</g>")
    if chart.marks:
        parts.append(f'<text class="lane-label" x="{left}%" y="{chart.marks_top - 4}">'
                     f"Events</text>\n<g class=\"marks\">")
        parts.extend(_mark(mark, chart) for mark in chart.marks)
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _mark(mark: Mark, chart: Timeline) -> str:
    lines = "".join(
        f'<text class="tip-text{" tip-first" if number == 0 else ""}" x="{mark.x}%" dx="8" '
        f'y="{20 + number * chart.tip_line}">{_text(line)}</text>'
        for number, line in enumerate(mark.lines))
    kind = "mark mark-problem" if mark.problem else "mark"
    # A problem's mark is a ring around the dot: told apart by shape, not colour alone.
    ring = (f'<circle class="mark-ring" cx="{mark.x}%" cy="{mark.y}" r="8"/>'
            if mark.problem else "")
    return (f'<a class="{kind}" href="#{mark.anchor}" aria-label="{_text(mark.text)}">'
            f"{ring}"
            f'<circle class="mark-hit" cx="{mark.x}%" cy="{mark.y}" r="9"/>'
            f'<circle class="mark-dot" cx="{mark.x}%" cy="{mark.y}" r="5"/>'
            f'<g class="tip" transform="translate({mark.tip_shift} 0)">'
            f'<rect class="tip-box" x="{mark.x}%" y="2" width="{mark.tip_width}" '
            f'height="{chart.tip_band - 8}" rx="4"/>{lines}</g></a>')
