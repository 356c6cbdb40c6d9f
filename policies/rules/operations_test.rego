package governance.rules.operations_test

import data.governance.rules.operations
import data.governance.test_fixtures as fx

# METADATA
# title: Rule ids denied for an input
denied(inp) := ids if {
	ids := fx.rules_of(operations.deny) with input as inp
}

# METADATA
# title: Rule ids warned for an input
warned(inp) := ids if {
	ids := fx.rules_of(operations.warn) with input as inp
}

# METADATA
# title: The rule does not deny (and evaluation succeeded)
not_denied(inp, id) if {
	ids := denied(inp)
	not id in ids
}

# METADATA
# title: The rule does not warn (and evaluation succeeded)
not_warned(inp, id) if {
	ids := warned(inp)
	not id in ids
}

test_base_input_is_clean if {
	count(denied(fx.input_with({}))) == 0
	count(warned(fx.input_with({}))) == 0
}

# --- GOV-OPS-001: vendor dependence -----------------------------------------------------------

critical_org := {"requirements": object.union(fx.base_organization.requirements, {"fallback_required_for_tiers": [
	"high",
	"critical",
]})}

closed_api := {
	"model": {
		"access_class": "closed",
		"provider": "OpenAI",
		"weights": {"availability": "none", "license_acceptance": null},
	},
	"deployment": {
		"mode": "vendor-hosted",
		"operator": "OpenAI",
		"retention": {
			"days": 30,
			"zero_data_retention": false,
			"abuse_monitoring_days": null,
			"human_review_possible": true,
			"contract_ref": null,
		},
	},
	"use_case": {"risk": {"eu_ai_act": "minimal", "annex_iii_area": null, "internal_tier": "critical"}},
	"organization": critical_org,
}

vendor_api := object.union(fx.base_deployment, object.union(closed_api.deployment, {"pointer": "/models/1/deployments/0"}))

# METADATA
# title: The closed-API input plus a fallback choice on a model from the given provider and deployment
with_fallback(provider, deployment) := object.union(base, {
	"models": object.union(base.models, {"other": object.union(fx.base_model, {
		"id": "other",
		"provider": provider,
		"pointer": "/models/1",
		"deployments": {"on-prem": deployment},
	})}),
	"choices": array.concat(base.choices, [{
		"id": "internal-search/other/on-prem",
		"use_case": "internal-search",
		"model": "other",
		"deployment": "on-prem",
		"role": "fallback",
		"pointer": "/use_cases/0/model_choices/1",
	}]),
	"use_cases": {"internal-search": object.union(base.use_cases["internal-search"], {"model_choices": array.concat(
		base.use_cases["internal-search"].model_choices,
		[{"model": "other", "deployment": "on-prem", "role": "fallback"}],
	)})},
}) if {
	base := fx.input_with(closed_api)
}

test_critical_use_case_on_single_closed_vendor_is_denied if {
	denials := operations.deny with input as fx.input_with(closed_api)
	some f in denials
	f.rule == "GOV-OPS-001"
	f.choice == "internal-search/gpt-oss-20b/on-prem"
	f.field == "/use_cases/0/model_choices"
	contains(f.message, "other than OpenAI")
}

test_fallback_on_another_provider_passes if {
	not_denied(with_fallback("Meta", vendor_api), "GOV-OPS-001")
}

test_fallback_from_the_same_provider_behind_a_vendor_is_denied if {
	"GOV-OPS-001" in denied(with_fallback("openai ", vendor_api))
}

test_self_hosted_fallback_from_the_same_provider_passes if {
	# gpt-oss weights on the organization's servers keep working when the OpenAI API does not.
	self_hosted := object.union(fx.base_deployment, {"pointer": "/models/1/deployments/0"})
	not_denied(with_fallback("OpenAI", self_hosted), "GOV-OPS-001")
}

test_tier_without_fallback_requirement_passes if {
	o := object.union(closed_api, {"use_case": {"risk": {
		"eu_ai_act": "minimal",
		"annex_iii_area": null,
		"internal_tier": "medium",
	}}})
	not_denied(fx.input_with(o), "GOV-OPS-001")
}

