package governance.rules.vendor_test

import data.governance.rules.vendor
import data.governance.test_fixtures as fx

denied(id, inp) := msgs if {
	found := vendor.deny with input as inp
	msgs := {f.message | some f in found; f.rule == id}
}

warned(id, inp) := msgs if {
	found := vendor.warn with input as inp
	msgs := {f.message | some f in found; f.rule == id}
}

closed_model := {
	"name": "gpt-4o",
	"access_class": "closed",
	"provider": "OpenAI",
	"weights": {"availability": "none", "license_acceptance": null},
}

# METADATA
# title: A closed model on the vendor's API, with the given retention and controls
api(retention, controls) := {
	"mode": "vendor-hosted",
	"operator": "OpenAI",
	"retention": object.union(
		{
			"days": 0,
			"zero_data_retention": false,
			"modified_abuse_monitoring": false,
			"abuse_monitoring_days": null,
			"human_review_possible": false,
			"contract_ref": "ZDR-1",
		},
		retention,
	),
	"safety_controls": controls,
}

public := {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}

staff := {"exposure": {"user_facing": true, "external_users": false, "minors_possible": false}}

org_abuse := [{"control": "abuse-monitoring", "owner": "org", "implemented": true, "evidence": "SOC"}]

vendor_abuse_off := [{
	"control": "abuse-monitoring",
	"owner": "vendor",
	"implemented": false,
	"evidence": "switched off",
}]

zdr_input(retention, controls, use_case) := fx.input_with({
	"model": closed_model,
	"deployment": api(retention, controls),
	"use_case": use_case,
})

# --- GOV-VND-001 ----------------------------------------------------------------------------

test_zdr_public_use_without_own_abuse_monitoring_is_denied if {
	msgs := denied("GOV-VND-001", zdr_input({"zero_data_retention": true}, vendor_abuse_off, public))
	msgs == {concat("", [
		"gpt-4o runs on-prem under zero data retention, so OpenAI no longer monitors this traffic ",
		"for abuse and the organization is responsible for its users keeping to the usage policies, ",
		"but use case internal-search, open to external users, records no abuse-monitoring control ",
		"owned by the organization",
	])}
}

test_modified_abuse_monitoring_counts_too if {
	msgs := denied("GOV-VND-001", zdr_input({"modified_abuse_monitoring": true}, [], {"exposure": {
		"user_facing": true,
		"external_users": false,
		"minors_possible": true,
	}}))
	some m in msgs
	contains(m, "under modified abuse monitoring")
	contains(m, "open to users who may be minors")
}

test_own_abuse_monitoring_satisfies_it if {
	count(denied("GOV-VND-001", zdr_input({"zero_data_retention": true}, org_abuse, public))) == 0
}

test_standard_vendor_monitoring_or_staff_only_use_is_not_denied if {
	count(denied("GOV-VND-001", zdr_input({}, [], public))) == 0
	count(denied("GOV-VND-001", zdr_input({"zero_data_retention": true}, [], staff))) == 0
}

# --- GOV-VND-002 ----------------------------------------------------------------------------

high := {"risk": {"eu_ai_act": "minimal", "annex_iii_area": null, "internal_tier": "high"}, "exposure": staff.exposure}

test_high_tier_user_facing_use_on_one_closed_vendor_warns if {
	msgs := warned("GOV-VND-002", zdr_input({}, [], high))
	msgs == {concat("", [
		"user-facing use case internal-search (risk tier 'high') depends on one closed vendor: its ",
		"primary choice gpt-4o runs only at OpenAI (vendor-hosted) and no fallback choice uses ",
		"another provider or the organization's own infrastructure",
	])}
}

test_eu_high_risk_counts_as_important if {
	eu_high := {
		"risk": {"eu_ai_act": "high", "annex_iii_area": "employment", "internal_tier": "medium"},
		"exposure": staff.exposure,
	}
	some m in warned("GOV-VND-002", zdr_input({}, [], eu_high))
	contains(m, "(EU AI Act high-risk)")
}

test_low_tier_or_internal_tooling_does_not_warn if {
	count(warned("GOV-VND-002", zdr_input({}, [], fx.base_use_case))) == 0
	backend := object.union(high, {"exposure": {"user_facing": false, "external_users": false, "minors_possible": false}})
	count(warned("GOV-VND-002", zdr_input({}, [], backend))) == 0
}

test_tiers_that_require_a_fallback_are_left_to_gov_ops_001 if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"fallback_required_for_tiers": ["high"]})}
	inp := fx.input_with({"model": closed_model, "deployment": api({}, []), "use_case": high, "organization": org})
	count(warned("GOV-VND-002", inp)) == 0
}
