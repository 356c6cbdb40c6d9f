"""An in-test OPA server: the subset of OPA's REST API that the `opa` engine calls.

By default it is backed by the embedded engine, so the wire contract (paths, payloads, error
bodies, auth, timeouts) is exercised in CI where no OPA binary can be installed: that server is
NOT OPA. With ``evaluator="opa"`` the queries are answered by OPA's own evaluator (OPA 1.20.2
in process, opa-golib-python-bindings): real OPA semantics behind this REST subset, for the
tests that compare OPA's answers with the embedded engine's where no binary is on PATH.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import regorus

_LOCATION = re.compile(r"-->\s*(?P<file>.+?):(?P<row>\d+):(?P<col>\d+)")


class FakeOpa:
    def __init__(self, token: str | None = None, delay: float = 0.0, evaluator: str = "embedded"):
        self.evaluator = evaluator
        self.token = token
        self.delay = delay
        self.policies: dict[str, str] = {}
        self.data: dict = {}
        self.requests: list[tuple[str, str]] = []
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
        self._server.shutdown()
        self._server.server_close()

    def _engine(self, policies: dict[str, str]) -> regorus.Engine:
        engine = regorus.Engine()
        for name, text in sorted(policies.items()):
            engine.add_policy(name, text)
        engine.add_data_json(json.dumps(self.data))
        return engine

    def _opa_answer(self, rule: str, document: object) -> tuple[int, dict]:
        """OPA's answer to POST /v1/data/<rule>: 200 with {"result": value}, or {} when the
        document is undefined; any other failure is a 500, never an empty answer."""
        import opa_bindings

        engine = opa_bindings.OpaEngine()
        try:
            for name, text in sorted(self.policies.items()):
                engine.add_policy(name, text)
            engine.add_data(self.data)
            return 200, {"result": engine.eval_document(rule.removeprefix("data."), document)}
        except opa_bindings.OpaUndefinedError:
            return 200, {}
        except Exception as exc:
            return 500, {"code": "internal_error", "message": str(exc).splitlines()[0]}
        finally:
            engine.close()

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
                        fake._engine(candidate)
                    except Exception as exc:  # compile error: OPA's error body
                        where = _LOCATION.search(str(exc))
                        location = (
                            {
                                "file": where["file"],
                                "row": int(where["row"]),
                                "col": int(where["col"]),
                            }
                            if where
                            else {"file": policy_id, "row": 0, "col": 0}
                        )
                        message = [ln for ln in str(exc).splitlines() if ln.startswith("error:")]
                        self._send(
                            400,
                            {
                                "code": "invalid_parameter",
                                "message": "error(s) occurred while compiling module(s)",
                                "errors": [
                                    {
                                        "code": "rego_parse_error",
                                        "message": (message or ["parse error"])[0][6:].strip(),
                                        "location": location,
                                    }
                                ],
                            },
                        )
                        return
                    fake.policies = candidate
                    self._send(200, {})
                elif self.path.startswith("/v1/data/"):
                    keys = [k for k in self.path.removeprefix("/v1/data/").split("/") if k]
                    target = fake.data
                    for key in keys[:-1]:
                        target = target.setdefault(key, {})
                    target[keys[-1]] = json.loads(body)
                    self._send(204, None)
                else:
                    self._send(404, {"code": "resource_not_found", "message": self.path})

            def do_POST(self) -> None:
                if not self._begin():
                    return
                body = json.loads(self._body() or b"{}")
                if self.path == "/v1/query":
                    if "opa.runtime().version" in body.get("query", ""):
                        self._send(200, {"result": [{"v": f"fake-{fake.evaluator}"}]})
                    else:
                        self._send(400, {"code": "invalid_parameter", "message": "unsupported"})
                    return
                if not self.path.startswith("/v1/data/"):
                    self._send(404, {"code": "resource_not_found", "message": self.path})
                    return
                rule = "data." + ".".join(self.path.removeprefix("/v1/data/").split("/"))
                if fake.evaluator == "opa":
                    self._send(*fake._opa_answer(rule, body.get("input")))
                    return
                engine = fake._engine(fake.policies)
                engine.set_input_json(json.dumps(body.get("input")))
                try:
                    value = json.loads(engine.eval_rule_as_json(rule))
                except Exception as exc:
                    if "not a valid rule path" in str(exc):  # OPA: undefined document
                        self._send(200, {})
                        return
                    self._send(500, {"code": "internal_error", "message": str(exc).splitlines()[0]})
                    return
                self._send(200, {} if value == "<undefined>" else {"result": value})

        return Handler
