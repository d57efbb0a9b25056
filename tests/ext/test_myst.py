"""reST and MyST give the same doctree for every directive, role and option.

Each root has twin pages: the same content written in reST, in MyST with
backtick fences and (``twins``) in MyST with colon fences. The pickled doctrees
are compared after dropping what legitimately differs: ``source``/``line``
attributes, the page title (and its ids/names), ``refdoc`` of cross-references,
and the ``-rst``/``-md``/``-colon`` suffix of ``:name:`` values (names must be
unique in a project).
"""

from __future__ import annotations

import difflib
import re

import pytest
from docutils import nodes

from sphinxext_seml.ext.badges import seml_badge

TWINS = [
    ("twins", "twin_rst", "twin_md"),
    ("twins", "twin_rst", "twin_colon"),
    ("badges", "badges_rst", "badges_md"),
    ("entry", "entry_rst", "entry_md"),
]


def normalised(doctree: nodes.document) -> str:
    tree = doctree.deepcopy()
    for node in tree.findall(nodes.Element):
        for attr in ("source", "line", "refdoc"):
            node.attributes.pop(attr, None)
    top = next(iter(tree.findall(nodes.section)))
    top["ids"] = ["PAGE"]
    top["names"] = ["page"]
    title = top[0]
    assert isinstance(title, nodes.title)
    top[0] = nodes.title("", "PAGE TITLE")
    return re.sub(r"-(rst|md|colon)\b", "-VARIANT", tree.pformat())


@pytest.fixture(scope="module")
def doctrees(shared_build):
    def get(root: str, docname: str) -> nodes.document:
        return shared_build(root, "html").app.env.get_doctree(docname)

    return get


@pytest.mark.parametrize(("root", "rst", "md"), TWINS, ids=[f"{r}-{m}" for r, _, m in TWINS])
def test_same_doctree(doctrees, root, rst, md) -> None:
    left = normalised(doctrees(root, rst))
    right = normalised(doctrees(root, md))
    diff = "\n".join(
        difflib.unified_diff(left.splitlines(), right.splitlines(), rst, md, lineterm="")
    )
    assert left == right, diff


@pytest.mark.parametrize("docname", ["twin_rst", "twin_md", "twin_colon"])
def test_twins_really_use_every_feature(doctrees, docname) -> None:
    # the comparison above means something only if both sides rendered the directives
    tree = doctrees("twins", docname)
    badges = list(tree.findall(seml_badge))
    assert len(badges) > 100
    classes = {c for node in tree.findall(nodes.Element) for c in node["classes"]}
    for cls in (
        "seml-style-bullets",
        "seml-style-enumerated",
        "seml-style-table",
        "seml-style-cards",
        "seml-entry-detail",
        "seml-empty",
        "seml-legend-box",
        "seml-category",
        "further-reading",
        "my-entry",
    ):
        assert cls in classes, cls
    assert not list(tree.findall(nodes.system_message))
    assert not list(tree.findall(nodes.problematic))
    # every seml-list of the page (the role paragraph aside) sits in its own section
    sections = [s for s in tree.findall(nodes.section) if s["ids"][0] != "seml-category-overviews"]
    assert len(sections) > 25


def test_source_lines_are_kept(doctrees) -> None:
    # locations matter for warnings: directive output carries the directive's line
    for docname, line in (("entry_rst", 7), ("entry_md", 5)):
        tree = doctrees("entry", docname)
        detail = next(
            n for n in tree.findall(nodes.container) if "seml-entry-detail" in n["classes"]
        )
        assert detail.line == line, docname
        assert detail.source.endswith(docname.replace("_md", "_md.md").replace("_rst", "_rst.rst"))
