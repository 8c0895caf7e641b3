"""WCAG 2.2 AA contrast of the style sheet's colours, computed from its variables, both themes.

Text needs 4.5:1 (success criterion 1.4.3); focus rings, chart bars and marks, and control
borders need 3:1 against what they sit on (1.4.11). Relative luminance and contrast ratio
as WCAG defines them.
"""

from __future__ import annotations

import re

import pytest

from specrepo.site.build import asset
from specrepo.site.statuses import TONES

CSS = asset("site.css").decode()
VARIABLE = re.compile(r"--([a-z0-9-]+):\s*(#[0-9a-f]{6});")


def themes() -> dict[str, dict[str, str]]:
    light_block = CSS[CSS.index(":root {"):CSS.index("}", CSS.index(":root {"))]
    dark_start = CSS.index("@media (prefers-color-scheme: dark)")
    dark_block = CSS[dark_start:CSS.index("}", dark_start)]
    light = dict(VARIABLE.findall(light_block))
    return {"light": light, "dark": {**light, **dict(VARIABLE.findall(dark_block))}}


def luminance(colour: str) -> float:
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
              for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TEXT_PAIRS = [
    ("text", "bg"), ("text", "surface"), ("text", "surface-strong"), ("text", "lane"),
    ("text", "target"), ("muted", "bg"), ("muted", "surface"), ("link", "bg"),
    ("link", "surface"), ("tip-text", "tip-bg"),
    *[(f"tone-{tone}-text", f"tone-{tone}-bg") for tone in TONES],
    # States, results and approvals are coloured text on the page and in the facts box.
    *[(f"tone-{tone}-text", ground) for tone in ("approved", "rejected", "review")
      for ground in ("bg", "surface")],
]
GRAPHIC_PAIRS = [
    ("focus", "bg"), ("focus", "surface"), ("focus", "surface-strong"), ("mark", "bg"),
    ("mark", "lane"), ("muted", "bg"),
    *[(f"tone-{tone}-bar", ground) for tone in TONES for ground in ("bg", "lane")],
]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_has_at_least_4_5_to_1_contrast(theme: str) -> None:
    colours = themes()[theme]
    low = {f"{fore} on {back}": round(contrast(colours[fore], colours[back]), 2)
           for fore, back in TEXT_PAIRS if contrast(colours[fore], colours[back]) < 4.5}
    assert low == {}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_rings_bars_marks_and_borders_have_at_least_3_to_1(theme: str) -> None:
    colours = themes()[theme]
    low = {f"{fore} on {back}": round(contrast(colours[fore], colours[back]), 2)
           for fore, back in GRAPHIC_PAIRS if contrast(colours[fore], colours[back]) < 3}
    assert low == {}


def test_every_tone_has_its_colours_in_both_themes_and_its_rules() -> None:
    light, dark = themes()["light"], dict(VARIABLE.findall(
        CSS[CSS.index("@media (prefers-color-scheme: dark)"):]))
    for tone in TONES:
        for part in ("text", "bg", "bar"):
            assert f"tone-{tone}-{part}" in light and f"tone-{tone}-{part}" in dark, tone
        assert f".tone-{tone} {{" in CSS and f".bar.tone-{tone} {{" in CSS, tone


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
    assert contrast("#123456", "#123456") == 1.0