test_self_hosted_primary_needs_no_fallback if {
	not_denied(fx.input_with({"organization": critical_org, "use_case": closed_api.use_case}), "GOV-OPS-001")
}

test_no_fallback_requirement_no_finding if {
	o := object.union(closed_api, {"organization": {"requirements": fx.base_organization.requirements}})
	not_denied(fx.input_with(o), "GOV-OPS-001")
}

# --- GOV-OPS-002: review date -----------------------------------------------------------------

test_overdue_review_warns if {
	inp := fx.input_with({"use_case": {"lifecycle": {
		"status": "approved",
		"approved_on": "2025-01-10",
		"review_by": "2026-06-30",
	}}})
	warnings := operations.warn with input as inp
	some f in warnings
	f.rule == "GOV-OPS-002"
	f.field == "/use_cases/0/lifecycle/review_by"
	contains(f.message, "2026-06-30")
}

test_review_due_today_does_not_warn if {
	not_warned(fx.input_with({"use_case": {"lifecycle": {
		"status": "approved",
		"approved_on": null,
		"review_by": "2026-11-24",
	}}}), "GOV-OPS-002")
}

test_no_review_date_does_not_warn if {
	not_warned(fx.input_with({"use_case": {"lifecycle": {
		"status": "proposed",
		"approved_on": null,
		"review_by": null,
	}}}), "GOV-OPS-002")
}

# --- GOV-OPS-003 / 004: model lifecycle -------------------------------------------------------

test_retired_model_is_denied if {
	inp := fx.input_with({"model": {"lifecycle": {"status": "retired", "retired_on": null}}})
	denials := operations.deny with input as inp
	some f in denials
	f.rule == "GOV-OPS-003"
	f.field == "/use_cases/0/model_choices/0/model"
}

test_model_past_its_retirement_date_is_denied if {
	inp := fx.input_with({"model": {"lifecycle": {"status": "deprecated", "retired_on": "2026-11-24"}}})
	denials := operations.deny with input as inp
	some f in denials
	f.rule == "GOV-OPS-003"
	contains(f.message, "retired on 2026-11-24")
	not "GOV-OPS-004" in warned(inp)
}

test_active_model_is_not_denied if {
	not_denied(fx.input_with({}), "GOV-OPS-003")
}

test_deprecated_model_warns if {
	inp := fx.input_with({"model": {"lifecycle": {"status": "deprecated", "retired_on": "2027-03-01"}}})
	warnings := operations.warn with input as inp
	some f in warnings
	f.rule == "GOV-OPS-004"
	contains(f.message, "deprecated and scheduled for retirement on 2027-03-01")
	not_denied(inp, "GOV-OPS-003")
}

test_scheduled_retirement_warns if {
	"GOV-OPS-004" in warned(fx.input_with({"model": {"lifecycle": {"status": "active", "retired_on": "2027-03-01"}}}))
}

test_active_model_does_not_warn if {
	not_warned(fx.input_with({}), "GOV-OPS-004")
}

test_retired_use_case_is_not_judged_on_its_model if {
	inp := fx.input_with({
		"model": {"lifecycle": {"status": "retired", "retired_on": null}},
		"use_case": {"lifecycle": {"status": "retired", "approved_on": null, "review_by": "2020-01-01"}},
	})
	not_denied(inp, "GOV-OPS-003")
	not_warned(inp, "GOV-OPS-002")
}

# --- GOV-OPS-005: use case out of service -----------------------------------------------------

test_rejected_use_case_with_choices_warns if {
	inp := fx.input_with({"use_case": {"lifecycle": {"status": "rejected", "approved_on": null, "review_by": null}}})
	warnings := operations.warn with input as inp
	some f in warnings
	f.rule == "GOV-OPS-005"
	f.field == "/use_cases/0/lifecycle/status"
}

