# Tests of the licence clauses that forbid the use (GOV-LIC-005 onwards; licenses_use.rego and
# licenses_obligations.rego). Same package as licenses_test.rego, whose helpers they use.
package governance.rules.licenses_test

import data.governance.rules.licenses
import data.governance.test_fixtures as fx

# --- GOV-LIC-005: OSI-approved ----------------------------------------------------------------

test_non_osi_licence_is_denied_when_osi_is_required if {
	inp := fx.input_with({"model": under("llama3.3"), "organization": {"requirements": {"require_osi_approved": true}}})
	denied := licenses.deny with input as inp
	"GOV-LIC-005" in fx.rules_of(denied)
}

test_osi_licence_passes_when_osi_is_required if {
	inp := fx.input_with({"organization": {"requirements": {"require_osi_approved": true}}})
	denied := licenses.deny with input as inp
	not "GOV-LIC-005" in fx.rules_of(denied)
}

test_osi_status_not_established_says_unverified if {
	inp := fx.input_with({"model": under("openmdw-1.0"), "organization": {"requirements": {"require_osi_approved": true}}})
	denied := licenses.deny with input as inp
	some m in messages(denied, "GOV-LIC-005")
	contains(m, "not known to be OSI-approved")
	contains(m, "unverified")
}

test_non_osi_licence_passes_when_osi_is_not_required if {
	denied := licenses.deny with input as fx.input_with({"model": under("llama3.3")})
	not "GOV-LIC-005" in fx.rules_of(denied)
}

# --- GOV-LIC-006: non-commercial licence ----------------------------------------------------

test_research_licence_in_commercial_use_case_is_denied if {
	denied := licenses.deny with input as fx.input_with({"model": under("qwen-research")})
	"GOV-LIC-006" in fx.rules_of(denied)
	some m in messages(denied, "GOV-LIC-006")
	contains(m, "use case internal-search is commercial")
}

test_non_commercial_licence_in_non_commercial_organization_passes if {
	inp := fx.input_with({
		"model": under("cc-by-nc-4.0"),
		"use_case": {"commercial": false},
		"organization": {"requirements": {"commercial_use": false, "denied_licenses": []}},
	})
	denied := licenses.deny with input as inp
	count(denied) == 0
}

test_commercial_organization_forbids_non_commercial_licence_everywhere if {
	inp := fx.input_with({"model": under("cc-by-nc-sa-4.0"), "use_case": {"commercial": false}})
	denied := licenses.deny with input as inp
	some m in messages(denied, "GOV-LIC-006")
	contains(m, "requirements.commercial_use: true")
}

test_verified_non_commercial_fact_is_not_called_unverified if {
	denied := licenses.deny with input as fx.input_with({"model": under("cc-by-nc-4.0")})
	some m in messages(denied, "GOV-LIC-006")
	not contains(m, "unverified")
}

test_unverified_non_commercial_fact_says_so if {
	denied := licenses.deny with input as fx.input_with({"model": under("msrla")})
	some m in messages(denied, "GOV-LIC-006")
	contains(m, "unverified")
}

test_commercial_licence_in_commercial_use_passes if {
	denied := licenses.deny with input as fx.input_with({"model": under("llama3.1")})
	not "GOV-LIC-006" in fx.rules_of(denied)
}

# --- GOV-LIC-007 / 008: MAU caps ------------------------------------------------------------

test_mau_above_llama_cap_is_denied if {
	inp := fx.input_with({"model": under("llama3.1"), "organization": {"monthly_active_users": 800000000}})
	denied := licenses.deny with input as inp
	"GOV-LIC-007" in fx.rules_of(denied)
	some m in messages(denied, "GOV-LIC-007")
	contains(m, "800000000")
	contains(m, "700000000")
	contains(m, "2024-07-23")
	not contains(m, "unverified")
}

test_mau_at_the_llama_cap_passes if {
	inp := fx.input_with({"model": under("llama3.1"), "organization": {"monthly_active_users": 700000000}})
	denied := licenses.deny with input as inp
	not "GOV-LIC-007" in fx.rules_of(denied)
}

test_mau_above_qwen_cap_is_denied_as_unverified if {
	inp := fx.input_with({"model": under("qwen"), "organization": {"monthly_active_users": 150000000}})
	denied := licenses.deny with input as inp
	some m in messages(denied, "GOV-LIC-007")
	contains(m, "100000000")
	contains(m, "unverified")
}

test_small_organization_passes_the_mau_cap if {
	denied := licenses.deny with input as fx.input_with({"model": under("llama3.1")})
	not "GOV-LIC-007" in fx.rules_of(denied)
}

