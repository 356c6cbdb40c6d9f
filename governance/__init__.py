"""model-governance: decide whether an organization's choices of AI models are allowed.

>>> import governance
>>> report = governance.check(["examples/hybrid-startup"], governance.EvaluationSettings(now=...))
>>> report.exit_code("error"), report.decisions[0].decision
"""

from governance.version import __version__

__all__ = ["__version__"]


def __getattr__(name: str):
    # Lazy, so `import governance` stays cheap for the CLI's --help and --version.
    if name in {
        "check",
        "evaluate",
        "suggest",
        "load_inventory",
        "Report",
        "ChoiceDecision",
        "OpaSettings",
        "EvaluationSettings",
        "Suggestion",
    }:
        from governance import api

        return getattr(api, name)
    raise AttributeError(name)
