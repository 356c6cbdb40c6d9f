# Operations and lifecycle: dependence on a single closed vendor, review dates, model
# retirement, use cases that left service, and the waivers themselves.
#
# Dates in the input are ISO strings (YYYY-MM-DD), so comparing them as strings orders them.
package governance.rules.operations

import data.governance.lib

# --- helpers ----------------------------------------------------------------------------------

# METADATA
# title: Use case still in service
# description: Not rejected and not retired (those are reported once, by GOV-OPS-005).
in_service(use_case) if {
	status := use_case.lifecycle.status
	not status in {"rejected", "retired"}
}

# METADATA
# title: Provider name for comparison
# description: Lower-case and trimmed, so 'OpenAI' and 'openai ' are one provider.
provider_key(model) := lower(trim_space(model.provider))

# METADATA
# title: Closed model behind a vendor's endpoint
# description: The organization cannot run it elsewhere if the vendor fails or withdraws it.
vendor_locked(model, deployment) if {
	model.access_class == "closed"
	lib.vendor_operated(deployment)
}

# METADATA
# title: A fallback choice independent of the primary's vendor exists for the use case
# description: >-
#   Some choice of the same use case with role fallback either uses a model from a different
#   provider, or runs on the organization's own infrastructure (self-hosted or edge weights
#   keep working through the vendor's outage, model retirement or change of terms, even when
#   the same company published them, e.g. gpt-oss behind GPT-4o).
has_independent_fallback(c) if {
	some other in fallbacks(c)
	provider_key(input.models[other.model]) != provider_key(c.model)
}

has_independent_fallback(c) if {
	some other in fallbacks(c)
	model := input.models[other.model]
	lib.org_operated(model.deployments[other.deployment])
}

# METADATA
# title: Fallback choices of the same use case
# description: The use case's own model_choices with role fallback (linear, not a scan of every choice).
fallbacks(c) := [other |
	some other in c.use_case.model_choices
	other.role == "fallback"
]

# METADATA
# title: Model retired at the evaluation date
# description: Status retired, or a retirement date on or before input.now.
retired(model) if model.lifecycle.status == "retired"

retired(model) if {
	model.lifecycle.retired_on != null
	model.lifecycle.retired_on <= input.now
}

# METADATA
# title: How a model's retirement is recorded, for messages
# description: Names the status and, when set, the date.
retirement_text(model) := sprintf("was retired on %s", [model.lifecycle.retired_on]) if {
	model.lifecycle.retired_on != null
	model.lifecycle.retired_on <= input.now
} else := "has lifecycle status 'retired'"

# METADATA
# title: Model on its way out
# description: Deprecated, or a retirement date after input.now.
winding_down(model) if model.lifecycle.status == "deprecated"

winding_down(model) if model.lifecycle.retired_on != null

# METADATA
# title: How a model is winding down, for messages
# description: Deprecation and the scheduled retirement date, whichever are recorded.
winding_down_text(model) := sprintf(
	"is deprecated and scheduled for retirement on %s",
	[model.lifecycle.retired_on],
) if {
	model.lifecycle.status == "deprecated"
	model.lifecycle.retired_on != null
} else := "is deprecated" if {
	model.lifecycle.status == "deprecated"
} else := sprintf("is scheduled for retirement on %s", [model.lifecycle.retired_on])

# METADATA
# title: Days from one ISO date to another
# description: Both dates taken at midnight UTC; time.parse_rfc3339_ns is supported by regorus and OPA.
days_between(from, to) := (
	time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [to])) - time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [from]))
) / ((24 * 3600) * 1000000000)

# METADATA
# title: Lower-cased, trimmed email address
# description: Undefined when the person has no email, so comparisons do not match on null.
email_key(person) := lower(trim_space(person.email)) if person.email != null

# --- facts computed once per evaluation ---------------------------------------------------------
#
# The rules look at each model choice, but whether a use case is in service, a model retired or
# a deployment vendor-locked depends only on that use case, model or deployment. Rule values are
# computed once per evaluation while function calls are not, so these are rules keyed by id
# that the choice rules look up.