test_unknown_mau_with_a_capped_licence_warns if {
	inp := fx.input_with({"model": under("llama3.3"), "organization": {"monthly_active_users": null}})
	warned := licenses.warn with input as inp
	"GOV-LIC-008" in fx.rules_of(warned)
	fields(warned, "GOV-LIC-008") == {"/organization"}
}

test_unknown_mau_without_a_cap_does_not_warn if {
	inp := fx.input_with({"organization": {"monthly_active_users": null}})
	warned := licenses.warn with input as inp
	not "GOV-LIC-008" in fx.rules_of(warned)
}

# --- GOV-LIC-009: gated weights -------------------------------------------------------------

test_gated_weights_without_acceptance_are_denied if {
	inp := fx.input_with({"model": {
		"license": {"key": "gemma", "declared": "gemma"},
		"weights": {"availability": "gated"},
	}})
	denied := licenses.deny with input as inp
	"GOV-LIC-009" in fx.rules_of(denied)
	fields(denied, "GOV-LIC-009") == {"/models/0/weights"}
}

test_gated_weights_with_acceptance_pass if {
	acceptance := {"accepted_by": "Jonas Weber", "accepted_on": "2026-01-19", "reference": "PLAT-702"}
	inp := fx.input_with({"model": {"weights": {"availability": "gated", "license_acceptance": acceptance}}})
	denied := licenses.deny with input as inp
	not "GOV-LIC-009" in fx.rules_of(denied)
}

# --- GOV-LIC-010 / 011: Llama 3.2 / 4 multimodal and the EU ----------------------------------

test_eu_company_self_hosting_llama_vision_is_denied if {
	inp := fx.input_with({"model": llama_vision, "organization": {"jurisdictions": ["DE"]}})
	denied := licenses.deny with input as inp
	"GOV-LIC-010" in fx.rules_of(denied)
	some m in messages(denied, "GOV-LIC-010")
	contains(m, "domiciled in DE")
	contains(m, "text, image")
}

test_eu_group_and_eu_region_domicile_count_as_eu if {
	every where in [["EU"], ["eu-central-1"], ["US", "FR"]] {
		inp := fx.input_with({"model": llama_vision, "organization": {"jurisdictions": where}})
		denied := licenses.deny with input as inp
		"GOV-LIC-010" in fx.rules_of(denied)
	}
}

test_us_company_may_self_host_llama_vision if {
	denied := licenses.deny with input as fx.input_with({"model": llama_vision})
	not "GOV-LIC-010" in fx.rules_of(denied)
}

test_eu_company_may_use_text_only_llama_3_2 if {
	text_only := object.union(llama_vision, {
		"name": "Llama-3.2-3B-Instruct",
		"model_card": {"modalities_in": ["text"], "modalities_out": ["text"]},
	})
	inp := fx.input_with({"model": text_only, "organization": {"jurisdictions": ["DE"]}})
	denied := licenses.deny with input as inp
	not "GOV-LIC-010" in fx.rules_of(denied)
}

test_every_llama_4_model_is_in_scope if {
	scout := {
		"name": "Llama-4-Scout-17B-16E-Instruct",
		"license": {"key": "llama4", "declared": "llama4"},
		"model_card": {"modalities_in": ["text"], "modalities_out": ["text"]},
	}
	inp := fx.input_with({"model": scout, "organization": {"jurisdictions": ["NL"]}})
	denied := licenses.deny with input as inp
	"GOV-LIC-010" in fx.rules_of(denied)
}

test_eu_company_using_llama_vision_through_a_vendor_warns if {
	inp := fx.input_with({"model": llama_vision, "deployment": vendor_api, "organization": {"jurisdictions": ["DE"]}})
	denied := licenses.deny with input as inp
	warned := licenses.warn with input as inp
	not "GOV-LIC-010" in fx.rules_of(denied)
	"GOV-LIC-011" in fx.rules_of(warned)
	some m in messages(warned, "GOV-LIC-011")
	contains(m, "end users")
}

test_self_hosting_is_not_the_vendor_warning if {
	inp := fx.input_with({"model": llama_vision, "organization": {"jurisdictions": ["DE"]}})
	warned := licenses.warn with input as inp
	not "GOV-LIC-011" in fx.rules_of(warned)
}

# --- GOV-LIC-012: Falcon-180B as a hosted service --------------------------------------------

test_falcon_180b_hosted_service_is_denied if {
	inp := fx.input_with({"model": under("falcon-180b-tii-1.0"), "use_case": {"distribution": "hosted-service"}})
	denied := licenses.deny with input as inp
	"GOV-LIC-012" in fx.rules_of(denied)
	fields(denied, "GOV-LIC-012") == {"/use_cases/0/distribution"}
	some m in messages(denied, "GOV-LIC-012")
	contains(m, "may require a separate licence")
	contains(m, "unverified")
}

