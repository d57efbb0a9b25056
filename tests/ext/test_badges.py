"""Flag badges: ``:seml:badge:`` / ``:seml-badge:`` (reST) and ``{seml:badge}`` /
``{seml-badge}`` (MyST), root ``badges``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinxext_seml.catalogue.builtin import load_builtin

FLAGS = load_builtin().flags


def tooltip(label: str, slug: str) -> str:
    """The label, then the flag's description when it has one."""
    description = FLAGS[slug].description
    return f"{label}: {description}" if description else label


PAGES = {"badges_rst": "badges_rst.rst", "badges_md": "badges_md.md"}
# (role text as written, line) of the unknown flags in each page
UNKNOWN = {
    "badges_rst": [(":seml:badge:`must-reed`", 10), (":seml-badge:`sciency`", 12)],
    "badges_md": [("{seml:badge}`must-reed`", 9), ("{seml-badge}`sciency`", 11)],
}
OVERRIDES = {
    "seml_badges": {
        "must-read": {"label": "Essential", "color": "#ffd54f", "text_color": "#333"},
        "scientific": "R&D <b>#1</b> 100%",
    }
}
BAD_COLOUR = {"seml_badges": {"must-read": {"color": "red; background:url(x)"}}}


@pytest.fixture(scope="module")
def built(shared_build):
    return shared_build("badges", "html")


@pytest.fixture(params=list(PAGES))
def docname(request):
    return request.param


def paragraph(page, start: str):
    found = [p for p in page.find_all("p") if p.text().startswith(start)]
    assert len(found) == 1, start
    return found[0]


def badges_in(element):
    return element.find_all("span", cls="seml-badge")


def test_badge_html(built, docname) -> None:
    para = paragraph(built.html(docname), "By slug:")
    must, sci = badges_in(para)
    assert must.classes == ["seml-badge", "seml-badge-must-read"]
    assert sci.classes == ["seml-badge", "seml-badge-scientific"]
    # visible text, not only an emoji
    assert must.find(cls="seml-badge-label").text() == "Must-read"
    assert sci.find(cls="seml-badge-label").text() == "Scientific"
    assert para.text() == "By slug: ⭐Must-read and 🎓Scientific."
    # a tooltip: the label, with the flag's description when it has one
    assert must.attrs["title"] == tooltip("Must-read", "must-read")
    assert sci.attrs["title"] == "Scientific: Scientific publication"
    # the emoji is decoration for screen readers
    for badge, emoji in ((must, "⭐"), (sci, "🎓")):
        icon = badge.find(cls="seml-badge-emoji")
        assert icon.text() == emoji
        assert icon.attrs["aria-hidden"] == "true"
    assert "style" not in must.attrs


@pytest.mark.parametrize("start", ["By label:", "By alias:"])
def test_badge_by_label_and_alias(built, docname, start) -> None:
    para = paragraph(built.html(docname), start)
    assert [b.classes[1] for b in badges_in(para)] == [
        "seml-badge-must-read",
        "seml-badge-scientific",
    ]


def test_unknown_flag_is_located_and_visible(built, docname) -> None:
    page = built.html(docname)
    for (raw, line), start, name, close in zip(
        UNKNOWN[docname],
        ["Unknown:", "Also unknown:"],
        ["must-reed", "sciency"],
        ["must-read", "scientific"],
        strict=True,
    ):
        role = "seml:badge" if "seml:badge" in raw else "seml-badge"
        expected = (
            f"{PAGES[docname]}:{line}: WARNING: {role}: unknown flag {name!r};"
            f" did you mean {close!r}? [seml.unknown_flag]"
        )
        assert expected in built.warnings
        para = paragraph(page, start)
        assert badges_in(para) == []
        problem = para.find("span", cls="problematic")
        assert problem is not None
        # the reader sees what was written, never a silently dropped word
        assert name in problem.text()
        assert "badge" in problem.text()
        assert raw.endswith(f"`{name}`")