test_retired_use_case_with_choices_warns if {
	"GOV-OPS-005" in warned(fx.input_with({"use_case": {"lifecycle": {
		"status": "retired",
		"approved_on": null,
		"review_by": null,
	}}}))
}

test_approved_use_case_does_not_warn if {
	not_warned(fx.input_with({"use_case": {"lifecycle": {
		"status": "approved",
		"approved_on": "2026-01-05",
		"review_by": "2027-01-05",
	}}}), "GOV-OPS-005")
}

# --- GOV-OPS-006 / 007: waivers ---------------------------------------------------------------

# METADATA
# title: A waiver for the base use case
waiver(approved_on, expires_on, approver_email) := {
	"id": "w-1",
	"scope": {"use_case": "internal-search", "model": null, "deployment": null},
	"rules": ["GOV-SAF-005"],
	"justification": "Accepted for the pilot.",
	"compensating_controls": [],
	"requested_by": {"name": "Grace Hopper", "email": "grace@example.org", "team": null, "role": null},
	"approver": {"name": "Alan Turing", "email": approver_email, "team": null, "role": "CISO"},
	"approved_on": approved_on,
	"expires_on": expires_on,
	"ticket": null,
	"pointer": "/exceptions/0",
}

limited_org := {"requirements": object.union(fx.base_organization.requirements, {"max_waiver_days": 90})}

test_waiver_longer_than_allowed_is_denied if {
	inp := fx.input_with({
		"organization": limited_org,
		"exceptions": [waiver("2026-01-01", "2026-12-31", "alan@example.org")],
	})
	denials := operations.deny with input as inp
	some f in denials
	f.rule == "GOV-OPS-006"
	f.field == "/exceptions/0/expires_on"
	not f.choice
	contains(f.message, "runs 364 days")
	contains(f.message, "at most 90")
}

test_waiver_at_the_limit_passes if {
	# 2026-01-01 + 90 days = 2026-04-01
	inp := fx.input_with({
		"organization": limited_org,
		"exceptions": [waiver("2026-01-01", "2026-04-01", "alan@example.org")],
	})
	not_denied(inp, "GOV-OPS-006")
}

test_waiver_one_day_over_the_limit_is_denied if {
	inp := fx.input_with({
		"organization": limited_org,
		"exceptions": [waiver("2026-01-01", "2026-04-02", "alan@example.org")],
	})
	"GOV-OPS-006" in denied(inp)
}

test_waiver_length_unchecked_without_limit if {
	inp := fx.input_with({"exceptions": [waiver("2020-01-01", "2030-01-01", "alan@example.org")]})
	not_denied(inp, "GOV-OPS-006")
}

test_days_between_crosses_leap_day if {
	operations.days_between("2028-02-28", "2028-03-01") == 2
}

test_waiver_approved_by_the_owner_warns if {
	inp := fx.input_with({"exceptions": [waiver("2026-01-01", "2026-03-01", " Ada@Example.org")]})
	warnings := operations.warn with input as inp
	some f in warnings
	f.rule == "GOV-OPS-007"
	f.field == "/exceptions/0/approver"
	contains(f.message, "independent of the owner")
}

test_independent_approver_does_not_warn if {
	not_warned(fx.input_with({"exceptions": [waiver("2026-01-01", "2026-03-01", "alan@example.org")]}), "GOV-OPS-007")
}

test_waiver_without_use_case_scope_is_not_compared if {
	w := object.union(waiver("2026-01-01", "2026-03-01", "ada@example.org"), {"scope": {
		"use_case": null,
		"model": "gpt-oss-20b",
		"deployment": null,
	}})
	not_warned(fx.input_with({"exceptions": [w]}), "GOV-OPS-007")
}

test_approver_without_email_is_not_compared if {
	inp := fx.input_with({
		"use_case": {"owner": {"name": "Ada Lovelace", "email": null, "team": null, "role": null}},
		"exceptions": [waiver("2026-01-01", "2026-03-01", null)],
	})
	not_warned(inp, "GOV-OPS-007")
}
