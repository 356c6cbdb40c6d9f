package governance.rules.catalog_test

import data.governance.rules.catalog
import data.governance.test_fixtures as fx

# The base fixture is gpt-oss-20b (catalog: gpt-oss-20b), declared as the catalogue has it.

card(overrides) := object.union(fx.base_model.model_card, overrides)

hardware(gb, n) := {"accelerator": sprintf("GPU %dGB", [gb]), "accelerator_memory_gb": gb, "count": n}

gpt_oss_120b := {
	"id": "gpt-oss-120b",
	"name": "gpt-oss-120b",
	"catalog": "gpt-oss-120b",
	"model_card": card({"parameters_total": 117000000000, "parameters_active": 5100000000}),
	"source": {"hf_repo": "openai/gpt-oss-120b", "retrieved_on": "2026-11-01", "revision": null, "url": null},
}

# A synthetic catalogue whose facts are all unverified, so the tests do not depend on which
# facts of the shipped catalogue are verified today.
unverified_catalogue := {"models": {"gpt-oss-20b": {
	"name": "gpt-oss-20b",
	"access_class": "open-weight",
	"license": "mit",
	"weights_availability": "gated",
	"parameters_total": 21000000000,
	"context_window": 131072,
	"min_accelerator_memory_gb": 32,
	"source": "https://example.org/card",
	"verified": false,
}}}

test_clean_base_raises_nothing if {
	inp := fx.input_with({})
	count(catalog.deny) == 0 with input as inp
	count(catalog.warn) == 0 with input as inp
}

test_shipped_catalogue_entries_are_complete if {
	required := {
		"name", "provider", "access_class", "license", "hf_repo", "weights_availability", "gated",
		"parameters_total", "parameters_active", "context_window", "modalities_in", "modalities_out",
		"min_accelerator_memory_gb", "mof_class", "source", "verified",
	}
	every e in catalog.catalog {
		every field in required {
			field in object.keys(e)
		}
		e.access_class in {"open-source", "open-weight", "closed"}
		e.weights_availability in {"public", "gated", "none"}
		e.gated == (e.weights_availability == "gated")
		every field in object.get(e, "unverified", []) {
			field in required
		}
	}
}

# --- GOV-CAT-001 -------------------------------------------------------------------------------

test_unknown_catalog_key_warns if {
	warned := catalog.warn with input as fx.input_with({"model": {"catalog": "gpt-oss-21b"}})
	some f in warned
	f.rule == "GOV-CAT-001"
	f.field == "/models/0/catalog"
	contains(f.message, "gpt-oss-120b, gpt-oss-20b")
}

test_no_catalog_key_is_fine if {
	warned := catalog.warn with input as fx.input_with({"model": {"catalog": null}})
	not "GOV-CAT-001" in fx.rules_of(warned)
}

# --- GOV-CAT-002 / 003 licence ---------------------------------------------------------------------

test_licence_contradicting_verified_catalogue_is_denied if {
	lic := {"key": "llama3", "declared": "llama3", "url": null}
	denied := catalog.deny with input as fx.input_with({"model": {"license": lic}})
	some f in denied
	f.rule == "GOV-CAT-002"
	f.field == "/models/0/license/key"
	contains(f.message, "gpt-oss-20b declares licence 'llama3'")
	contains(f.message, "published under 'apache-2.0'")
}

test_licence_matching_catalogue_passes if {
	denied := catalog.deny with input as fx.input_with({})
	not "GOV-CAT-002" in fx.rules_of(denied)
}

test_licence_contradicting_unverified_catalogue_warns if {
	inp := fx.input_with({})
	denied := catalog.deny with input as inp with data.governance.catalog.models as unverified_catalogue
	warned := catalog.warn with input as inp with data.governance.catalog.models as unverified_catalogue
	not "GOV-CAT-002" in fx.rules_of(denied)
	some f in warned
	f.rule == "GOV-CAT-003"
	contains(f.message, "unverified")
}

test_phi4_unverified_licence_warns_only if {
	lic := {"key": "msrla", "declared": "MSRLA", "url": null}
	inp := fx.input_with({"model": {"catalog": "phi-4", "name": "phi-4", "license": lic}})
	not "GOV-CAT-002" in fx.rules_of(catalog.deny) with input as inp
	"GOV-CAT-003" in fx.rules_of(catalog.warn) with input as inp
}

test_licence_matching_unverified_catalogue_passes if {
	lic := {"key": "mit", "declared": "mit", "url": null}
	warned := catalog.warn with input as fx.input_with({"model": {"license": lic}})
		with data.governance.catalog.models as unverified_catalogue
	not "GOV-CAT-003" in fx.rules_of(warned)
}

# --- GOV-CAT-004 / 005 access class ----------------------------------------------------------------

test_open_washing_against_catalogue_is_denied if {
	denied := catalog.deny with input as fx.input_with({"model": {"access_class": "open-source"}})
	some f in denied
	f.rule == "GOV-CAT-004"
	f.field == "/models/0/access_class"
	contains(f.message, "declared open-source")
	contains(f.message, "classifies gpt-oss-20b as open-weight")
}