# METADATA
# title: Use cases out of service
# description: Ids of the use cases that are not in_service (rejected or retired).
out_of_service := {use_case_id |
	some use_case_id, use_case in input.use_cases
	not in_service(use_case)
}

# METADATA
# title: Retired models
# description: retired_models[model_id] is retirement_text of each retired model.
retired_models := {model_id: retirement_text(model) |
	some model_id, model in input.models
	retired(model)
}

# METADATA
# title: Models winding down but not yet retired
# description: winding_down_models[model_id] is winding_down_text of each such model.
winding_down_models := {model_id: winding_down_text(model) |
	some model_id, model in input.models
	not retired(model)
	winding_down(model)
}

# METADATA
# title: Vendor-locked deployments
# description: vendor_locked_deployments[model_id] is the set of deployment ids where vendor_locked holds.
vendor_locked_deployments := {model_id: {deployment_id |
	some deployment_id, deployment in model.deployments
	vendor_locked(model, deployment)
} |
	some model_id, model in input.models
}

# --- vendor dependence ------------------------------------------------------------------------

# METADATA
# title: Critical use case depends on a single closed vendor
# description: >-
#   For the risk tiers in requirements.fallback_required_for_tiers, a primary choice that is a
#   closed model behind a vendor's endpoint needs a fallback choice from another provider or
#   on the organization's own infrastructure, so an outage, a retirement or a change of terms
#   does not stop the use case.
# custom:
#   id: GOV-OPS-001
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.2", "NIST AI RMF MANAGE 3.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Add a model choice with role 'fallback' to the use case's model_choices whose model
#     comes from a different provider or runs self-hosted (e.g. an open-weight model on your
#     own servers), and test the switch-over.
deny contains {"rule": "GOV-OPS-001", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.role == "primary"
	c.use_case.risk.internal_tier in input.organization.requirements.fallback_required_for_tiers
	c.deployment.id in vendor_locked_deployments[c.model.id]
	use_case_id := c.use_case.id
	not out_of_service[use_case_id]
	not has_independent_fallback(c)
	msg := sprintf(
		concat("", [
			"use case %s is risk tier '%s', which requires a fallback (requirements.fallback_required_for_tiers), but ",
			"its primary choice %s is a closed model on a %s deployment and no fallback choice uses a provider other ",
			"than %s or runs on the organization's own infrastructure",
		]),
		[c.use_case.id, c.use_case.risk.internal_tier, c.model.id, c.deployment.mode, c.model.provider],
	)
	field := concat("", [c.use_case.pointer, "/model_choices"])
}

# --- lifecycle ----------------------------------------------------------------------------------

# METADATA
# title: Use case review overdue
# description: lifecycle.review_by lies before the evaluation date; the use case was not re-reviewed in time.
# custom:
#   id: GOV-OPS-002
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 1.5", "ISO 42001 A.6.2.6", "EU AI Act Art. 26"]
#   remediation: >-
#     Review the use case (purpose, data, risk, controls) and set lifecycle.review_by to the
#     next review date.
warn contains {"rule": "GOV-OPS-002", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.lifecycle.review_by != null
	c.use_case.lifecycle.review_by < input.now
	use_case_id := c.use_case.id
	not out_of_service[use_case_id]
	msg := sprintf(
		"use case %s was due for review by %s (evaluated on %s)",
		[c.use_case.id, c.use_case.lifecycle.review_by, input.now],
	)
	field := concat("", [c.use_case.pointer, "/lifecycle/review_by"])
}

# METADATA
# title: Retired model still chosen
# description: A model whose lifecycle status is retired, or whose retirement date has passed, is still a model choice.
# custom:
#   id: GOV-OPS-003
#   severity: error
#   controls: ["NIST AI RMF GOVERN 1.7", "NIST AI RMF MANAGE 2.4", "ISO 42001 A.6.2.6"]
#   remediation: >-
#     Replace the model in this model choice with a supported successor (or remove the
#     choice); if the model is not retired, correct the model's lifecycle.
deny contains {"rule": "GOV-OPS-003", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	retirement := retired_models[c.model.id]
	use_case_id := c.use_case.id
	not out_of_service[use_case_id]
	msg := sprintf(
		"use case %s still chooses %s, which %s",
		[c.use_case.id, c.model.id, retirement],
	)
	field := concat("", [c.pointer, "/model"])
}

