"""Pinned keys of an awesome-list README in a build (root ``readme-keys``), from reST and
MyST: ``seml_catalogues = [{"path": "README.md", "keys": ...}]`` and the default sidecar
``README.keys.yaml`` next to ``README.md`` make ``:seml:cite:`` and ``seml-entry`` resolve
the pinned key (the README alone would give ``flask``); editing the keys file and building
again picks up the new pins."""

from __future__ import annotations

import pytest
from semltest import citations as cs

DOCNAMES = ["page_rst", "page_md"]
FLASK = "https://github.com/pallets/flask"
DJANGO = "https://www.djangoproject.com/"
MAPPING = [{"path": "README.md", "keys": "README.keys.yaml"}]


def entry_box(page):
    (box,) = page.find_all(cls="seml-entry-detail")
    return box


def shown_key(box) -> str:
    dl = box.find("dl", cls="seml-fields")
    names = [dt.text().rstrip(":").strip() for dt in dl.find_all("dt")]
    values = [dd.text().strip() for dd in dl.find_all("dd")]
    return dict(zip(names, values, strict=True))["Key"]


def citation_link(page):
    citation = page.find("span", cls="seml-citation")
    assert citation is not None
    return citation.find("a")


@pytest.mark.parametrize(
    "overrides",
    [{}, {"seml_catalogues": MAPPING}, {"seml_catalogues": ["README.md"]}],
    ids=["conf-mapping", "mapping", "default-sidecar"],
)
@pytest.mark.parametrize("docname", DOCNAMES)
def test_the_pinned_key_resolves(shared_build, overrides, docname) -> None:
    built = shared_build("readme-keys", "html", confoverrides=overrides)
    assert built.warnings == []
    page = built.html(docname)
    box = entry_box(page)
    assert box.id == "seml-web-flask"
    title = box.find("a", cls="seml-title")
    assert title.text() == "Flask"
    assert title.attrs["href"] == FLASK
    assert shown_key(box) == "web-flask"
    link = citation_link(page)
    assert link.attrs["href"] == FLASK
    assert link.attrs["title"].startswith("Flask")


def test_a_mapping_names_another_keys_file(shared_build) -> None:
    # keys/other.yaml pins team-flask: the pages' web-flask is no key any more
    overrides = {"seml_catalogues": [{"path": "README.md", "keys": "keys/other.yaml"}]}
    built = shared_build("readme-keys", "html", confoverrides=overrides)
    assert built.warnings == [
        "page_md.md:5: WARNING: seml-entry: unknown entry key 'web-flask'; did you mean"
        " 'team-flask'? [seml.unknown_key]",
        "page_md.md:10: WARNING: seml:cite: unknown entry key 'web-flask'; did you mean"
        " 'team-flask'? [seml.unknown_key]",
        "page_rst.rst:7: WARNING: seml-entry: unknown entry key 'web-flask'; did you mean"
        " 'team-flask'? [seml.unknown_key]",
        "page_rst.rst:12: WARNING: seml:cite: unknown entry key 'web-flask'; did you mean"
        " 'team-flask'? [seml.unknown_key]",
    ]


def test_a_bad_source_item_is_a_warning_and_the_others_are_read(shared_build) -> None:
    built = shared_build("readme-keys", "html", confoverrides={"seml_catalogues": [*MAPPING, 7]})
    assert built.warnings == [
        # located at the line of conf.py that sets the value, overridden or not
        "conf.py:6: WARNING: seml_catalogues[1]: 7 is not a source: use a path (a string),"
        " 'entry-point:NAME' or a mapping such as"
        ' {"path": "README.md", "keys": "README.keys.yaml"}; ignoring this source.'
        " [seml.config]"
    ]
    for docname in DOCNAMES:
        assert entry_box(built.html(docname)).id == "seml-web-flask"


@pytest.mark.parametrize(
    "overrides",
    [None, {"seml_catalogues": ["README.md"]}],
    ids=["mapping", "default-sidecar"],
)
def test_editing_the_keys_file_rebuilds_with_the_new_key(tmp_path, overrides) -> None:
    srcdir = cs.copy_root("readme-keys", tmp_path / "src")
    first = cs.build(srcdir, "html", confoverrides=overrides)
    assert first.warnings == []
    assert entry_box(first.html("page_rst")).find("a", cls="seml-title").text() == "Flask"
    keys = srcdir / "README.keys.yaml"
    keys.write_text(
        f"web-flask: {DJANGO}\nweb-django: {FLASK}\n",  # the two keys swapped
        encoding="utf-8",
    )
    cs.bump_mtime(keys)
    again = cs.build(srcdir, "html", confoverrides=overrides)
    assert again.warnings == []
    for docname in DOCNAMES:
        page = again.html(docname)
        title = entry_box(page).find("a", cls="seml-title")
        assert (title.text(), title.attrs["href"]) == ("Django", DJANGO)
        assert citation_link(page).attrs["href"] == DJANGO


def test_a_keys_file_written_after_the_first_build_is_read(tmp_path) -> None:
    srcdir = cs.copy_root("readme-keys", tmp_path / "src")
    sidecar = srcdir / "README.keys.yaml"
    text = sidecar.read_text(encoding="utf-8")
    sidecar.unlink()
    overrides = {"seml_catalogues": ["README.md"]}
    first = cs.build(srcdir, "html", confoverrides=overrides)
    # without pins the README's own key, made from the link, is used
    assert any("unknown entry key 'web-flask'; did you mean 'flask'?" in w for w in first.warnings)
    sidecar.write_text(text, encoding="utf-8")
    again = cs.build(srcdir, "html", confoverrides=overrides)
    assert again.warnings == []
    for docname in DOCNAMES:
        assert entry_box(again.html(docname)).id == "seml-web-flask"
