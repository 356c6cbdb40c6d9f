"""An in-test OPA server: the subset of OPA's REST API that the `opa` engine calls.

Two backends: ``regorus`` (the default) exercises the wire contract (paths, payloads, error
bodies, auth, timeouts) with the embedded engine; ``opa`` answers with real OPA (the
in-process engine, OPA 1.20.2), so `--engine opa` is tested against OPA's own semantics.
``answer`` replaces the findings response with a fixed body (a broken server: null, {},
other keys, ...) and ``drip`` sends that response one byte every ``drip`` seconds.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import regorus

_LOCATION = re.compile(r"-->\s*(?P<file>.+?):(?P<row>\d+):(?P<col>\d+)")


_UNSET = object()


def _compile_error_body(exc: Exception, policy_id: str) -> dict:
    """OPA's 400 body for a module that does not compile, from either backend's error."""
    problems = getattr(exc, "problems", None)  # InputInvalid from the real-OPA backend
    if problems:
        where = problems[0].location
        location = {"file": where.path, "row": where.line, "col": where.column}
        code, _, message = problems[0].message.removeprefix("policy error: ").partition(": ")
    else:
        found = _LOCATION.search(str(exc))
        location = (
            {"file": found["file"], "row": int(found["row"]), "col": int(found["col"])}
            if found
            else {"file": policy_id, "row": 0, "col": 0}
        )
        lines = [ln for ln in str(exc).splitlines() if ln.startswith("error:")]
        code, message = "rego_parse_error", (lines or ["error: parse error"])[0][6:].strip()
    return {
        "code": "invalid_parameter",
        "message": "error(s) occurred while compiling module(s)",
        "errors": [{"code": code, "message": message, "location": location}],
    }


class FakeOpa:
    def __init__(
        self,
        token: str | None = None,
        delay: float = 0.0,
        backend: str = "regorus",
        answer: object = _UNSET,
        drip: float = 0.0,
    ):
        assert backend in ("regorus", "opa")
        self.token = token
        self.delay = delay
        self.backend = backend
        self.answer = answer
        self.drip = drip
        self.policies: dict[str, str] = {}
        self.data: dict = {}
        self.requests: list[tuple[str, str]] = []
        self._opa = None  # the real-OPA engine for the current policies and data
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeOpa:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._closing.set()  # a dripping answer stops here
        self._server.shutdown()
        self._server.server_close()

    def _engine(self, policies: dict[str, str]) -> regorus.Engine:
        engine = regorus.Engine()
        for name, text in sorted(policies.items()):
            engine.add_policy(name, text)
        engine.add_data_json(json.dumps(self.data))
        return engine

    def _opa_engine(self, policies: dict[str, str]):
        """Real OPA with these policies and the data, compiled (InputInvalid if they do not)."""
        from governance.engine.opa_inprocess import OpaInProcessEngine
        from governance.policy import PolicyModule, PolicySet

        engine = OpaInProcessEngine()
        modules = [PolicyModule(name, text, "custom") for name, text in sorted(policies.items())]
        engine.load(PolicySet(modules=modules, data=self.data))
        return engine

    def _compile(self, policies: dict[str, str], policy_id: str) -> None:
        """Check the new module as the backend does; raise with the error on a bad one. Real
        OPA only parses it here (type errors surface at the query), so that a push of every
        module does not compile the growing set once per module."""
        if self.backend == "regorus":
            self._engine(policies)
            return
        from governance.engine.opa_inprocess import OpaInProcessEngine

        OpaInProcessEngine().add_module(policy_id, policies[policy_id])
        self._opa = None

    def evaluate(self, rule: str, document: object) -> object:
        """The value of ``rule`` (data.a.b) for the input; _UNSET when undefined."""
        if self.backend == "opa":
            if self._opa is None:
                self._opa = self._opa_engine(self.policies)
            value = self._opa.document(rule.removeprefix("data."), document)
            return _UNSET if value is None else value
        engine = self._engine(self.policies)
        engine.set_input_json(json.dumps(document))
        try:
            value = json.loads(engine.eval_rule_as_json(rule))
        except Exception as exc:
            if "not a valid rule path" in str(exc):  # OPA: undefined document
                return _UNSET
            raise
        return _UNSET if value == "<undefined>" else value

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: dict | None) -> None:
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _send_dripping(self, body: object) -> None:
                """The whole response, status line included, one byte at a time."""
                payload = json.dumps(body).encode()
                head = (
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(payload)}\r\n\r\n"
                ).encode()
                for byte in head + payload:
                    if fake._closing.wait(fake.drip):
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:  # the client gave up
                        return

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length", "0"))
                return self.rfile.read(length)

            def _authorised(self) -> bool:
                if fake.token is None:
                    return True
                if self.headers.get("Authorization") == f"Bearer {fake.token}":
                    return True
                self._send(401, {"code": "unauthorized", "message": "missing or invalid token"})
                return False

            def _begin(self) -> bool:
                fake.requests.append((self.command, self.path))
                if fake.delay:
                    time.sleep(fake.delay)
                return self._authorised()

            def do_GET(self) -> None:
                if self._begin():
                    self._send(200, {} if self.path == "/health" else None)

            def do_PUT(self) -> None:
                if not self._begin():
                    return
                body = self._body()
                if self.path.startswith("/v1/policies/"):
                    policy_id = self.path.removeprefix("/v1/policies/")
                    candidate = dict(fake.policies)
                    candidate[policy_id] = body.decode("utf-8")
                    try:
                        if candidate != fake.policies:  # the same policies again: compiled
                            fake._compile(candidate, policy_id)
                    except Exception as exc:  # compile error: OPA's error body
                        self._send(400, _compile_error_body(exc, policy_id))
                        return
                    fake.policies = candidate
                    self._send(200, {})
                elif self.path.startswith("/v1/data/"):
                    keys = [k for k in self.path.removeprefix("/v1/data/").split("/") if k]
                    target = fake.data
                    for key in keys[:-1]:
                        target = target.setdefault(key, {})
                    value = json.loads(body)
                    if target.get(keys[-1]) != value:
                        target[keys[-1]] = value
                        fake._opa = None  # compiled again with the new data when asked
                    self._send(204, None)
                else:
                    self._send(404, {"code": "resource_not_found", "message": self.path})

            def do_POST(self) -> None:
                if not self._begin():
                    return
                body = json.loads(self._body() or b"{}")
                if self.path == "/v1/query":
                    if "opa.runtime().version" in body.get("query", ""):
                        version = (
                            "fake-embedded" if fake.backend == "regorus" else "fake-opa-1.20.2"
                        )
                        self._send(200, {"result": [{"v": version}]})
                    else:
                        self._send(400, {"code": "invalid_parameter", "message": "unsupported"})
                    return
                if not self.path.startswith("/v1/data/"):
                    self._send(404, {"code": "resource_not_found", "message": self.path})
                    return
                rule = "data." + ".".join(self.path.removeprefix("/v1/data/").split("/"))
                if fake.answer is not _UNSET:  # a broken server: this body, whatever was asked
                    answer = fake.answer
                else:
                    try:
                        value = fake.evaluate(rule, body.get("input"))
                    except Exception as exc:
                        message = str(exc).splitlines()[0]
                        self._send(500, {"code": "internal_error", "message": message})
                        return
                    answer = {} if value is _UNSET else {"result": value}
                if fake.drip:
                    self._send_dripping(answer)
                else:
                    self._send(200, answer)

        return Handler
