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
	"retention": {"days": 30, "zero_data_retention": false, "abuse_monitoring_days": null, "human_review_possible": true, "contract_ref": null},
	"safety_controls": [
		{"control": "content-moderation", "owner": "vendor", "implemented": true, "evidence": "https://example.com/moderation"},
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
	o := {"deployment": {"safety_controls": []}, "use_case": {"risk": {"eu_ai_act": "minimal", "annex_iii_area": null, "internal_tier": "low"}}}
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
		"use_case": {"safety_controls": [{"control": "incident-response", "owner": "vendor", "implemented": true, "evidence": null}]},
	}
	"GOV-SAF-003" in denied(o)
}

test_vendor_owned_control_on_vendor_api_is_fine if {
	controls := array.concat(vendor_deployment.safety_controls, [{"control": "abuse-monitoring", "owner": "vendor", "implemented": true, "evidence": "https://example.com/abuse"}])
	o := {"model": closed_model, "deployment": object.union(vendor_deployment, {"safety_controls": controls})}
	not_denied(o, "GOV-SAF-003")
}

test_closed_model_on_premises_may_have_vendor_patching if {
	controls := array.concat(org_controls, [{"control": "patching-rollback", "owner": "vendor", "implemented": true, "evidence": "support contract"}])
	o := {"model": closed_model, "deployment": {"safety_controls": controls}}
	not_denied(o, "GOV-SAF-003")
}

# --- GOV-SAF-004 ----------------------------------------------------------------------------

