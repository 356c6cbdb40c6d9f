package governance.rules.safety_test

import data.governance.rules.safety
import data.governance.test_fixtures as fx

# Every control a self-hosted deployment should have, owned by the organization.
org_controls := [
	{"control": "content-moderation", "owner": "org", "implemented": true, "evidence": "runbook/moderation.md"},
	{"control": "logging-monitoring", "owner": "org", "implemented": true, "evidence": null},
	{"control": "incident-response", "owner": "org", "implemented": true, "evidence": null},
	{"control": "abuse-monitoring", "owner": "org", "implemented": true, "evidence": null},
	{"control": "patching-rollback", "owner": "org", "implemented": true, "evidence": null},
]

# A vendor API deployment with vendor moderation backed by evidence.
vendor_deployment := {
	"mode": "vendor-hosted",
	"operator": "OpenAI",
	"retention": {
		"days": 30,
		"zero_data_retention": false,
		"abuse_monitoring_days": null,
		"human_review_possible": true,
		"contract_ref": null,
	},
	"safety_controls": [
		{
			"control": "content-moderation",
			"owner": "vendor",
			"implemented": true,
			"evidence": "https://example.com/moderation",
		},
		{"control": "logging-monitoring", "owner": "org", "implemented": true, "evidence": null},
		{"control": "incident-response", "owner": "org", "implemented": true, "evidence": null},
	],
}

closed_model := {"access_class": "closed", "weights": {"availability": "none", "license_acceptance": null}}

disclosure := [{"control": "ai-disclosure", "owner": "org", "implemented": true, "evidence": "ui/banner"}]

# A high-risk use case that meets every high-risk duty.
high_risk_use_case := {
	"risk": {"eu_ai_act": "high", "annex_iii_area": "employment", "internal_tier": "medium"},
	"human_oversight": "human-in-the-loop",
	"evaluation": {"reference": "eval/2026-10.pdf", "date": "2026-10-01"},
	"safety_controls": disclosure,
}

# METADATA
# title: Rule ids denied for an input built from overrides
denied(o) := ids if {
	ids := fx.rules_of(safety.deny) with input as fx.input_with(o)
}

# METADATA
# title: Rule ids warned for an input built from overrides
warned(o) := ids if {
	ids := fx.rules_of(safety.warn) with input as fx.input_with(o)
}

# METADATA
# title: The rule does not deny (and evaluation succeeded)
not_denied(o, id) if {
	ids := denied(o)
	not id in ids
}

# METADATA
# title: The rule does not warn (and evaluation succeeded)
not_warned(o, id) if {
	ids := warned(o)
	not id in ids
}

# --- the clean base ---------------------------------------------------------------------------

test_fully_controlled_self_hosted_choice_is_clean if {
	o := {"deployment": {"safety_controls": org_controls}}
	count(denied(o)) == 0
	count(warned(o)) == 0
}

test_fully_controlled_vendor_choice_is_clean if {
	o := {"model": closed_model, "deployment": vendor_deployment}
	count(denied(o)) == 0
	count(warned(o)) == 0
}

# --- GOV-SAF-001 ------------------------------------------------------------------------------

test_self_hosted_without_org_moderation_is_denied if {
	"GOV-SAF-001" in denied({"deployment": {"safety_controls": []}})
}

test_self_hosted_with_org_moderation_passes if {
	controls := [{"control": "content-moderation", "owner": "org", "implemented": true}]
	not_denied({"deployment": {"safety_controls": controls}}, "GOV-SAF-001")
}

test_vendor_owned_moderation_on_own_infrastructure_is_denied if {
	controls := [{"control": "content-moderation", "owner": "vendor", "implemented": true}]
	"GOV-SAF-001" in denied({"deployment": {"safety_controls": controls}})
}

# --- GOV-SAF-002 ------------------------------------------------------------------------------

test_missing_required_control_is_denied_per_control if {
	controls := [c | some c in org_controls; not c.control in {"logging-monitoring", "incident-response"}]
	denials := safety.deny with input as fx.input_with({"deployment": {"safety_controls": controls}})
	msgs := {f.message | some f in denials; f.rule == "GOV-SAF-002"}
	count(msgs) == 2
	some m in msgs
	contains(m, "'logging-monitoring'")
}

