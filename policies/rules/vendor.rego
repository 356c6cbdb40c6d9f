# Vendor relationship: what changes when a closed model is used through its vendor. Under zero
# data retention or modified abuse monitoring the vendor stops reviewing the traffic for abuse
# and the customer becomes responsible for its users keeping to the usage policies
# (https://developers.openai.com/api/docs/guides/your-data,
# https://learn.microsoft.com/legal/cognitive-services/openai/data-privacy). And the core
# trade-off of a closed model is dependence on one provider (docs/sources.md).
package governance.rules.vendor

import data.governance.lib
import data.governance.rules.operations as ops

# METADATA
# title: Why the vendor no longer monitors abuse
# description: '"zero data retention", "modified abuse monitoring", or both; undefined otherwise.'
no_vendor_monitoring(retention) := "zero data retention and modified abuse monitoring" if {
	retention.zero_data_retention == true
	object.get(retention, "modified_abuse_monitoring", false) == true
} else := "zero data retention" if {
	retention.zero_data_retention == true
} else := "modified abuse monitoring" if {
	object.get(retention, "modified_abuse_monitoring", false) == true
}

# METADATA
# title: Who outside the organization uses the system
# description: '"external users", "users who may be minors"; undefined for staff-only use.'
outside_users(use_case) := "external users" if {
	use_case.exposure.external_users == true
} else := "users who may be minors" if {
	object.get(use_case.exposure, "minors_possible", false) == true
}

# METADATA
# title: Abuse monitoring the organization runs for a choice
# description: An implemented abuse-monitoring control owned by the organization.
org_monitors_abuse(c) if lib.org_owns_control(c, "abuse-monitoring")

# METADATA
# title: Public-facing use case under ZDR or modified abuse monitoring without the customer's monitoring
# description: >-
#   With zero data retention or modified abuse monitoring on a vendor's API, the vendor keeps
#   no prompts to review for abuse, so the customer must make sure its users keep to the usage
#   policies. A use case open to external users or minors where nobody monitors abuse is then
#   unsafe, however safe the vendor's defaults are.
# custom:
#   id: GOV-VND-001
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MANAGE 2.2", "ISO 42001 A.10.2", "EU AI Act Art. 26"]
#   remediation: >-
#     Add an abuse-monitoring entry with owner 'org' and implemented: true (and evidence) to the
#     deployment's or the use case's safety_controls, or, if the vendor's standard abuse
#     monitoring may run, drop zero_data_retention / modified_abuse_monitoring.
deny contains {"rule": "GOV-VND-001", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	lib.vendor_operated(c.deployment)
	c.deployment.retention != null
	why := no_vendor_monitoring(c.deployment.retention)
	who := outside_users(c.use_case)
	not org_monitors_abuse(c)
	msg := sprintf(
		concat("", [
			"%s runs %s under %s, so %s no longer monitors this traffic for abuse and the organization is ",
			"responsible for its users keeping to the usage policies, but use case %s, open to %s, records ",
			"no abuse-monitoring control owned by the organization",
		]),
		[c.model.name, c.deployment.id, why, c.deployment.operator, c.use_case.id, who],
	)
	field := lib.at(c.deployment, "retention")
}

# METADATA
# title: Use cases whose tier the organization already requires a fallback for
# description: GOV-OPS-001 (error) covers those; this rule is the default signal for the rest.
fallback_required_tiers := {t |
	some t in object.get(input.organization.requirements, "fallback_required_for_tiers", [])
}

# METADATA
# title: Why a use case matters enough for a fallback
# description: '"risk tier critical", "risk tier high" or "EU AI Act high-risk"; undefined otherwise.'
importance(use_case) := sprintf("risk tier '%s'", [use_case.risk.internal_tier]) if {
	use_case.risk.internal_tier in {"critical", "high"}
} else := "EU AI Act high-risk" if {
	use_case.risk.eu_ai_act == "high"
}

# METADATA
# title: Critical or high-risk user-facing use case on a single closed vendor
# description: >-
#   A closed model reached through its vendor is the vendor's to change, price, restrict or
#   retire. For a critical, high-tier or EU high-risk use case that people use directly, an
#   outage or a change of terms stops the service. Without a fallback to another provider or to
#   the organization's own infrastructure, this is a warning by default (an error, GOV-OPS-001,
#   for the tiers the organization lists in fallback_required_for_tiers).
# custom:
#   id: GOV-VND-002
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 6.2", "NIST AI RMF MANAGE 3.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Add a model choice with role 'fallback' whose model comes from another provider or runs on
#     the organization's infrastructure, and test the switch-over; or list the tier in
#     requirements.fallback_required_for_tiers to make it a requirement.
warn contains {"rule": "GOV-VND-002", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.role == "primary"
	c.use_case.exposure.user_facing == true
	why := importance(c.use_case)
	tier := c.use_case.risk.internal_tier
	not tier in fallback_required_tiers
	c.deployment.id in ops.vendor_locked_deployments[c.model.id]
	use_case_id := c.use_case.id
	not ops.out_of_service[use_case_id]
	not ops.has_independent_fallback(c)
	msg := sprintf(
		concat("", [
			"user-facing use case %s (%s) depends on one closed vendor: its primary choice %s runs only at ",
			"%s (%s) and no fallback choice uses another provider or the organization's own infrastructure",
		]),
		[c.use_case.id, why, c.model.name, c.model.provider, c.deployment.mode],
	)
	field := lib.at(c.use_case, "model_choices")
}
