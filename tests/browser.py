"""A page as a person sees it: headless Chromium driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: messages on fds 3 and 4, NUL-terminated JSON), standard library only.

open_page(path) loads a local file with no network at all (a proxy that goes nowhere, on top of
the page's own Content Security Policy), waits for the load, and returns what a test asserts on:
the console messages and uncaught errors, every request the page made, the page's height and the
number of drawn charts, a PNG screenshot and the page printed to PDF (A4, the print stylesheet)."""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class Page:
    console: list[tuple[str, str]] = field(default_factory=list)  # (level, text)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions, failed loads
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    height: int = 0
    charts: int = 0  # <svg> elements with a drawn size
    text: str = ""  # document.body.innerText
    screenshot: bytes = b""
    pdf: bytes = b""


class DevTools:
    def __init__(self, executable: str, profile: Path) -> None:
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()

        def wire() -> None:  # in the child: the pipe ends on the fds Chromium expects (copies
            # first: either end may itself be fd 3 or 4); subprocess closes all but pass_fds afterwards
            reading, writing = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",  # CI containers run as root
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--proxy-server=127.0.0.1:9",  # any request that escapes the CSP goes nowhere
                "--proxy-bypass-list=<-loopback>",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            pass_fds=(3, 4),
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, timeout: float = 30, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for reply in self._messages(deadline):
                if reply.get("id") == self._next:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply.get("result", {})
                self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.events += list(self._messages(deadline))

    def _messages(self, deadline: float) -> list[dict[str, Any]]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self._read], [], [], left)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self._buffer += chunk
        *done, self._buffer = self._buffer.split(b"\0")
        return [json.loads(d) for d in done if d]

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        os.close(self._read)


def open_page(path: Path, executable: str, width: int = 1100) -> Page:
    url = path.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="normcheck-chromium-") as profile:
        tools = DevTools(executable, Path(profile))
        try:
            target = tools.send("Target.createTarget", url="about:blank")["targetId"]
            session = tools.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                tools.send(f"{domain}.enable", session)
            tools.send(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=width,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            tools.events.clear()
            tools.send("Page.navigate", session, url=url)
            tools.wait_for("Page.loadEventFired")
            page = Page()

            def value(expression: str) -> Any:
                return tools.send("Runtime.evaluate", session, expression=expression, returnByValue=True)["result"].get(
                    "value"
                )

            page.height = int(value("document.documentElement.scrollHeight"))
            page.charts = int(
                value("[...document.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().height > 20).length")
            )
            page.text = str(value("document.body.innerText"))
            shot = tools.send(
                "Page.captureScreenshot",
                session,
                format="png",
                clip={"x": 0, "y": 0, "width": width, "height": min(page.height, 1500), "scale": 1},
                captureBeyondViewport=True,
            )
            page.screenshot = base64.b64decode(shot["data"])
            printed = tools.send("Page.printToPDF", session, timeout=60, preferCSSPageSize=True, printBackground=True)
            page.pdf = base64.b64decode(printed["data"])
            for event in tools.events:
                method, params = event.get("method"), event.get("params", {})
                if method == "Runtime.consoleAPICalled":
                    text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                    page.console.append((params.get("type", ""), text))
                elif method == "Runtime.exceptionThrown":
                    page.errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
                elif method == "Log.entryAdded":
                    entry = params.get("entry", {})
                    page.console.append((entry.get("level", ""), entry.get("text", "")))
                elif method == "Network.requestWillBeSent":
                    page.requests.append(params.get("request", {}).get("url", ""))
                elif method == "Network.loadingFailed":
                    page.errors.append(f"loading failed: {params.get('errorText')}")
            return page
        finally:
            tools.close()