test_required_control_listed_but_not_implemented_points_at_flag if {
	controls := [
		{"control": "content-moderation", "owner": "org", "implemented": true, "evidence": "x"},
		{"control": "logging-monitoring", "owner": "org", "implemented": false, "evidence": null},
		{"control": "incident-response", "owner": "org", "implemented": true, "evidence": null},
	]
	denials := safety.deny with input as fx.input_with({"deployment": {"safety_controls": controls}})
	some f in denials
	f.rule == "GOV-SAF-002"
	f.field == "/models/0/deployments/0/safety_controls/1/implemented"
	contains(f.message, "listed but not implemented")
}

test_required_control_implemented_by_vendor_counts if {
	o := {"model": closed_model, "deployment": vendor_deployment}
	not_denied(o, "GOV-SAF-002")
}

test_required_controls_of_another_tier_do_not_apply if {
	o := {
		"deployment": {"safety_controls": []},
		"use_case": {"risk": {"eu_ai_act": "minimal", "annex_iii_area": null, "internal_tier": "low"}},
	}
	not_denied(o, "GOV-SAF-002")
}

test_no_required_controls_no_finding if {
	o := {"deployment": {"safety_controls": []}, "organization": {"requirements": object.union(
		fx.base_organization.requirements,
		{"required_controls": []},
	)}}
	not_denied(o, "GOV-SAF-002")
}

test_required_moderation_on_own_deployment_is_reported_by_saf_001 if {
	controls := [c | some c in org_controls; c.control != "content-moderation"]
	denials := safety.deny with input as fx.input_with({"deployment": {"safety_controls": controls}})
	"GOV-SAF-001" in fx.rules_of(denials)
	not "GOV-SAF-002" in fx.rules_of(denials)
}

# --- GOV-SAF-003 ------------------------------------------------------------------------------

test_vendor_owned_patching_on_own_deployment_is_denied if {
	controls := array.concat(
		[c | some c in org_controls; c.control != "patching-rollback"],
		[{"control": "patching-rollback", "owner": "vendor", "implemented": true, "evidence": "vendor releases"}],
	)
	denials := safety.deny with input as fx.input_with({"deployment": {"safety_controls": controls}})
	some f in denials
	f.rule == "GOV-SAF-003"
	f.field == "/models/0/deployments/0/safety_controls/4/owner"
	contains(f.message, "a vendor cannot own controls on the organization's own deployment")
}

test_vendor_owned_control_on_use_case_is_denied if {
	o := {
		"deployment": {"safety_controls": org_controls},
		"use_case": {"safety_controls": [{
			"control": "incident-response",
			"owner": "vendor",
			"implemented": true,
			"evidence": null,
		}]},
	}
	"GOV-SAF-003" in denied(o)
}

test_vendor_owned_control_on_vendor_api_is_fine if {
	controls := array.concat(vendor_deployment.safety_controls, [{
		"control": "abuse-monitoring",
		"owner": "vendor",
		"implemented": true,
		"evidence": "https://example.com/abuse",
	}])
	o := {"model": closed_model, "deployment": object.union(vendor_deployment, {"safety_controls": controls})}
	not_denied(o, "GOV-SAF-003")
}

test_closed_model_on_premises_may_have_vendor_patching if {
	controls := array.concat(org_controls, [{
		"control": "patching-rollback",
		"owner": "vendor",
		"implemented": true,
		"evidence": "support contract",
	}])
	o := {"model": closed_model, "deployment": {"safety_controls": controls}}
	not_denied(o, "GOV-SAF-003")
}

# --- GOV-SAF-004 ----------------------------------------------------------------------------

test_external_self_hosted_without_abuse_monitoring_is_denied if {
	controls := [c | some c in org_controls; c.control != "abuse-monitoring"]
	o := {
		"deployment": {"safety_controls": controls},
		"use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}},
	}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-004"
	contains(f.message, "no organization-owned abuse-monitoring")
	f.field == "/models/0/deployments/0/safety_controls"
}

test_minors_make_a_self_hosted_gap_a_denial if {
	controls := [c | some c in org_controls; c.control != "patching-rollback"]
	o := {
		"deployment": {"safety_controls": controls},
		"use_case": {"exposure": {"user_facing": true, "external_users": false, "minors_possible": true}},
	}
	"GOV-SAF-004" in denied(o)
}

test_external_self_hosted_with_all_controls_passes if {
	o := {
		"deployment": {"safety_controls": org_controls},
		"use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}},
	}
	not_denied(o, "GOV-SAF-004")
}

test_internal_self_hosted_gap_is_left_to_required_controls if {
	o := {"deployment": {"safety_controls": [c | some c in org_controls; c.control != "patching-rollback"]}}
	not_denied(o, "GOV-SAF-004")
}

