"""A real OPA server over its REST API, through opa-python-client.

Policies and data are pushed once (PUT /v1/policies/{id}, PUT /v1/data/{path}) unless the
server already has them from a bundle (``preloaded``); then the whole inventory is evaluated
with one POST /v1/data/governance/main/findings. Every failure (unreachable, refused token,
compile error on the server, timeout, an answer that breaks the contract) is an EngineFailure:
never a pass. ``timeout`` is a deadline for each whole request (connect, send, receive, and
the retries), so a server that answers one byte at a time cannot hold a check for minutes.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from governance.engine.base import (
    FINDINGS_PACKAGE,
    FINDINGS_RULE,
    AnswerContract,
    checked_answer,
    json_type,
)
from governance.engine.choice_index import with_choices_by_model
from governance.errors import EngineFailure, UsageError
from governance.policy import PolicySet

if TYPE_CHECKING:
    import requests

# opa_client (with aiohttp) and requests are imported when an OPA engine is made: together
# they took ~0.2 s of every `governance` command's start, most of which never talk to OPA.

POLICY_PREFIX = "model-governance"


@dataclass(frozen=True)
class OpaSettings:
    url: str = "http://localhost:8181"
    token: str | None = None
    timeout: float = 10.0
    retries: int = 2
    ca_bundle: str | None = None
    preloaded: bool = False


def _policy_id(name: str) -> str:
    return POLICY_PREFIX + "/" + re.sub(r"[^A-Za-z0-9._/-]", "_", name)


def _server_message(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text.strip().splitlines()[0] if response.text.strip() else ""
    if not isinstance(body, dict):
        return str(body)[:200]
    message = str(body.get("message", ""))
    errors = body.get("errors")
    first = errors[0] if isinstance(errors, list) and errors else None
    if isinstance(first, dict):  # whatever else a server sends, the message says enough
        location = first.get("location")
        location = location if isinstance(location, dict) else {}
        where = (
            f"{location.get('file', '')}:{location.get('row', '?')}:{location.get('col', '?')}: "
            if location
            else ""
        )
        message = f"{message}: {where}{first.get('message', '')}".strip(": ")
    return message


class OpaEngine:
    name = "opa"

    def __init__(self, settings: OpaSettings):
        parsed = urlparse(settings.url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise UsageError(f"--opa-url {settings.url!r} must look like http://host:8181")
        if not 0 < settings.timeout < 86400:  # NaN and infinity too
            raise UsageError(
                f"--opa-timeout {settings.timeout:g}: give a number of seconds above 0 "
                "(and below a day)"
            )
        from opa_client import OpaClient

        self.settings = settings
        self._client = OpaClient(
            host=parsed.hostname,
            port=parsed.port or (443 if parsed.scheme == "https" else 8181),
            ssl=parsed.scheme == "https",
            token=settings.token,
            retries=settings.retries,
            timeout=settings.timeout,
        )
        if settings.ca_bundle:
            self._client._session.verify = settings.ca_bundle
        self._server_version = "unknown"
        self._contract = self._answer_contract(frozenset())

    # --- protocol ---------------------------------------------------------------------

    def version(self) -> str:
        return f"opa {self._server_version} at {self.settings.url}"

    def _answer_contract(self, rule_ids: frozenset[str]) -> AnswerContract:
        preloaded = "--opa-preloaded: " if self.settings.preloaded else ""
        return AnswerContract(
            source=f"OPA at {self.settings.url}",
            shape_hint=f"{preloaded}is the policy bundle loaded on that server?",
            rule_hint=f"{preloaded}does that server run the same policies as this check "
            "(rebuild and deploy the bundle)?",
            rule_ids=rule_ids,
        )

    def load(self, policies: PolicySet) -> None:
        self._contract = self._answer_contract(frozenset(policies.rules))
        self._call("reach", self._probe_version)
        if self.settings.preloaded:
            return
        for module in policies.modules:
            self._call(f"upload policy {module.name}", self._put_policy, module.name, module.text)
        for key in sorted(policies.data):
            self._call(f"upload data {key}", self._put_data, key, policies.data[key])

    def evaluate(self, document: dict) -> dict[str, list[dict]]:
        answer = self._call("evaluate", self._query, with_choices_by_model(document))
        if not isinstance(answer, dict):
            raise self._contract.fail(f'a body that is {json_type(answer)}, not {{"result": …}}')
        if "result" not in answer:
            raise self._contract.fail("undefined (no result)")
        return checked_answer(answer["result"], self._contract)

    # --- REST calls ---------------------------------------------------------------------

    def _session(self) -> requests.Session:
        return self._client._session

    def _url(self, path: str) -> str:
        return f"{self._client.root_url}/{path}"

    def _check(self, response: requests.Response) -> None:
        if response.status_code in (401, 403):
            raise EngineFailure(
                f"OPA at {self.settings.url} refused the request ({response.status_code}): "
                f"{_server_message(response) or 'check the token'}"
            )
        if response.status_code >= 400:
            raise EngineFailure(
                f"OPA at {self.settings.url} answered {response.status_code}: "
                f"{_server_message(response)}"
            )

    def _probe_version(self) -> None:
        response = self._session().post(
            self._url("query"),
            json={"query": "v := opa.runtime().version"},
            timeout=self.settings.timeout,
        )
        self._check(response)
        body = response.json()
        rows = body.get("result") if isinstance(body, dict) else None
        if isinstance(rows, list) and rows and isinstance(rows[0], dict) and "v" in rows[0]:
            self._server_version = str(rows[0]["v"])

    def _put_policy(self, name: str, text: str) -> None:
        response = self._session().put(
            self._url(f"policies/{_policy_id(name)}"),
            data=text.encode("utf-8"),
            headers={"Content-Type": "text/plain"},
            timeout=self.settings.timeout,
        )
        self._check(response)

    def _put_data(self, key: str, value: object) -> None:
        response = self._session().put(
            self._url(f"data/{key}"), json=value, timeout=self.settings.timeout
        )
        self._check(response)

    def _query(self, document: dict) -> dict:
        response = self._session().post(
            self._url(f"data/{FINDINGS_PACKAGE.replace('.', '/')}/{FINDINGS_RULE}"),
            json={"input": document},
            timeout=self.settings.timeout,
        )
        self._check(response)
        return response.json()

    def _call(self, what: str, function, *args):
        """``function(*args)`` within the deadline: a request still running when it passes is
        left to finish in its daemon thread (its answer unused) and the check fails now."""
        outcome: list = []

        def run() -> None:
            try:
                outcome.append((True, self._translated(what, function, *args)))
            except BaseException as exc:  # handed to the caller's thread
                outcome.append((False, exc))

        worker = threading.Thread(target=run, name=f"opa {what}", daemon=True)
        worker.start()
        worker.join(self.settings.timeout)
        if not outcome:
            self._session().close()  # drop idle connections; the stuck one dies with its thread
            raise EngineFailure(
                f"OPA at {self.settings.url} timed out after {self.settings.timeout:g}s "
                f"({what}): is the server overloaded? raise --opa-timeout if it is only slow"
            )
        succeeded, value = outcome[0]
        if not succeeded:
            raise value
        return value

    def _translated(self, what: str, function, *args):
        """``function(*args)`` with every transport error as one EngineFailure line."""
        import requests
        from opa_client import errors as opa_errors

        try:
            return function(*args)
        except EngineFailure:
            raise
        except requests.exceptions.Timeout:
            raise EngineFailure(
                f"OPA at {self.settings.url} timed out after {self.settings.timeout:g}s ({what})"
            ) from None
        except requests.exceptions.SSLError as exc:
            raise EngineFailure(f"OPA at {self.settings.url}: TLS error ({what}): {exc}") from None
        except requests.exceptions.ConnectionError:
            raise EngineFailure(
                f"cannot reach OPA at {self.settings.url} ({what}); is the server running?"
            ) from None
        except (requests.exceptions.RequestException, opa_errors.ConnectionsError) as exc:
            raise EngineFailure(f"OPA at {self.settings.url} ({what}): {exc}") from None
        except ValueError as exc:  # a body that is not JSON
            raise EngineFailure(
                f"OPA at {self.settings.url} sent an invalid answer ({what}): {exc}"
            ) from None
