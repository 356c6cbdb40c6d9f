"""Load a local HTML file in headless Chromium and record what the page did.

The DevTools protocol over a pipe (--remote-debugging-pipe: commands on fd 3, replies on fd 4,
each message ended by NUL) reports the page's own network requests, console messages,
uncaught exceptions and CSP refusals, and takes the screenshot. A proxy cannot tell those apart
from Chromium's background traffic (time, component and account checks), which the flags do
not fully switch off. Host names resolve to nothing, so no request could leave the machine.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

BINARIES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    return next((path for name in BINARIES if (path := shutil.which(name))), None)


@dataclass
class PageLoad:
    """What one page load did."""

    screenshot: bytes
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    console: list[str] = field(default_factory=list)  # console calls and exceptions
    log: list[str] = field(default_factory=list)  # browser log entries (CSP refusals, ...)
    stderr_console: list[str] = field(default_factory=list)  # CONSOLE / Uncaught / Refused
    title: str = ""


class _Pipe:
    def __init__(self, write_fd: int, read_fd: int, deadline: float):
        self.write_fd, self.read_fd, self.deadline = write_fd, read_fd, deadline
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def _message(self) -> dict:
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if ready:
                chunk = os.read(self.read_fd, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str) -> None:
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._message())


def _above_nine(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


def load(binary: str, url: str, profile: Path, timeout: float = 30.0) -> PageLoad:
    """Open ``url`` at 1280x2000, wait for its load event, screenshot it, close the browser."""
    to_chromium_r, to_chromium_w = os.pipe()
    from_chromium_r, from_chromium_w = os.pipe()
    # Chromium's ends go above fd 9 first, so putting them on 3 and 4 cannot clobber either.
    to_chromium_r = _above_nine(to_chromium_r)
    from_chromium_w = _above_nine(from_chromium_w)
    stderr_path = profile.parent / f"{profile.name}-stderr.txt"

    def onto_3_and_4() -> None:  # in the child, before exec: the fds Chromium reads and writes
        os.dup2(to_chromium_r, 3)
        os.dup2(from_chromium_w, 4)

    command = [
        binary,
        *FLAGS,
        f"--user-data-dir={profile}",
        "--window-size=1280,2000",
        "about:blank",
    ]
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            close_fds=False,  # only 3 and 4 are inheritable (Python opens everything else CLOEXEC)
            preexec_fn=onto_3_and_4,
        )
    os.close(to_chromium_r)
    os.close(from_chromium_w)
    pipe = _Pipe(to_chromium_w, from_chromium_r, time.monotonic() + timeout)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Network", "Runtime", "Log"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 2000, "deviceScaleFactor": 1, "mobile": False},
            session,
        )
        pipe.send("Page.navigate", {"url": url}, session)
        pipe.wait_for("Page.loadEventFired")
        shot = pipe.send("Page.captureScreenshot", {"format": "png"}, session)["data"]
        title = pipe.send(
            "Runtime.evaluate", {"expression": "document.title", "returnByValue": True}, session
        )["result"].get("value", "")
        with contextlib.suppress(RuntimeError, OSError):  # the pipe may close before the reply
            pipe.send("Browser.close")
    finally:
        os.close(to_chromium_w)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        os.close(from_chromium_r)
    result = PageLoad(screenshot=base64.b64decode(shot), title=title)
    for event in pipe.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            result.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            values = [str(a.get("value", a.get("description", ""))) for a in params["args"]]
            result.console.append(f"{params['type']}: {' '.join(values)}")
        elif method == "Runtime.exceptionThrown":
            result.console.append(f"exception: {params['exceptionDetails'].get('text', '')}")
        elif method == "Log.entryAdded":
            entry = params["entry"]
            result.log.append(f"{entry['source']} {entry['level']}: {entry['text']}")
    text = stderr_path.read_text("utf-8", errors="replace")
    result.stderr_console = [
        line
        for line in text.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line
    ]
    return result