test_published_weights_are_not_an_exposed_deployment if {
	o := {
		"deployment": {"safety_controls": [c | some c in org_controls; c.control != "abuse-monitoring"]},
		"use_case": {"exposure": {"user_facing": false, "external_users": true, "minors_possible": false}},
	}
	not_denied(o, "GOV-SAF-004")
}

test_human_in_the_loop_stands_in_for_abuse_monitoring if {
	controls := [c | some c in org_controls; c.control != "abuse-monitoring"]
	o := {
		"deployment": {"safety_controls": controls},
		"use_case": {
			"human_oversight": "human-in-the-loop",
			"exposure": {"user_facing": true, "external_users": true, "minors_possible": true},
		},
	}
	not_denied(o, "GOV-SAF-004")
}

test_human_in_the_loop_does_not_replace_patching if {
	controls := [c | some c in org_controls; c.control != "patching-rollback"]
	o := {
		"deployment": {"safety_controls": controls},
		"use_case": {
			"human_oversight": "human-in-the-loop",
			"exposure": {"user_facing": true, "external_users": true, "minors_possible": false},
		},
	}
	"GOV-SAF-004" in denied(o)
}

test_required_operational_control_is_reported_once if {
	# incident-response is required for the 'medium' tier: GOV-SAF-002 reports it, not 004/005.
	controls := [c | some c in org_controls; c.control != "incident-response"]
	o := {
		"deployment": {"safety_controls": controls},
		"use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}},
	}
	"GOV-SAF-002" in denied(o)
	not_denied(o, "GOV-SAF-004")
}

test_vendor_owned_operational_control_is_reported_once if {
	controls := array.concat(
		[c | some c in org_controls; c.control != "abuse-monitoring"],
		[{"control": "abuse-monitoring", "owner": "vendor", "implemented": true, "evidence": null}],
	)
	o := {
		"deployment": {"safety_controls": controls},
		"use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}},
	}
	"GOV-SAF-003" in denied(o)
	not_denied(o, "GOV-SAF-004")
}

# --- GOV-SAF-005 ------------------------------------------------------------------------------

test_vendor_control_without_evidence_warns if {
	controls := [
		{"control": "content-moderation", "owner": "vendor", "implemented": true, "evidence": null},
		{"control": "logging-monitoring", "owner": "org", "implemented": true, "evidence": null},
		{"control": "incident-response", "owner": "org", "implemented": true, "evidence": null},
	]
	o := {"model": closed_model, "deployment": object.union(vendor_deployment, {"safety_controls": controls})}
	warnings := safety.warn with input as fx.input_with(o)
	some f in warnings
	f.rule == "GOV-SAF-005"
	f.field == "/models/0/deployments/0/safety_controls/0/evidence"
}

test_vendor_control_with_evidence_does_not_warn if {
	not_warned({"model": closed_model, "deployment": vendor_deployment}, "GOV-SAF-005")
}

# --- GOV-SAF-006 ------------------------------------------------------------------------------

no_moderation_org := {"requirements": object.union(
	fx.base_organization.requirements,
	{"required_controls": [{"risk_tier": "medium", "controls": ["logging-monitoring", "incident-response"]}]},
)}

test_vendor_api_without_moderation_warns if {
	controls := [c | some c in vendor_deployment.safety_controls; c.control != "content-moderation"]
	o := {
		"organization": no_moderation_org,
		"model": closed_model,
		"deployment": object.union(vendor_deployment, {"safety_controls": controls}),
	}
	"GOV-SAF-006" in warned(o)
}

test_vendor_api_with_org_moderation_does_not_warn if {
	controls := array.concat(
		[c | some c in vendor_deployment.safety_controls; c.control != "content-moderation"],
		[{"control": "content-moderation", "owner": "org", "implemented": true, "evidence": null}],
	)
	o := {
		"organization": no_moderation_org,
		"model": closed_model,
		"deployment": object.union(vendor_deployment, {"safety_controls": controls}),
	}
	not_warned(o, "GOV-SAF-006")
}

test_vendor_api_moderation_required_is_denied_not_warned if {
	controls := [c | some c in vendor_deployment.safety_controls; c.control != "content-moderation"]
	o := {"model": closed_model, "deployment": object.union(vendor_deployment, {"safety_controls": controls})}
	"GOV-SAF-002" in denied(o)
	not_warned(o, "GOV-SAF-006")
}