test_external_self_hosted_without_abuse_monitoring_is_denied if {
	controls := [c | some c in org_controls; c.control != "abuse-monitoring"]
	o := {"deployment": {"safety_controls": controls}, "use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-004"
	contains(f.message, "no organization-owned abuse-monitoring")
	f.field == "/models/0/deployments/0/safety_controls"
}

test_minors_make_a_self_hosted_gap_a_denial if {
	controls := [c | some c in org_controls; c.control != "patching-rollback"]
	o := {"deployment": {"safety_controls": controls}, "use_case": {"exposure": {"user_facing": true, "external_users": false, "minors_possible": true}}}
	"GOV-SAF-004" in denied(o)
}

test_external_self_hosted_with_all_controls_passes if {
	o := {"deployment": {"safety_controls": org_controls}, "use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}}
	not_denied(o, "GOV-SAF-004")
}

test_internal_self_hosted_gap_is_left_to_required_controls if {
	o := {"deployment": {"safety_controls": [c | some c in org_controls; c.control != "patching-rollback"]}}
	not_denied(o, "GOV-SAF-004")
}

test_published_weights_are_not_an_exposed_deployment if {
	o := {"deployment": {"safety_controls": [c | some c in org_controls; c.control != "abuse-monitoring"]}, "use_case": {"exposure": {"user_facing": false, "external_users": true, "minors_possible": false}}}
	not_denied(o, "GOV-SAF-004")
}

test_human_in_the_loop_stands_in_for_abuse_monitoring if {
	controls := [c | some c in org_controls; c.control != "abuse-monitoring"]
	o := {"deployment": {"safety_controls": controls}, "use_case": {"human_oversight": "human-in-the-loop", "exposure": {"user_facing": true, "external_users": true, "minors_possible": true}}}
	not_denied(o, "GOV-SAF-004")
}

test_human_in_the_loop_does_not_replace_patching if {
	controls := [c | some c in org_controls; c.control != "patching-rollback"]
	o := {"deployment": {"safety_controls": controls}, "use_case": {"human_oversight": "human-in-the-loop", "exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}}
	"GOV-SAF-004" in denied(o)
}

test_required_operational_control_is_reported_once if {
	# incident-response is required for the 'medium' tier: GOV-SAF-002 reports it, not 004/005.
	controls := [c | some c in org_controls; c.control != "incident-response"]
	o := {"deployment": {"safety_controls": controls}, "use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}}
	"GOV-SAF-002" in denied(o)
	not_denied(o, "GOV-SAF-004")
}

test_vendor_owned_operational_control_is_reported_once if {
	controls := array.concat(
		[c | some c in org_controls; c.control != "abuse-monitoring"],
		[{"control": "abuse-monitoring", "owner": "vendor", "implemented": true, "evidence": null}],
	)
	o := {"deployment": {"safety_controls": controls}, "use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}}
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
	o := {"organization": no_moderation_org, "model": closed_model, "deployment": object.union(vendor_deployment, {"safety_controls": controls})}
	"GOV-SAF-006" in warned(o)
}

test_vendor_api_with_org_moderation_does_not_warn if {
	controls := array.concat(
		[c | some c in vendor_deployment.safety_controls; c.control != "content-moderation"],
		[{"control": "content-moderation", "owner": "org", "implemented": true, "evidence": null}],
	)
	o := {"organization": no_moderation_org, "model": closed_model, "deployment": object.union(vendor_deployment, {"safety_controls": controls})}
	not_warned(o, "GOV-SAF-006")
}

test_vendor_api_moderation_required_is_denied_not_warned if {
	controls := [c | some c in vendor_deployment.safety_controls; c.control != "content-moderation"]
	o := {"model": closed_model, "deployment": object.union(vendor_deployment, {"safety_controls": controls})}
	"GOV-SAF-002" in denied(o)
	not_warned(o, "GOV-SAF-006")
}

# --- GOV-SAF-007 ------------------------------------------------------------------------------

test_user_facing_limited_risk_without_disclosure_is_denied if {
	o := {"deployment": {"safety_controls": org_controls}, "use_case": {"risk": {"eu_ai_act": "limited", "annex_iii_area": null, "internal_tier": "medium"}}}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-007"
	f.field == "/use_cases/0/safety_controls"
	contains(f.message, "Art. 50")
}

external := {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}

test_eu_organization_needs_disclosure_for_external_users if {
	o := {"deployment": {"safety_controls": org_controls}, "organization": {"jurisdictions": ["DE"]}, "use_case": external}
	"GOV-SAF-007" in denied(o)
}

test_eu_data_subjects_need_disclosure if {
	o := {"deployment": {"safety_controls": org_controls}, "use_case": object.union(external, {"data_subject_jurisdictions": ["EU"]})}
	"GOV-SAF-007" in denied(o)
}

test_eu_region_data_subjects_need_disclosure if {
	o := {"deployment": {"safety_controls": org_controls}, "use_case": object.union(external, {"data_subject_jurisdictions": ["aws:eu-central-1"]})}
	"GOV-SAF-007" in denied(o)
}

test_disclosure_implemented_passes if {
	o := {
		"deployment": {"safety_controls": org_controls},
		"organization": {"jurisdictions": ["EU"]},
		"use_case": object.union(external, {"safety_controls": disclosure}),
	}
	not_denied(o, "GOV-SAF-007")
}

test_disclosure_not_needed_outside_the_eu_ai_act if {
	not_denied({"deployment": {"safety_controls": org_controls}, "use_case": external}, "GOV-SAF-007")
}

test_disclosure_not_needed_for_staff_of_an_eu_organization if {
	o := {"deployment": {"safety_controls": org_controls}, "organization": {"jurisdictions": ["DE"]}}
	not_denied(o, "GOV-SAF-007")
}

test_minors_need_disclosure if {
	o := {"deployment": {"safety_controls": org_controls}, "organization": {"frameworks": ["eu-ai-act"]}, "use_case": {"exposure": {"user_facing": true, "external_users": false, "minors_possible": true}}}
	"GOV-SAF-007" in denied(o)
}

test_disclosure_not_needed_when_not_user_facing if {
	o := {
		"deployment": {"safety_controls": org_controls},
		"organization": {"jurisdictions": ["EU"]},
		"use_case": {"exposure": {"user_facing": false, "external_users": false, "minors_possible": false}},
	}
	not_denied(o, "GOV-SAF-007")
}

# --- GOV-SAF-008 / 009 / 010 ----------------------------------------------------------------

test_high_risk_use_case_meeting_duties_passes if {
	o := {"deployment": {"safety_controls": org_controls}, "use_case": high_risk_use_case}
	d := denied(o)
	not "GOV-SAF-008" in d
	not "GOV-SAF-009" in d
	not "GOV-SAF-010" in d
}

test_high_risk_without_oversight_is_denied if {
	o := {"deployment": {"safety_controls": org_controls}, "use_case": object.union(high_risk_use_case, {"human_oversight": "none"})}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-008"
	f.field == "/use_cases/0/human_oversight"
}

test_high_risk_without_logging_is_denied if {
	no_logging_org := {"requirements": object.union(fx.base_organization.requirements, {"required_controls": []})}
	controls := [c | some c in org_controls; c.control != "logging-monitoring"]
	o := {"organization": no_logging_org, "deployment": {"safety_controls": controls}, "use_case": high_risk_use_case}
	"GOV-SAF-009" in denied(o)
}

test_high_risk_logging_required_by_tier_is_reported_once if {
	controls := [c | some c in org_controls; c.control != "logging-monitoring"]
	o := {"deployment": {"safety_controls": controls}, "use_case": high_risk_use_case}
	"GOV-SAF-002" in denied(o)
	not_denied(o, "GOV-SAF-009")
}

test_high_risk_without_evaluation_is_denied if {
	o := {"deployment": {"safety_controls": org_controls}, "use_case": object.union(high_risk_use_case, {"evaluation": null})}
	"GOV-SAF-010" in denied(o)
}

test_evaluation_not_needed_below_high_risk if {
	not_denied({"deployment": {"safety_controls": org_controls}}, "GOV-SAF-010")
}

# --- GOV-SAF-011 / 012 ------------------------------------------------------------------------

test_prohibited_practice_is_denied if {
	o := {"use_case": {"risk": {"eu_ai_act": "prohibited", "annex_iii_area": null, "internal_tier": "medium"}}}
	"GOV-SAF-011" in denied(o)
}

test_minimal_risk_is_not_prohibited if {
	not_denied({}, "GOV-SAF-011")
}

test_prohibited_purpose_tag_is_denied if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"prohibited_uses": ["emotion-recognition", "social-scoring"]})}
	o := {"organization": org, "use_case": {"purpose_tags": ["search", "social-scoring"]}}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-012"
	f.field == "/use_cases/0/purpose_tags/1"
	contains(f.message, "'social-scoring'")
}

test_allowed_purpose_tag_passes if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"prohibited_uses": ["social-scoring"]})}
	not_denied({"organization": org, "use_case": {"purpose_tags": ["search"]}}, "GOV-SAF-012")
}

