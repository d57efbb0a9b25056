"""Our HTML in five themes, light and dark, measured in headless Chromium (root ``themes``).

Each theme builds the sample page once (every list style, badges, a seml-entry,
citations, a catalogue legend and a bibliography); each theme and mode then loads it
once and measures from the browser's computed styles:

- every badge's text against its own background: WCAG AA, at least 4.5:1;
- every text of ours against the nearest opaque background (with the opacity on the
  way): AA too (3:1 for large text). Link and inline-code colours belong to the theme
  and only have to reach 3:1 (sphinx-rtd-theme's link blue is 4.2:1 on its page);
- nothing of ours wider than its box or sticking out of its parent, on a desktop
  window and on a phone-sized one;
- tooltips: badges and citation links carry a title, which Chromium's accessibility
  tree exposes to screen readers; the keyboard reaches the citation links (and the
  badges, once they are focusable).

Dark mode is switched the theme's own way: furo's ``localStorage.theme`` (body
``data-theme``), pydata-sphinx-theme's and sphinx-book-theme's ``localStorage.mode``
(html ``data-theme``), with the system preference emulated dark as well. alabaster
and sphinx-rtd-theme have no dark mode: there the system preference is dark and the
badges must stay light on the light page. ``auto`` (theme default, system dark) is
checked for the themes that follow the system.

With ``SEML_SAVE_SCREENSHOTS=1`` the screenshots go to ``docs/_static/screenshots/``
(shown by ``docs/explanation/themes.md``); otherwise to a temporary directory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from semltest.themes import MODES, THEMES, Theme, storage_script

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MEASURE = (Path(__file__).parent / "measure.js").read_text(encoding="utf-8")
SCREENSHOTS = ROOT / "docs" / "_static" / "screenshots"
DESKTOP = (1000, 900)
PHONE = (420, 860)
SHOT_HEIGHT = 960


#: Themes that follow the system's colour scheme by default.
AUTO = [name for name, theme in THEMES.items() if theme.storage is not None]


def case_id(case: tuple[str, str]) -> str:
    return f"{THEMES[case[0]].dist}-{case[1]}"


def _channels(colour: str) -> list[float]:
    """``#rrggbb`` or an opaque ``rgb(r, g, b)`` as three 0-1 values."""
    if colour.startswith("#"):
        return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    numbers = colour[colour.index("(") + 1 : colour.index(")")].replace(",", " ").split()
    return [float(n) / 255 for n in numbers[:3]]