# METADATA
# title: Deprecated model chosen
# description: The model is deprecated or has a retirement date ahead; plan the migration.
# custom:
#   id: GOV-OPS-004
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 1.7", "NIST AI RMF MANAGE 3.2", "ISO 42001 A.6.2.6"]
#   remediation: >-
#     Plan and test a successor model and add it as a model choice before the retirement date;
#     then remove this choice.
warn contains {"rule": "GOV-OPS-004", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	winding := winding_down_models[c.model.id]
	use_case_id := c.use_case.id
	not out_of_service[use_case_id]
	msg := sprintf(
		"use case %s chooses %s, which %s: choose a successor",
		[c.use_case.id, c.model.id, winding],
	)
	field := concat("", [c.pointer, "/model"])
}

# METADATA
# title: Rejected or retired use case still listed with model choices
# description: >-
#   A use case that was rejected or retired keeps its model choices in the inventory, so every
#   report still evaluates (and may approve) them as if they were in use. Other lifecycle
#   rules stand back for such use cases.
# custom:
#   id: GOV-OPS-005
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 1.6", "NIST AI RMF GOVERN 1.7", "ISO 42001 A.6.2.6"]
#   remediation: >-
#     Remove the use case from the inventory (keep its record in the archive) and decommission
#     its deployments; if it is in use after all, set lifecycle.status to proposed or approved.
warn contains {"rule": "GOV-OPS-005", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.id in out_of_service
	msg := sprintf(
		"use case %s is %s but still lists the model choice %s on %s",
		[c.use_case.id, c.use_case.lifecycle.status, c.model.id, c.deployment.id],
	)
	field := concat("", [c.use_case.pointer, "/lifecycle/status"])
}

# --- waivers ------------------------------------------------------------------------------------

# METADATA
# title: Waiver longer than the organization allows
# description: expires_on minus approved_on exceeds requirements.max_waiver_days.
# custom:
#   id: GOV-OPS-006
#   severity: error
#   controls: ["NIST AI RMF GOVERN 1.5", "NIST AI RMF MANAGE 1.4", "ISO 42001 A.2.4"]
#   remediation: >-
#     Bring expires_on to at most max_waiver_days after approved_on; renew the waiver with a
#     fresh approval when it runs out.
deny contains {"rule": "GOV-OPS-006", "field": field, "message": msg} if {
	limit := input.organization.requirements.max_waiver_days
	limit != null
	some w in input.exceptions
	days := days_between(w.approved_on, w.expires_on)
	days > limit
	msg := sprintf(
		concat("", [
			"waiver %s runs %d days (approved %s, expires %s); the organization allows at most %d ",
			"(requirements.max_waiver_days)",
		]),
		[w.id, days, w.approved_on, w.expires_on, limit],
	)
	field := concat("", [w.pointer, "/expires_on"])
}

# METADATA
# title: Waiver approved by the use case's own owner
# description: The approver of a waiver for a use case should be independent of the use case's accountable owner.
# custom:
#   id: GOV-OPS-007
#   severity: warning
#   controls: ["ISO 42001 A.3.2", "NIST AI RMF GOVERN 2.1"]
#   remediation: >-
#     Have the waiver approved by someone other than the use case owner (e.g. the CISO or the
#     risk committee) and update 'approver'.
warn contains {"rule": "GOV-OPS-007", "field": field, "message": msg} if {
	some w in input.exceptions
	w.scope.use_case != null
	use_case := input.use_cases[w.scope.use_case]
	email_key(w.approver) == email_key(use_case.owner)
	msg := sprintf(
		concat("", [
			"waiver %s for use case %s is approved by %s <%s>, the use case's own owner: the approver should be ",
			"independent of the owner",
		]),
		[w.id, use_case.id, w.approver.name, w.approver.email],
	)
	field := concat("", [w.pointer, "/approver"])
}
