"""The policy set: Rego modules, catalogue data, and the METADATA of every rule."""

from governance.policy.files import PolicyModule, PolicySet, load_policy_set
from governance.policy.metadata import RuleInfo

__all__ = ["PolicyModule", "PolicySet", "RuleInfo", "load_policy_set"]
