"""``:any:`` (reST) and ``[](key)`` (MyST) links to catalogue entries (root ``anylinks``).

``shown.rst`` renders ``sculley2015hidden`` with ``seml-entry``; ``cited.rst`` cites
``breck2016whats`` into its bibliography; ``links_rst.rst`` and ``links_md.md`` link to
both by key, once with their own text, and to a key that is no entry.
"""

from __future__ import annotations

import pytest

# page -> (source, line of its link to ``nosuchentry2000``, Sphinx's words for it)
PAGES = {
    "links_rst": ("links_rst.rst:10", "'any' reference target not found: nosuchentry2000"),
    "links_md": ("links_md.md:9", "'myst' cross-reference target not found: 'nosuchentry2000'"),
}
HIDDEN_DEBT = "Hidden Technical Debt in Machine Learning Systems"
TEST_SCORE = "What’s your ML Test Score? A rubric for ML production systems"


@pytest.fixture(scope="module")
def built(shared_build):
    return shared_build("anylinks", "html")


def links(built, docname):
    page = built.html(docname)
    return [(a.attrs.get("href"), a.text().strip()) for a in page.find_all("a", cls="internal")]


@pytest.mark.parametrize("docname", PAGES)
def test_key_links_to_the_rendered_entry_with_its_title(built, docname):
    found = links(built, docname)
    assert ("shown.html#seml-sculley2015hidden", HIDDEN_DEBT) in found
    assert ("cited.html#seml-breck2016whats", TEST_SCORE) in found


@pytest.mark.parametrize("docname", PAGES)
def test_link_text_of_its_own_is_kept(built, docname):
    assert ("shown.html#seml-sculley2015hidden", "the debt paper") in links(built, docname)


@pytest.mark.parametrize("docname", PAGES)
def test_key_that_is_no_entry_is_reported_where_it_stands(built, docname):
    location, message = PAGES[docname]
    assert [w for w in built.warnings if w.startswith(location) and message in w]
    assert not [href for href, _ in links(built, docname) if ".html#seml-nosuchentry" in href]
