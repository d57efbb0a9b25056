"""A headless Chromium driven over the Chrome DevTools Protocol, for the browser tests.

No browser download and no driver package: the system's Chromium (Debian's
``chromium``, which ``.ci/run`` installs) is started with ``--remote-debugging-pipe``
and spoken to over its two pipes (file descriptors 3 and 4, JSON messages ending
with a NUL byte). ``SEML_CHROMIUM`` names another executable. Where there is none,
the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from semltest.themes import THEMES

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from semltest.citations import Build

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)

#: Keys :meth:`Chromium.press` knows: key -> (code, virtual key code, text it types).
KEYS = {
    "Tab": ("Tab", 9, ""),
    "Enter": ("Enter", 13, "\r"),
    " ": ("Space", 32, " "),
    "Escape": ("Escape", 27, ""),
    "Backspace": ("Backspace", 8, ""),
}


def find_chromium() -> str | None:
    """The Chromium executable: ``$SEML_CHROMIUM``, else the first one on the system."""
    named = os.environ.get("SEML_CHROMIUM")
    if named:
        return named if Path(named).exists() else shutil.which(named)
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    """Chromium answered a command with an error, or went away."""


class Chromium:
    """One headless Chromium process with one page (tab) to drive."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="seml-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child() -> None:  # in the child, before exec: the pipes become fds 3 and 4
            read_end, write_end = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._proc = subprocess.Popen(  # only fds 3 and 4 are inheritable (PEP 446)
            [executable, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child,
            close_fds=False,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session = ""
        self.version = self.send("Browser.getVersion", session=False)["product"]
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        self.session = self.send(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )["sessionId"]
        for domain in ("Page", "Runtime", "DOM", "Accessibility"):
            self.send(f"{domain}.enable")

    # -- the protocol -------------------------------------------------------------------

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("no answer from Chromium in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise CDPError(f"Chromium exited (code {self._proc.poll()})")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: bool = True
    ) -> dict[str, Any]:
        """Send one command (to the page's session unless ``session=False``), return
        its result; events that arrive meanwhile are kept in :attr:`events`."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise CDPError(f"{method}: {answer['error'].get('message')}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_event(self, method: str) -> dict[str, Any]:
        """The next event ``method`` (one already received counts)."""
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[i]
                    params: dict[str, Any] = event.get("params", {})
                    return params
            self.events.append(self._message(deadline))

    # -- what the tests use -------------------------------------------------------------

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if it is a promise)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise CDPError(f"JavaScript error: {text}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def color_scheme(self, scheme: str) -> None:
        """Emulate ``prefers-color-scheme`` (``light`` or ``dark``)."""
        self.send(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )

    def open(self, url: str, *, before_scripts: str = "") -> None:
        """Load ``url`` and wait for its load event (and fonts); ``before_scripts`` runs
        in the page before any of its own scripts (to set ``localStorage``, say)."""
        script_id = None
        if before_scripts:
            script_id = self.send(
                "Page.addScriptToEvaluateOnNewDocument", {"source": before_scripts}
            )["identifier"]
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")
        if script_id is not None:
            self.send("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script_id})
        self.evaluate(
            "document.fonts.ready.then(() => new Promise("
            "r => requestAnimationFrame(() => requestAnimationFrame(r))))"
        )

    def press_tab(self) -> None:
        self.press("Tab")

    def press(self, key: str) -> None:
        """Press and release one key of :data:`KEYS` as a keyboard would (the page
        gets keydown, keypress for Space and Enter, and keyup)."""
        code, number, text = KEYS[key]
        down: dict[str, Any] = {"key": key, "code": code, "windowsVirtualKeyCode": number}
        down["nativeVirtualKeyCode"] = number
        if text:
            down.update(type="keyDown", text=text, unmodifiedText=text)
        else:
            down["type"] = "rawKeyDown"
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {**down, "type": "keyUp", "text": ""})

    def click(self, selector: str) -> None:
        """Click the middle of the first element ``selector`` matches, with the mouse
        (scrolled into view first)."""
        where = self.evaluate(
            f"(() => {{ const el = document.querySelector({selector!r}); "
            # instant: a theme's smooth scrolling would move it after it is measured
            "el.scrollIntoView({block: 'center', behavior: 'instant'}); "
            "const r = el.getBoundingClientRect(); "
            "return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": where[0], "y": where[1], "button": "left", "clickCount": 1},
            )

    def type_text(self, text: str) -> None:
        """Type ``text`` into the focused element, as a keyboard's characters."""
        for char in text:
            self.send("Input.dispatchKeyEvent", {"type": "char", "text": char, "key": char})

    def scripts(self, *, enabled: bool) -> None:
        """Turn JavaScript on or off for the pages loaded next."""
        self.send("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    def accessible(self, selector: str) -> list[dict[str, str]]:
        """Role, name and description of the elements ``selector`` matches, from
        Chromium's accessibility tree (what a screen reader is told)."""
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        ids = self.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
        out = []
        for node_id in ids["nodeIds"]:
            tree = self.send(
                "Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False}
            )
            node = tree["nodes"][0] if tree["nodes"] else {}
            out.append(
                {
                    "role": str(node.get("role", {}).get("value", "")),
                    "name": str(node.get("name", {}).get("value", "")),
                    "description": str(node.get("description", {}).get("value", "")),
                    "ignored": str(node.get("ignored", False)),
                }
            )
        return out

    def screenshot(self, path: Path, clip: dict[str, float]) -> None:
        data = self.send(
            "Page.captureScreenshot",
            {"format": "png", "clip": clip, "captureBeyondViewport": True},
        )["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(CDPError, OSError):
            self.send("Browser.close", session=False)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._profile.cleanup()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Chromium]:
    """A headless Chromium for the session; skipped where none is installed."""
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no Chromium found (install Debian's 'chromium' package as .ci/run does, or set "
            "SEML_CHROMIUM to a Chromium or Chrome executable)"
        )
    browser = Chromium(executable)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def theme_site(shared_build) -> Callable[[str], Build]:
    """``theme_site(name)`` -> the sample project (root ``themes``) built with that theme,
    once per session; skipped where the theme is not installed."""

    def build(name: str) -> Build:
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"theme {THEMES[name].dist} is not installed (pip install -e .[themes])")
        built: Build = shared_build("themes", "html", confoverrides={"html_theme": name})
        return built

    return build