test_falcon_180b_internal_use_passes if {
	denied := licenses.deny with input as fx.input_with({"model": under("falcon-180b-tii-1.0")})
	not "GOV-LIC-012" in fx.rules_of(denied)
}

# --- GOV-LIC-021: uses the licence forbids ---------------------------------------------------

# METADATA
# title: A fully automated decision with legal effect
# description: Override for fx.input_with (a use case deciding loan applications alone).
automated_legal := {"automated_decision": {"fully_automated": true, "legal_or_similar_effect": true}}

test_deepseek_licence_forbids_fully_automated_legal_decisions if {
	inp := fx.input_with({"model": under("deepseek-license-1.0"), "use_case": automated_legal})
	denied := licenses.deny with input as inp
	fields(denied, "GOV-LIC-021") == {"/use_cases/0/automated_decision"}
	some m in messages(denied, "GOV-LIC-021")
	contains(m, "takes fully automated decisions with legal or similarly significant effects")
	contains(m, "DEEPSEEK LICENSE AGREEMENT Version 1.0")
	not contains(m, "unverified")
}

test_deepseek_automated_decision_without_legal_effect_passes if {
	automated := {"automated_decision": {"fully_automated": true, "legal_or_similar_effect": false}}
	inp := fx.input_with({"model": under("deepseek-license-1.0"), "use_case": automated})
	denied := licenses.deny with input as inp
	not "GOV-LIC-021" in fx.rules_of(denied)
}

test_permissive_licence_allows_fully_automated_legal_decisions if {
	denied := licenses.deny with input as fx.input_with({"model": under("mit"), "use_case": automated_legal})
	not "GOV-LIC-021" in fx.rules_of(denied)
}

test_llama_aup_forbids_operating_critical_infrastructure if {
	risk := {"risk": {"eu_ai_act": "high", "annex_iii_area": "critical-infrastructure", "internal_tier": "high"}}
	denied := licenses.deny with input as fx.input_with({"model": under("llama3.1"), "use_case": risk})
	fields(denied, "GOV-LIC-021") == {"/use_cases/0/risk/annex_iii_area"}
	some m in messages(denied, "GOV-LIC-021")
	contains(m, "forbid operating critical infrastructure")
}

test_an_unverified_restriction_says_so if {
	risk := {"risk": {"eu_ai_act": "high", "annex_iii_area": "critical-infrastructure", "internal_tier": "high"}}
	denied := licenses.deny with input as fx.input_with({"model": under("llama3.3"), "use_case": risk})
	some m in messages(denied, "GOV-LIC-021")
	contains(m, "unverified")
}

test_llama_aup_allows_other_high_risk_areas if {
	risk := {"risk": {"eu_ai_act": "high", "annex_iii_area": "employment", "internal_tier": "high"}}
	denied := licenses.deny with input as fx.input_with({"model": under("llama3.1"), "use_case": risk})
	not "GOV-LIC-021" in fx.rules_of(denied)
}

test_a_purpose_tag_the_licence_restricts_is_denied if {
	inp := fx.input_with({"model": under("llama4"), "use_case": {"purpose_tags": ["search", "military"]}})
	denied := licenses.deny with input as inp
	fields(denied, "GOV-LIC-021") == {"/use_cases/0/purpose_tags/1"}
}

test_a_conjunction_forbids_what_any_part_forbids if {
	terms := {
		"name": "MIT License AND DEEPSEEK LICENSE AGREEMENT Version 1.0",
		"verified": true,
		"unverified": [],
		"restricted_uses": ["fully-automated-legal-decisions", "military"],
	}
	model := {"license": {"key": "deepseek-license-1.0 AND mit", "declared": "MIT AND DeepSeek", "terms": terms}}
	denied := licenses.deny with input as fx.input_with({"model": model, "use_case": automated_legal})
	some m in messages(denied, "GOV-LIC-021")
	contains(m, "is under MIT License AND DEEPSEEK LICENSE AGREEMENT Version 1.0, whose use restrictions forbid")
}

test_restrictions_not_recorded_in_the_catalogue_fire_nothing if {
	inp := fx.input_with({
		"model": under("gemma"),
		"use_case": object.union(automated_legal, {"purpose_tags": ["military"]}),
	})
	denied := licenses.deny with input as inp
	not "GOV-LIC-021" in fx.rules_of(denied)
}

# --- obligations ------------------------------------------------------------------------------

test_hosted_llama_must_display_built_with_llama if {
	inp := fx.input_with({"model": under("llama3.1"), "use_case": {"distribution": "hosted-service"}})
	obliged := licenses.obligation with input as inp
	"GOV-LIC-013" in fx.rules_of(obliged)
	some m in messages(obliged, "GOV-LIC-013")
	contains(m, "\"Built with Llama\"")
}