test_access_class_matching_catalogue_passes if {
	inp := fx.input_with({})
	not "GOV-CAT-004" in fx.rules_of(catalog.deny) with input as inp
	not "GOV-CAT-005" in fx.rules_of(catalog.warn) with input as inp
}

test_under_claiming_access_class_warns if {
	inp := fx.input_with({"model": {"access_class": "closed"}})
	not "GOV-CAT-004" in fx.rules_of(catalog.deny) with input as inp
	"GOV-CAT-005" in fx.rules_of(catalog.warn) with input as inp
}

test_access_class_against_unverified_catalogue_warns if {
	inp := fx.input_with({"model": {"access_class": "open-source"}})
	not "GOV-CAT-004" in fx.rules_of(catalog.deny) with input as inp with data.governance.catalog.models as unverified_catalogue
	"GOV-CAT-005" in fx.rules_of(catalog.warn) with input as inp with data.governance.catalog.models as unverified_catalogue
}

# --- GOV-CAT-006 / 007 / 008 technical facts -------------------------------------------------------

test_parameter_count_far_off_warns if {
	warned := catalog.warn with input as fx.input_with({"model": {"model_card": card({"parameters_total": 117000000000})}})
	some f in warned
	f.rule == "GOV-CAT-006"
	f.field == "/models/0/model_card/parameters_total"
	contains(f.message, "117000000000")
}

test_parameter_count_within_slack_passes if {
	warned := catalog.warn with input as fx.input_with({"model": {"model_card": card({"parameters_total": 20000000000})}})
	not "GOV-CAT-006" in fx.rules_of(warned)
}

test_context_window_far_off_warns_and_says_unverified if {
	warned := catalog.warn with input as fx.input_with({"model": {"model_card": card({"context_window": 8192})}})
	some f in warned
	f.rule == "GOV-CAT-007"
	contains(f.message, "unverified")
}

test_context_window_128k_spelled_128000_passes if {
	warned := catalog.warn with input as fx.input_with({"model": {"model_card": card({"context_window": 128000})}})
	not "GOV-CAT-007" in fx.rules_of(warned)
}

test_weights_availability_mismatch_warns if {
	weights := {"availability": "gated", "license_acceptance": null}
	warned := catalog.warn with input as fx.input_with({"model": {"weights": weights}})
	some f in warned
	f.rule == "GOV-CAT-008"
	f.field == "/models/0/weights/availability"
	contains(f.message, "lists 'public'")
}

test_weights_availability_match_passes if {
	warned := catalog.warn with input as fx.input_with({})
	not "GOV-CAT-008" in fx.rules_of(warned)
}

# --- GOV-CAT-009 / 010 accelerator memory ----------------------------------------------------------

test_gpt_oss_120b_on_24gb_is_denied if {
	inp := fx.input_with({"model": gpt_oss_120b})
	denied := catalog.deny with input as inp
	some f in denied
	f.rule == "GOV-CAT-009"
	f.field == "/models/0/deployments/0/hardware/accelerator_memory_gb"
	contains(f.message, "needs a single accelerator with 80 GB")
}

test_gpt_oss_120b_on_80gb_passes if {
	inp := fx.input_with({"model": gpt_oss_120b, "deployment": {"hardware": hardware(80, 1)}})
	not "GOV-CAT-009" in fx.rules_of(catalog.deny) with input as inp
	not "GOV-CAT-010" in fx.rules_of(catalog.warn) with input as inp
}

test_gpt_oss_120b_sharded_over_two_48gb_warns if {
	inp := fx.input_with({"model": gpt_oss_120b, "deployment": {"hardware": hardware(48, 2)}})
	not "GOV-CAT-009" in fx.rules_of(catalog.deny) with input as inp
	some f in catalog.warn with input as inp
	f.rule == "GOV-CAT-010"
	contains(f.message, "shards the model")
}

test_model_card_memory_overrides_catalogue if {
	inp := fx.input_with({"model": {"model_card": card({"min_accelerator_memory_gb": 40})}})
	some f in catalog.deny with input as inp
	f.rule == "GOV-CAT-009"
	contains(f.message, "according to its model_card.min_accelerator_memory_gb")
}

test_memory_against_unverified_catalogue_warns if {
	inp := fx.input_with({})
	not "GOV-CAT-009" in fx.rules_of(catalog.deny) with input as inp with data.governance.catalog.models as unverified_catalogue
	some f in catalog.warn with input as inp with data.governance.catalog.models as unverified_catalogue
	f.rule == "GOV-CAT-010"
	contains(f.message, "unverified")
}

