"""Entry URLs are reference nodes: ``sphinx-build -b linkcheck`` checks them.

Root ``linkcheck``: the test serves a local HTTP server (one page that exists,
the rest 404) and writes the root's catalogue with its address.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


class Handler(BaseHTTPRequestHandler):
    def _reply(self, body: bool) -> None:
        status = 200 if self.path in {"/alive", "/archive"} else 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._reply(body=False)

    def do_GET(self) -> None:
        self._reply(body=True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


CATALOGUE = """\
categories:
  - slug: links
    title: Links
entries:
  - key: alive
    title: A Page That Exists
    url: {base}/alive
    category: links
    archived_url: {base}/archive
  - key: dead
    title: A Page That Is Gone
    url: {base}/gone
    category: links
"""


@pytest.mark.sphinx("linkcheck", testroot="linkcheck", srcdir="linkcheck", freshenv=True)
def test_linkcheck_checks_entry_urls(server, app: SphinxTestApp) -> None:
    (Path(app.srcdir) / "links.yaml").write_text(CATALOGUE.format(base=server), encoding="utf-8")
    app.build()
    results = [
        json.loads(line)
        for line in (Path(app.outdir) / "output.json").read_text(encoding="utf-8").splitlines()
    ]
    status = {r["uri"]: r["status"] for r in results}
    assert status == {
        f"{server}/alive": "working",
        f"{server}/archive": "working",
        f"{server}/gone": "broken",
    }
    assert all(r["filename"] == "index.rst" for r in results)
    assert "gone" in (Path(app.outdir) / "output.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("linkcheck", testroot="linkcheck", srcdir="linkcheck-nolink", freshenv=True)
def test_linkcheck_has_nothing_to_check_for_an_entry_without_url(server, app) -> None:
    """Issue 14: an entry without a url has its title as text, not an empty link."""
    catalogue = CATALOGUE.format(base=server) + (
        "  - key: alive-book\n    title: A Book Without a Link\n    category: links\n"
    )
    (Path(app.srcdir) / "links.yaml").write_text(catalogue, encoding="utf-8")
    app.build()
    results = [
        json.loads(line)
        for line in (Path(app.outdir) / "output.json").read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(r["uri"] for r in results) == [
        f"{server}/alive",
        f"{server}/archive",
        f"{server}/gone",
    ]
    assert "WARNING" not in app.warning.getvalue()
