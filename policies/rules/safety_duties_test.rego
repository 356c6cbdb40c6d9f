package governance.rules.safety_duties_test

# The EU AI Act duties (GOV-SAF-007 to GOV-SAF-014, safety_duties.rego); the fixtures and
# helpers are those of safety_test.rego.

import data.governance.rules.safety
import data.governance.rules.safety_test as base
import data.governance.test_fixtures as fx

# --- GOV-SAF-007 ------------------------------------------------------------------------------

test_user_facing_limited_risk_without_disclosure_is_denied if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"use_case": {"risk": {"eu_ai_act": "limited", "annex_iii_area": null, "internal_tier": "medium"}},
	}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-007"
	f.field == "/use_cases/0/safety_controls"
	contains(f.message, "Art. 50")
}

external := {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}}

test_eu_organization_needs_disclosure_for_external_users if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"organization": {"jurisdictions": ["DE"]},
		"use_case": external,
	}
	"GOV-SAF-007" in base.denied(o)
}

test_eu_data_subjects_need_disclosure if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"use_case": object.union(external, {"data_subject_jurisdictions": ["EU"]}),
	}
	"GOV-SAF-007" in base.denied(o)
}

test_eu_region_data_subjects_need_disclosure if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"use_case": object.union(external, {"data_subject_jurisdictions": ["aws:eu-central-1"]}),
	}
	"GOV-SAF-007" in base.denied(o)
}

test_disclosure_implemented_passes if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"organization": {"jurisdictions": ["EU"]},
		"use_case": object.union(external, {"safety_controls": base.disclosure}),
	}
	base.not_denied(o, "GOV-SAF-007")
}

test_disclosure_not_needed_outside_the_eu_ai_act if {
	base.not_denied({"deployment": {"safety_controls": base.org_controls}, "use_case": external}, "GOV-SAF-007")
}

test_disclosure_not_needed_for_staff_of_an_eu_organization if {
	o := {"deployment": {"safety_controls": base.org_controls}, "organization": {"jurisdictions": ["DE"]}}
	base.not_denied(o, "GOV-SAF-007")
}

test_minors_need_disclosure if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"organization": {"frameworks": ["eu-ai-act"]},
		"use_case": {"exposure": {"user_facing": true, "external_users": false, "minors_possible": true}},
	}
	"GOV-SAF-007" in base.denied(o)
}

test_disclosure_not_needed_when_not_user_facing if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"organization": {"jurisdictions": ["EU"]},
		"use_case": {"exposure": {"user_facing": false, "external_users": false, "minors_possible": false}},
	}
	base.not_denied(o, "GOV-SAF-007")
}

# --- GOV-SAF-008 / 009 / 010 ----------------------------------------------------------------

test_high_risk_use_case_meeting_duties_passes if {
	o := {"deployment": {"safety_controls": base.org_controls}, "use_case": base.high_risk_use_case}
	d := base.denied(o)
	not "GOV-SAF-008" in d
	not "GOV-SAF-009" in d
	not "GOV-SAF-010" in d
}

test_high_risk_without_oversight_is_denied if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"use_case": object.union(base.high_risk_use_case, {"human_oversight": "none"}),
	}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-008"
	f.field == "/use_cases/0/human_oversight"
}

test_high_risk_without_logging_is_denied if {
	no_logging_org := {"requirements": object.union(fx.base_organization.requirements, {"required_controls": []})}
	controls := [c | some c in base.org_controls; c.control != "logging-monitoring"]
	o := {"organization": no_logging_org, "deployment": {"safety_controls": controls}, "use_case": base.high_risk_use_case}
	"GOV-SAF-009" in base.denied(o)
}

test_high_risk_logging_required_by_tier_is_reported_once if {
	controls := [c | some c in base.org_controls; c.control != "logging-monitoring"]
	o := {"deployment": {"safety_controls": controls}, "use_case": base.high_risk_use_case}
	"GOV-SAF-002" in base.denied(o)
	base.not_denied(o, "GOV-SAF-009")
}