test_internal_llama_needs_no_attribution if {
	obliged := licenses.obligation with input as fx.input_with({"model": under("llama3.1")})
	not "GOV-LIC-013" in fx.rules_of(obliged)
}

test_redistributed_gemma_ships_the_notice_file if {
	inp := fx.input_with({"model": under("gemma"), "use_case": {"distribution": "redistributes-weights"}})
	obliged := licenses.obligation with input as inp
	some m in messages(obliged, "GOV-LIC-014")
	contains(m, "Gemma is provided under and subject to the Gemma Terms of Use")
}

test_hosted_gemma_ships_no_notice_file if {
	inp := fx.input_with({"model": under("gemma"), "use_case": {"distribution": "hosted-service"}})
	obliged := licenses.obligation with input as inp
	not "GOV-LIC-014" in fx.rules_of(obliged)
}

test_redistributed_apache_weights_come_with_the_licence if {
	inp := fx.input_with({"use_case": {"distribution": "redistributes-weights"}})
	obliged := licenses.obligation with input as inp
	"GOV-LIC-015" in fx.rules_of(obliged)
	"GOV-LIC-014" in fx.rules_of(obliged)
}

test_internal_apache_use_has_no_distribution_duties if {
	obliged := licenses.obligation with input as fx.input_with({})
	count(obliged) == 0
}

test_distributed_llama_derivative_needs_the_name_prefix if {
	inp := fx.input_with({"model": under("llama3"), "use_case": {"distribution": "distributes-derivative"}})
	obliged := licenses.obligation with input as inp
	some m in messages(obliged, "GOV-LIC-016")
	contains(m, "must have a name that starts with \"Llama 3\"")
}

test_redistributed_llama_weights_need_no_name_prefix if {
	inp := fx.input_with({"model": under("llama3.1"), "use_case": {"distribution": "redistributes-weights"}})
	obliged := licenses.obligation with input as inp
	not "GOV-LIC-016" in fx.rules_of(obliged)
}

test_derivative_named_without_the_prefix_warns if {
	derivative := {
		"name": "Acme-Support-8B",
		"base_model": "meta-llama/Llama-3.1-8B-Instruct",
		"base_model_relation": "finetune",
		"license": {"key": "llama3.1", "declared": "llama3.1"},
	}
	inp := fx.input_with({"model": derivative, "use_case": {"distribution": "distributes-derivative"}})
	warned := licenses.warn with input as inp
	"GOV-LIC-017" in fx.rules_of(warned)
	fields(warned, "GOV-LIC-017") == {"/models/0/name"}
}

test_derivative_named_with_the_prefix_passes if {
	derivative := {
		"name": "Llama-3.1-Acme-Support-8B",
		"base_model": "meta-llama/Llama-3.1-8B-Instruct",
		"base_model_relation": "finetune",
		"license": {"key": "llama3.1", "declared": "llama3.1"},
	}
	inp := fx.input_with({"model": derivative, "use_case": {"distribution": "distributes-derivative"}})
	warned := licenses.warn with input as inp
	not "GOV-LIC-017" in fx.rules_of(warned)
}

test_redistributed_gemma_passes_restrictions_down if {
	inp := fx.input_with({"model": under("gemma"), "use_case": {"distribution": "redistributes-weights"}})
	obliged := licenses.obligation with input as inp
	some m in messages(obliged, "GOV-LIC-018")
	contains(m, "enforceable provision")
	contains(m, "unverified")
}

test_redistributed_llama_has_no_flow_down if {
	inp := fx.input_with({"model": under("llama3.1"), "use_case": {"distribution": "redistributes-weights"}})
	obliged := licenses.obligation with input as inp
	not "GOV-LIC-018" in fx.rules_of(obliged)
}

test_gemma_acceptable_use_policy_must_be_monitored if {
	obliged := licenses.obligation with input as fx.input_with({"model": under("gemma")})
	some m in messages(obliged, "GOV-LIC-019")
	contains(m, "https://ai.google.dev/gemma/prohibited_use_policy")
	contains(m, "restrict use remotely")
}

test_fixed_licence_needs_no_aup_monitoring if {
	obliged := licenses.obligation with input as fx.input_with({"model": under("llama3.1")})
	not "GOV-LIC-019" in fx.rules_of(obliged)
}

test_distributed_deepseek_derivative_carries_distillation_terms if {
	inp := fx.input_with({"model": under("deepseek-license-1.0"), "use_case": {"distribution": "distributes-derivative"}})
	obliged := licenses.obligation with input as inp
	some m in messages(obliged, "GOV-LIC-020")
	contains(m, "distillation")
	not contains(m, "unverified")
}

test_internal_deepseek_use_has_no_derivative_duty if {
	obliged := licenses.obligation with input as fx.input_with({"model": under("deepseek-license-1.0")})
	not "GOV-LIC-020" in fx.rules_of(obliged)
}