test_vendor_hosted_has_no_hardware_check if {
	dep := {
		"mode": "vendor-hosted", "operator": "OpenAI", "hardware": hardware(8, 1),
		"retention": {
			"days": 0,
			"zero_data_retention": true,
			"abuse_monitoring_days": null,
			"human_review_possible": false,
			"contract_ref": null,
		},
	}
	inp := fx.input_with({"model": gpt_oss_120b, "deployment": dep})
	not "GOV-CAT-009" in fx.rules_of(catalog.deny) with input as inp
}

test_self_hosted_without_hardware_is_not_judged_here if {
	inp := fx.input_with({"model": gpt_oss_120b, "deployment": {"hardware": null}})
	not "GOV-CAT-009" in fx.rules_of(catalog.deny) with input as inp
}

# --- aliases ---------------------------------------------------------------------------------------

test_alias_resolves_to_entry if {
	lic := {"key": "apache-2.0", "declared": "apache-2.0", "url": null}
	inp := fx.input_with({"model": {"catalog": "gemma-3-27b-it", "name": "gemma-3-27b-it", "license": lic}})
	not "GOV-CAT-001" in fx.rules_of(catalog.warn) with input as inp
	some f in catalog.deny with input as inp
	f.rule == "GOV-CAT-002"
	contains(f.message, "entry 'gemma-3-27b'")
	contains(f.message, "published under 'gemma'")
}

test_aliases_are_unique_and_not_keys if {
	aliases := [a | some e in catalog.catalog; some a in object.get(e, "aliases", [])]
	count(aliases) == count({a | some a in aliases})
	every a in aliases {
		not is_key(a)
	}
}

# `not x[k]` directly inside `every` misbehaves in the embedded engine (regorus); a helper works.
is_key(k) if catalog.catalog[k]

test_fact_verification_semantics if {
	catalog.verified({"verified": true}, "license")
	not catalog.verified({"verified": true, "unverified": ["license"]}, "license")
	not catalog.verified({"verified": false}, "license")
}

# --- GOV-CAT-011 / GOV-CAT-012: MOF class cross-check ------------------------------------------

open_components(names) := [{"name": n, "included": true, "license": "apache-2.0", "location": null} | some n in names]

class_iii := [
	"model-architecture",
	"model-parameters-final",
	"model-card",
	"data-card",
	"evaluation-results",
	"technical-report",
]

test_components_above_the_mot_record_warn_naming_both_classes if {
	inp := fx.input_with({"model": {"components": open_components(class_iii)}})
	msgs := {f.message | some f in catalog.warn with input as inp; f.rule == "GOV-CAT-011"}
	msgs == {concat("", [
		"gpt-oss-20b's recorded components reach MOF Class III, but the model facts catalogue entry 'gpt-oss-20b' ",
		"(https://huggingface.co/openai/gpt-oss-20b; verified) gives no MOF class; recorded as open here, not in ",
		"the MOT record: data-card",
	])}
}

test_components_matching_the_mot_record_say_nothing if {
	inp := fx.input_with({"model": {"components": open_components(["model-architecture", "model-card"])}})
	count({f | some f in catalog.warn with input as inp; f.rule == "GOV-CAT-011"}) == 0
	count({f | some f in catalog.obligation with input as inp; f.rule == "GOV-CAT-012"}) == 0
}

olmo := {
	"name": "OLMo-7B", "catalog": "olmo-7b",
	"components": open_components(array.concat(class_iii, ["training-code", "inference-code", "evaluation-code"])),
}

test_components_below_the_mot_record_are_an_info_naming_what_is_missing if {
	inp := fx.input_with({"model": olmo})
	msgs := {f.message | some f in catalog.obligation with input as inp; f.rule == "GOV-CAT-012"}
	msgs == {concat("", [
		"OLMo-7B's recorded components reach MOF Class III, but the model facts catalogue entry 'olmo-7b' ",
		"(https://huggingface.co/allenai/OLMo-7B; unverified: treat as a hint and check the source) gives ",
		"MOF Class I; missing or not open for MOF Class I: data-preprocessing-code, datasets, evaluation-data, ",
		"model-parameters-intermediate, research-paper",
	])}
	count({f | some f in catalog.warn with input as inp; f.rule == "GOV-CAT-011"}) == 0
}

test_no_stated_class_no_cross_check if {
	inp := fx.input_with({"model": {"catalog": "gemma-3-1b", "components": open_components(class_iii)}})
	count({f | some f in catalog.warn with input as inp; f.rule == "GOV-CAT-011"}) == 0
}

test_without_the_mot_gaps_every_claimed_component_is_named if {
	cat := {"gpt-oss-20b": object.remove(catalog.catalog["gpt-oss-20b"], ["mof_missing"])}
	inp := fx.input_with({"model": {"components": open_components(class_iii)}})
	msgs := {f.message |
		some f in catalog.warn with input as inp with data.governance.catalog.models.models as cat
		f.rule == "GOV-CAT-011"
	}
	some m in msgs
	endswith(m, concat("", [
		"not in the MOT record: data-card, evaluation-results, model-architecture, model-card, ",
		"model-parameters-final",
	]))
}