test_high_risk_without_evaluation_is_denied if {
	o := {
		"deployment": {"safety_controls": base.org_controls},
		"use_case": object.union(base.high_risk_use_case, {"evaluation": null}),
	}
	"GOV-SAF-010" in base.denied(o)
}

test_evaluation_not_needed_below_high_risk if {
	base.not_denied({"deployment": {"safety_controls": base.org_controls}}, "GOV-SAF-010")
}

# --- GOV-SAF-011 / 012 ------------------------------------------------------------------------

test_prohibited_practice_is_denied if {
	o := {"use_case": {"risk": {"eu_ai_act": "prohibited", "annex_iii_area": null, "internal_tier": "medium"}}}
	"GOV-SAF-011" in base.denied(o)
}

test_minimal_risk_is_not_prohibited if {
	base.not_denied({}, "GOV-SAF-011")
}

test_prohibited_purpose_tag_is_denied if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"prohibited_uses": [
		"emotion-recognition",
		"social-scoring",
	]})}
	o := {"organization": org, "use_case": {"purpose_tags": ["search", "social-scoring"]}}
	denials := safety.deny with input as fx.input_with(o)
	some f in denials
	f.rule == "GOV-SAF-012"
	f.field == "/use_cases/0/purpose_tags/1"
	contains(f.message, "'social-scoring'")
}

test_allowed_purpose_tag_passes if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"prohibited_uses": ["social-scoring"]})}
	base.not_denied({"organization": org, "use_case": {"purpose_tags": ["search"]}}, "GOV-SAF-012")
}

# --- GOV-SAF-013 ------------------------------------------------------------------------------

automated := {"automated_decision": {"fully_automated": true, "legal_or_similar_effect": true}}

test_solely_automated_legal_decision_is_denied if {
	"GOV-SAF-013" in base.denied({"use_case": automated})
}

test_automated_decision_with_oversight_passes if {
	base.not_denied({"use_case": object.union(automated, {"human_oversight": "human-on-the-loop"})}, "GOV-SAF-013")
}

test_automated_decision_without_legal_effect_passes if {
	o := {"use_case": {"automated_decision": {"fully_automated": true, "legal_or_similar_effect": false}}}
	base.not_denied(o, "GOV-SAF-013")
}

test_high_risk_automated_decision_reported_by_art_14_rule_only if {
	o := {"use_case": object.union(object.union(base.high_risk_use_case, automated), {"human_oversight": "none"})}
	d := base.denied(o)
	"GOV-SAF-008" in d
	not "GOV-SAF-013" in d
	some f in safety.deny with input as fx.input_with(o)
	f.rule == "GOV-SAF-008"
	endswith(f.message, "which GDPR Art. 22 also forbids")
}

test_high_risk_decision_with_a_human_says_nothing_of_art_22 if {
	o := {"use_case": object.union(base.high_risk_use_case, {"human_oversight": "none"})}
	some f in safety.deny with input as fx.input_with(o)
	f.rule == "GOV-SAF-008"
	contains(f.message, "(Art. 14)")
	not contains(f.message, "GDPR Art. 22")
}

# --- GOV-SAF-014 ------------------------------------------------------------------------------

minors := {"exposure": {"user_facing": true, "external_users": true, "minors_possible": true}}

test_minors_on_vendor_api_without_moderation_is_denied if {
	controls := [c | some c in base.vendor_deployment.safety_controls; c.control != "content-moderation"]
	o := {
		"organization": base.no_moderation_org,
		"model": base.closed_model,
		"deployment": object.union(base.vendor_deployment, {"safety_controls": controls}),
		"use_case": minors,
	}
	"GOV-SAF-014" in base.denied(o)
	base.not_warned(o, "GOV-SAF-006")
}

test_minors_with_vendor_moderation_pass if {
	o := {"model": base.closed_model, "deployment": base.vendor_deployment, "use_case": minors}
	base.not_denied(o, "GOV-SAF-014")
}

test_minors_on_self_hosted_without_moderation_reported_by_saf_001 if {
	o := {"organization": base.no_moderation_org, "deployment": {"safety_controls": []}, "use_case": minors}
	d := base.denied(o)
	"GOV-SAF-001" in d
	not "GOV-SAF-014" in d
}