def test_only_the_unknown_flags_warn(built) -> None:
    assert len(built.warnings) == 4
    assert all(w.endswith("[seml.unknown_flag]") for w in built.warnings)


def test_badges_in_text_output(shared_build) -> None:
    built = shared_build("badges", "text")
    text = built.read("badges_rst.txt")
    assert "By slug: [Must-read] and [Scientific]." in text
    assert "⭐" not in text
    assert built.read("badges_md.txt").count("[Must-read]") == 3


def test_badges_in_latex(shared_build) -> None:
    built = shared_build("badges", "latex")
    tex = next(Path(built.outdir).glob("*.tex")).read_text(encoding="utf-8")
    must = r"\fcolorbox[HTML]{E0B73C}[HTML]{FFF1C2}{\textcolor[HTML]{5C4300}"
    assert tex.count(must) == 6
    assert r"\scriptsize\sffamily Must\sphinxhyphen{}read}}" in tex
    assert "⭐" not in tex
    assert "🎓" not in tex


# -- seml_badges ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def overridden(shared_build):
    return shared_build("badges", "html", confoverrides=OVERRIDES)


def test_badge_override_html(overridden, docname) -> None:
    assert [w for w in overridden.warnings if "[seml.config]" in w] == []
    para = paragraph(overridden.html(docname), "By slug:")
    must, sci = badges_in(para)
    assert must.find(cls="seml-badge-label").text() == "Essential"
    assert must.attrs["title"] == tooltip("Essential", "must-read")
    assert must.attrs["style"] == "background-color: #ffd54f; color: #333"
    # a label is text: markup in it is shown, never interpreted
    assert sci.find(cls="seml-badge-label").text() == "R&D <b>#1</b> 100%"
    assert sci.find("b") is None
    assert "seml-badge-must-read" in must.classes


def test_badge_override_latex(shared_build) -> None:
    built = shared_build("badges", "latex", confoverrides=OVERRIDES)
    tex = next(Path(built.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert (
        tex.count(
            r"\fcolorbox[HTML]{333333}[HTML]{FFD54F}{\textcolor[HTML]{333333}"
            r"{\scriptsize\sffamily Essential}}"
        )
        == 6
    )
    # LaTeX special characters of a label are escaped
    assert (
        r"\scriptsize\sffamily R\&D \textless{}b\textgreater{}\#1\textless{}/b\textgreater{}"
        r" 100\%}}"
    ) in tex
    assert "Must\\sphinxhyphen{}read" not in tex


def test_bad_colour_is_rejected(shared_build, docname) -> None:
    built = shared_build("badges", "html", confoverrides=BAD_COLOUR)
    assert (
        "WARNING: seml_badges['must-read']['color'] must be a CSS colour such as"
        " '#ffd54f', not 'red; background:url(x)'. [seml.config]"
    ) in built.warnings
    html = built.read(f"{docname}.html")
    assert "url(x)" not in html
    must = badges_in(paragraph(built.html(docname), "By slug:"))[0]
    assert "style" not in must.attrs
    assert must.find(cls="seml-badge-label").text() == "Must-read"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("gold", None),
        ("rgb(255, 213, 79)", None),
        ("#ffd54f", None),
        ("expression(alert(1))", "must be a CSS colour"),
        ("#ffd54f;}body{display:none", "must be a CSS colour"),
    ],
)
def test_colour_values(shared_build, value, message) -> None:
    overrides = {"seml_badges": {"must-read": {"color": value}}}
    built = shared_build("badges", "html", confoverrides=overrides)
    config = [w for w in built.warnings if "[seml.config]" in w]
    html = built.read("badges_rst.html")
    styles = re.findall(r'<span class="seml-badge seml-badge-must-read"[^>]*>', html)
    if message is None:
        assert config == []
        assert all(f'style="background-color: {value}"' in s for s in styles)
    else:
        assert len(config) == 1
        assert message in config[0]
        assert all("style=" not in s for s in styles)
