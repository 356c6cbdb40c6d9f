package governance.rules.lineage_test

import data.governance.rules.lineage
import data.governance.test_fixtures as fx

denied(id, inp) := msgs if {
	found := lineage.deny with input as inp
	msgs := {f.message | some f in found; f.rule == id}
}

warned(id, inp) := msgs if {
	found := lineage.warn with input as inp
	msgs := {f.message | some f in found; f.rule == id}
}

llama_base := {
	"name": "meta-llama/Llama-3.1-8B-Instruct",
	"relation": "quantized",
	"origin": "catalogue",
	"key": "llama-3.1-8b-instruct",
	"license": "llama3.1",
}

# what the input builder makes of an apache-2.0 quantisation of Llama 3.1 8B Instruct
requantised := {"model": {
	"catalog_key": null,
	"lineage": llama_base,
	"license": {"key": "llama3.1", "declared_key": "apache-2.0"},
	"facts": {"license": {"value": "llama3.1", "origin": "base model"}},
}}

test_relicensed_derivative_is_denied_naming_both_licences if {
	msgs := denied("GOV-LIN-001", fx.input_with(requantised))
	count(msgs) == 1
	some m in msgs
	startswith(m, concat("", [
		"gpt-oss-20b is a quantized derivative of meta-llama/Llama-3.1-8B-Instruct, whose licence ",
		"is llama3.1 (Llama 3.1 Community License Agreement), but declares apache-2.0 (Apache ",
		"License 2.0)",
	]))
	contains(m, "the 700000000 monthly-active-user cap; the acceptable-use policy; the attribution \"Built with Llama\"")
}

test_derivative_keeping_its_base_licence_is_not_denied if {
	same := {"model": {
		"catalog_key": null,
		"lineage": llama_base,
		"license": {"key": "llama3.1", "declared_key": "llama3.1"},
	}}
	count(denied("GOV-LIN-001", fx.input_with(same))) == 0
}

test_model_without_base_is_not_denied if {
	count(denied("GOV-LIN-001", fx.input_with({"model": {"lineage": null}}))) == 0
}

test_unknown_base_without_own_catalogue_entry_warns if {
	unknown := {"name": "someone/base", "relation": null, "origin": "unknown", "key": null, "license": null}
	msgs := warned("GOV-LIN-002", fx.input_with({"model": {"catalog_key": null, "lineage": unknown}}))
	msgs == {concat("", [
		"gpt-oss-20b is a derivative of someone/base, which is neither in the model facts catalogue ",
		"nor in the inventory: the licence terms it inherits cannot be checked",
	])}
}

test_unknown_base_of_a_catalogued_model_does_not_warn if {
	unknown := {"name": "someone/base", "relation": null, "origin": "unknown", "key": null, "license": null}
	count(warned("GOV-LIN-002", fx.input_with({"model": {"catalog_key": "gpt-oss-20b", "lineage": unknown}}))) == 0
}

eu_org := {"jurisdictions": ["DE"]}

unknown_modalities := {
	"modalities_in": {"value": [], "origin": "unknown"},
	"modalities_out": {"value": [], "origin": "unknown"},
}

llama32 := {
	"license": {"key": "llama3.2", "declared_key": "llama3.2"},
	"facts": unknown_modalities,
	"model_card": {"modalities_in": [], "modalities_out": []},
}

test_unknown_modalities_under_the_eu_clause_warn if {
	msgs := warned("GOV-LIN-003", fx.input_with({"organization": eu_org, "model": llama32}))
	count(msgs) == 1
	some m in msgs
	startswith(m, "whether gpt-oss-20b is multimodal is unknown")
	contains(m, "licensees domiciled in EU, where the organization is (DE)")
}

test_known_modalities_or_a_non_eu_org_do_not_warn if {
	known := object.union(llama32, {"facts": {
		"modalities_in": {"value": ["text"], "origin": "catalogue"},
		"modalities_out": {"value": ["text"], "origin": "catalogue"},
	}})
	count(warned("GOV-LIN-003", fx.input_with({"organization": eu_org, "model": known}))) == 0
	count(warned("GOV-LIN-003", fx.input_with({"organization": {"jurisdictions": ["US"]}, "model": llama32}))) == 0
}
