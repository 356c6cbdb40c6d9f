"""Rego engines behind one protocol; `create_engine` picks one by name."""

from __future__ import annotations

from governance.engine.base import Engine
from governance.errors import UsageError

ENGINE_NAMES = ("embedded", "opa", "opa-inprocess")
#: Engines that need nothing but this process: `verify` re-runs a report on the one it names.
IN_PROCESS_ENGINES = ("embedded", "opa-inprocess")


def create_engine(name: str, opa_settings=None) -> Engine:
    if name == "embedded":
        from governance.engine.embedded import EmbeddedEngine

        return EmbeddedEngine()
    if name == "opa":
        from governance.engine.opa import OpaEngine, OpaSettings

        return OpaEngine(opa_settings or OpaSettings())
    if name == "opa-inprocess":
        from governance.engine.opa_inprocess import OpaInProcessEngine

        return OpaInProcessEngine()
    raise UsageError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")


__all__ = ["ENGINE_NAMES", "IN_PROCESS_ENGINES", "Engine", "create_engine"]