def _luminance(colour: str) -> float:
    channels = _channels(colour)
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _ratio(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# -- builds and measurements, once per session ---------------------------------------------


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    if os.environ.get("SEML_SAVE_SCREENSHOTS") == "1":
        return SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


def _load(chromium, site, theme: Theme, mode: str, size: tuple[int, int]) -> None:
    chromium.viewport(*size)
    chromium.color_scheme("light" if mode == "light" else "dark")
    url = (site.outdir / "index.html").as_uri()
    chromium.open(url, before_scripts=storage_script(theme, mode))


def _tab_through(chromium, start: str, count: int) -> list[dict[str, Any]]:
    """Start at the heading ``start`` (a CSS selector), press Tab ``count`` times; what
    got the focus each time, leaving out the headings' permalinks (some themes show
    them only on hover)."""
    assert chromium.evaluate(f"!!document.querySelector({start!r})"), start
    # A focused heading is where sequential navigation goes on from, as after a click.
    chromium.evaluate(
        f"(() => {{ const h = document.querySelector({start!r}); "
        "h.setAttribute('tabindex', '-1'); h.focus(); })()"
    )
    focused = []
    for _ in range(count):
        chromium.press_tab()
        focused.append(
            chromium.evaluate(
                """(() => {
                  const el = document.activeElement;
                  const style = getComputedStyle(el);
                  const after = getComputedStyle(el, "::after");
                  const tip = after.content;
                  return {
                    tag: el.tagName.toLowerCase(),
                    classes: [...el.classList],
                    citation: !!el.closest(".seml-citation"),
                    badge: el.classList.contains("seml-badge"),
                    text: el.textContent.trim(),
                    title: el.getAttribute("title") || "",
                    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
                    shadow: style.boxShadow !== "none",
                    tooltip: tip && tip !== "none" && tip !== "normal" ? tip : "",
                    tooltipColours: [after.color, after.backgroundColor],
                  };
                })()"""
            )
        )
    return [f for f in focused if "headerlink" not in f["classes"]]


#: Each reference of the bibliography: its label's box and its text's box.
REFERENCES = """(() => {
  // the box of an element's first character: same font, same baseline -> same bottom
  const firstChar = el => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT,
      {acceptNode: n => n.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
    const text = walk.nextNode(), range = document.createRange();
    const at = text.data.search(/\\S/);
    range.setStart(text, at); range.setEnd(text, at + 1);
    return range.getBoundingClientRect();
  };
  return [...document.querySelectorAll("dl.seml-references > dt")].map(dt => {
    const dd = dt.nextElementSibling, a = dt.getBoundingClientRect(),
          b = dd.getBoundingClientRect();
    return {label: dt.textContent.trim(), right: a.right, left: a.left, textLeft: b.left,
            labelBottom: firstChar(dt).bottom, textBottom: firstChar(dd).bottom,
            weight: getComputedStyle(dt).fontWeight};
  });
})()"""


def _shoot_references(chromium, path: Path) -> None:
    box = chromium.evaluate(
        """(() => { const r = document.querySelector(".seml-bibliography")
                      .getBoundingClientRect();
                    return {x: r.left + scrollX, y: r.top + scrollY, w: r.width,
                            h: r.height}; })()"""
    )
    clip = {"x": 0, "y": max(0, box["y"] - 60), "width": DESKTOP[0], "height": box["h"] + 80}
    chromium.screenshot(path, {**clip, "scale": 1})


_measured: dict[tuple[str, str], dict[str, Any]] = {}


@pytest.fixture
def measured(request, chromium, theme_site, screenshot_dir) -> dict[str, Any]:
    """Everything measured for one (theme, mode), computed on first use."""
    name, mode = request.param
    key = (name, mode)
    if key not in _measured:
        theme = THEMES[name]
        site = theme_site(name)
        _load(chromium, site, theme, mode, DESKTOP)
        result: dict[str, Any] = chromium.evaluate(MEASURE)
        result["warnings"] = site.warnings
        result["ax_badges"] = chromium.accessible(".seml-badge")
        result["ax_citations"] = chromium.accessible(".seml-citation a")
        if mode != "auto":
            shot = screenshot_dir / f"{theme.dist}-{mode}.png"
            height = min(SHOT_HEIGHT, chromium.evaluate("document.documentElement.scrollHeight"))
            chromium.screenshot(
                shot, {"x": 0, "y": 0, "width": DESKTOP[0], "height": height, "scale": 1}
            )
            result["screenshot"] = shot
            _shoot_references(chromium, screenshot_dir / f"{theme.dist}-{mode}-references.png")
        result["references"] = chromium.evaluate(REFERENCES)
        result["keyboard_citations"] = _tab_through(chromium, "#citations > h2", 6)
        result["keyboard_badges"] = _tab_through(chromium, "#reading-lists-in-every-theme > h1", 3)
        _load(chromium, site, theme, mode, PHONE)
        result["phone"] = chromium.evaluate(MEASURE)
        _measured[key] = result
    return _measured[key]


def cases(modes: tuple[str, ...] = MODES, themes: list[str] | None = None):
    """Parametrize ``measured`` indirectly over (theme, mode)."""
    chosen = [(t, m) for t in (themes or list(THEMES)) for m in modes]
    return pytest.mark.parametrize(
        "measured", chosen, ids=[case_id(c) for c in chosen], indirect=True
    )


def _show(items: list[dict[str, Any]]) -> str:
    return json.dumps(items[:8], indent=1, ensure_ascii=False)


# -- the checks ------------------------------------------------------------------------------


@cases()
def test_builds_without_seml_warnings(measured) -> None:
    assert [w for w in measured["warnings"] if "seml" in w] == []


@cases()
def test_mode_applied(request, measured) -> None:
    name, mode = request.node.callspec.params["measured"]
    theme = THEMES[name]
    canvas = _luminance(measured["theme"]["canvas"])
    if mode == "dark" and theme.marker is not None:
        attribute = "htmlTheme" if theme.marker == "html" else "bodyTheme"
        assert measured["theme"][attribute] == "dark"
        assert canvas < 0.05, measured["theme"]
    else:  # light, or a theme without a dark mode: a light page
        assert canvas > 0.8, measured["theme"]


@cases()
def test_badge_contrast(measured) -> None:
    badges = measured["badges"]
    assert len(badges) >= 30
    low = [b for b in badges if b["ratio"] < 4.5]
    assert not low, _show(low)


@cases()
def test_badges_match_the_page(request, measured) -> None:
    """Light badges on a light page, dark ones on a dark page: never a dark badge on
    alabaster's or sphinx-rtd-theme's white page because the system is dark."""
    page_dark = _luminance(measured["theme"]["canvas"]) < 0.2
    for badge in measured["badges"]:
        assert (_luminance(badge["ownBackground"]) < 0.2) == page_dark, badge


@cases()
def test_text_contrast(measured) -> None:
    texts = measured["texts"]
    assert len(texts) >= 50
    ours = [t for t in texts if not t["themed"] and t["ratio"] < t["required"]]
    assert not ours, _show(ours)
    # Link and inline-code colours are the theme's; they must stay readable at least.
    themed = [t for t in texts if t["themed"] and t["ratio"] < 3]
    assert not themed, _show(themed)


@cases()
def test_reference_labels_hang_beside_their_references(measured) -> None:
    """``[1]`` on the first line of its reference, to its left and on the same baseline,
    the references aligned after the widest label: not on a line of its own above it."""
    refs = measured["references"]
    assert [r["label"] for r in refs] == ["[1]", "[2]", "[3]", "[4]"]
    for ref in refs:
        assert abs(ref["labelBottom"] - ref["textBottom"]) <= 1, ref
        assert ref["right"] <= ref["textLeft"], ref
        assert ref["weight"] in ("400", "normal"), ref
    assert len({round(r["textLeft"]) for r in refs}) == 1, refs
    assert len({round(r["left"]) for r in refs}) == 1, refs


@cases()
def test_no_overflow(measured) -> None:
    assert measured["overflow"] == [], _show(measured["overflow"])


@cases()
def test_no_overflow_on_a_phone(measured) -> None:
    assert measured["phone"]["overflow"] == [], _show(measured["phone"]["overflow"])


@cases()
def test_tooltips_exposed(measured) -> None:
    for badge in measured["badges"]:
        assert badge["title"].startswith(badge["text"].lstrip("⭐🎓 ")), badge
    assert len(measured["citations"]) == 4
    for citation in measured["citations"]:
        assert citation["title"], citation
    # What Chromium tells a screen reader: the tooltip as name or description.
    assert measured["ax_badges"]
    for node, badge in zip(measured["ax_badges"], measured["badges"], strict=False):
        told = f"{node['name']} {node['description']}"
        assert badge["title"] in told, node
    for node, citation in zip(measured["ax_citations"], measured["citations"], strict=True):
        assert node["role"] == "link", node
        assert citation["title"] in f"{node['name']} {node['description']}", node


@cases()
def test_keyboard_reaches_citations(measured) -> None:
    focused = measured["keyboard_citations"]
    links = [f for f in focused if f["citation"]]
    assert [f["text"] for f in links][:4] == [c["text"] for c in measured["citations"]]
    assert focused[0]["citation"], "the first Tab after the heading goes to a citation"
    for link in links:
        assert link["title"]
        assert link["outline"] or link["shadow"], f"no visible focus: {link}"


@cases()
def test_keyboard_reaches_badges(measured) -> None:
    focused = measured["keyboard_badges"][:2]
    assert [f["badge"] for f in focused] == [True, True], focused
    for badge in focused:
        assert badge["outline"], badge
        # the stylesheet shows the tooltip of a focused badge (::after, the title)
        assert badge["title"], badge
        assert badge["title"] in badge["tooltip"], badge
        assert _ratio(*badge["tooltipColours"]) >= 4.5, badge


@cases(modes=("auto",), themes=AUTO)
def test_system_dark_mode(measured) -> None:
    """Theme left on its default (follow the system), system dark: dark page, dark
    badges, contrast kept."""
    assert _luminance(measured["theme"]["canvas"]) < 0.05, measured["theme"]
    assert all(_luminance(b["ownBackground"]) < 0.2 for b in measured["badges"])
    low = [b for b in measured["badges"] if b["ratio"] < 4.5]
    assert not low, _show(low)
    ours = [t for t in measured["texts"] if not t["themed"] and t["ratio"] < t["required"]]
    assert not ours, _show(ours)


@cases()
def test_screenshot_saved(measured) -> None:
    shot: Path = measured["screenshot"]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width == DESKTOP[0]
    assert len(data) < 400_000