# --- GOV-SAF-013 ------------------------------------------------------------------------------

automated := {"automated_decision": {"fully_automated": true, "legal_or_similar_effect": true}}

test_solely_automated_legal_decision_is_denied if {
	"GOV-SAF-013" in denied({"use_case": automated})
}

test_automated_decision_with_oversight_passes if {
	not_denied({"use_case": object.union(automated, {"human_oversight": "human-on-the-loop"})}, "GOV-SAF-013")
}

test_automated_decision_without_legal_effect_passes if {
	o := {"use_case": {"automated_decision": {"fully_automated": true, "legal_or_similar_effect": false}}}
	not_denied(o, "GOV-SAF-013")
}

test_high_risk_automated_decision_reported_by_art_14_rule_only if {
	o := {"use_case": object.union(object.union(high_risk_use_case, automated), {"human_oversight": "none"})}
	d := denied(o)
	"GOV-SAF-008" in d
	not "GOV-SAF-013" in d
	some f in safety.deny with input as fx.input_with(o)
	f.rule == "GOV-SAF-008"
	endswith(f.message, "which GDPR Art. 22 also forbids")
}

test_high_risk_decision_with_a_human_says_nothing_of_art_22 if {
	o := {"use_case": object.union(high_risk_use_case, {"human_oversight": "none"})}
	some f in safety.deny with input as fx.input_with(o)
	f.rule == "GOV-SAF-008"
	contains(f.message, "(Art. 14)")
	not contains(f.message, "GDPR Art. 22")
}

# --- GOV-SAF-014 ------------------------------------------------------------------------------

minors := {"exposure": {"user_facing": true, "external_users": true, "minors_possible": true}}

test_minors_on_vendor_api_without_moderation_is_denied if {
	controls := [c | some c in vendor_deployment.safety_controls; c.control != "content-moderation"]
	o := {
		"organization": no_moderation_org,
		"model": closed_model,
		"deployment": object.union(vendor_deployment, {"safety_controls": controls}),
		"use_case": minors,
	}
	"GOV-SAF-014" in denied(o)
	not_warned(o, "GOV-SAF-006")
}

test_minors_with_vendor_moderation_pass if {
	o := {"model": closed_model, "deployment": vendor_deployment, "use_case": minors}
	not_denied(o, "GOV-SAF-014")
}

test_minors_on_self_hosted_without_moderation_reported_by_saf_001 if {
	o := {"organization": no_moderation_org, "deployment": {"safety_controls": []}, "use_case": minors}
	d := denied(o)
	"GOV-SAF-001" in d
	not "GOV-SAF-014" in d
}
