package governance.rules.openness_test

import data.governance.rules.openness
import data.governance.test_fixtures as fx

# --- component sets ------------------------------------------------------------------------

comp(name) := {"name": name, "included": true, "license": null, "location": null}

comp_lic(name, key) := {"name": name, "included": true, "license": key, "location": null}

absent(name) := {"name": name, "included": false, "license": null, "location": null}

# gpt-oss as the MOT records it: architecture, inference code, weights, card, report, results.
gpt_oss_components := [
	comp("model-architecture"),
	comp("model-parameters-final"),
	comp("inference-code"),
	comp_lic("model-card", "cc-by-4.0"),
	comp_lic("technical-report", "cc-by-4.0"),
	comp("evaluation-results"),
	absent("training-code"),
	absent("datasets"),
	absent("data-card"),
]

class_iii := [
	comp("model-architecture"),
	comp("model-parameters-final"),
	comp_lic("model-card", "cc-by-4.0"),
	comp_lic("data-card", "cc-by-4.0"),
	comp_lic("technical-report", "cc-by-4.0"),
	comp("evaluation-results"),
]

class_ii := array.concat(class_iii, [
	comp("training-code"),
	comp("inference-code"),
	comp("evaluation-code"),
	comp_lic("evaluation-data", "cc-by-4.0"),
])

class_i := array.concat(class_ii, [
	comp_lic("datasets", "odc-by-1.0"),
	comp("data-preprocessing-code"),
	comp("model-parameters-intermediate"),
	comp_lic("research-paper", "cc-by-4.0"),
])

# OLMo-like: everything OSAID asks for, under Apache-2.0 (the model licence) and CC-BY.
olmo_components := class_i

model_with(overrides) := object.union(fx.base_model, overrides)

# --- helpers -------------------------------------------------------------------------------

test_mof_class_derivation if {
	openness.mof_class(model_with({"components": []})) == "none"
	openness.mof_class(model_with({"components": gpt_oss_components})) == "none"
	openness.mof_class(model_with({"components": class_iii})) == "III"
	openness.mof_class(model_with({"components": class_ii})) == "II"
	openness.mof_class(model_with({"components": class_i})) == "I"
}

test_research_paper_stands_in_for_technical_report if {
	comps := [c | some c in class_iii; c.name != "technical-report"]
	openness.mof_class(model_with({"components": comps})) == "none"
	with_paper := array.concat(comps, [comp_lic("research-paper", "cc-by-4.0")])
	openness.mof_class(model_with({"components": with_paper})) == "III"
}

test_component_licence_defaults_to_model_licence if {
	# Same Class III set, but the model (and so every component without its own licence) is
	# under a non-open licence: the architecture and parameters no longer count.
	m := model_with({"components": class_iii, "license": {"key": "llama3.1", "declared": "llama3.1", "url": null}})
	openness.mof_class(m) == "none"
	"model-parameters-final (licence llama3.1 is not open)" in openness.mof_missing(m, "III")
}

test_unlicensed_component_is_not_open if {
	comps := array.concat([c | some c in class_iii; c.name != "data-card"], [comp_lic("data-card", "unknown")])
	openness.mof_class(model_with({"components": comps})) == "none"
}

test_catalogue_open_data_flag_is_used if {
	# A key only the (test) licence catalogue knows about, flagged open_data.
	comps := array.concat([c | some c in class_iii; c.name != "data-card"], [comp_lic("data-card", "test-open-data")])
	catalogue := {"licenses": {"test-open-data": {"osi_approved": false, "open_data": true}}}
	openness.mof_class(model_with({"components": comps})) == "III" with data.governance.catalog.licenses as catalogue
}

test_osaid_conformance if {
	openness.osaid_conformant(model_with({"components": olmo_components}))
	not openness.osaid_conformant(model_with({"components": gpt_oss_components}))
	not openness.osaid_conformant(model_with({"components": []}))
}

test_osaid_needs_osi_approved_code if {
	# Training code under CC-BY-4.0 is open in the MOF sense, but code needs an OSI licence.
	comps := array.concat([c | some c in olmo_components; c.name != "training-code"], [comp_lic("training-code", "cc-by-4.0")])
	m := model_with({"components": comps})
	not openness.osaid_conformant(m)
	"training-code (licence cc-by-4.0 is not OSI-approved)" in openness.osaid_missing(m)
}

test_osaid_needs_downloadable_weights if {
	m := model_with({"components": olmo_components, "weights": {"availability": "none", "license_acceptance": null}})
	"downloadable parameters (weights.availability is none)" in openness.osaid_missing(m)
}

# --- GOV-OPN-001 open-washing -------------------------------------------------------------------

test_open_washing_gpt_oss_is_denied if {
	denied := openness.deny with input as fx.input_with({"model": {
		"access_class": "open-source",
		"components": gpt_oss_components,
	}})
	some f in denied
	f.rule == "GOV-OPN-001"
	f.field == "/models/0/access_class"
	contains(f.message, "apache-2.0 weights alone do not make gpt-oss-20b open source")
	contains(f.message, "training-code")
	contains(f.message, "data information (data-card or datasets)")
	not contains(f.message, "inference-code")
}

test_open_source_without_components_is_denied if {
	denied := openness.deny with input as fx.input_with({"model": {"access_class": "open-source"}})
	some f in denied
	f.rule == "GOV-OPN-001"
	contains(f.message, "is declared open-source but does not meet OSAID 1.0")
	contains(f.message, "no components are recorded")
}

test_osaid_conformant_open_source_passes if {
	denied := openness.deny with input as fx.input_with({"model": {
		"access_class": "open-source",
		"components": olmo_components,
	}})
	not "GOV-OPN-001" in fx.rules_of(denied)
}

test_open_weight_is_not_checked_for_osaid if {
	denied := openness.deny with input as fx.input_with({"model": {
		"access_class": "open-weight",
		"components": gpt_oss_components,
	}})
	not "GOV-OPN-001" in fx.rules_of(denied)
}

# --- GOV-OPN-002 / 003 access class vs weights ----------------------------------------------------

test_open_weight_without_weights_is_denied if {
	weights := {"availability": "none", "license_acceptance": null}
	denied := openness.deny with input as fx.input_with({"model": {"weights": weights}})
	"GOV-OPN-002" in fx.rules_of(denied)
}

test_open_weight_with_gated_weights_passes if {
	weights := {"availability": "gated", "license_acceptance": null}
	denied := openness.deny with input as fx.input_with({"model": {"weights": weights}})
	not "GOV-OPN-002" in fx.rules_of(denied)
}

test_closed_with_public_weights_warns if {
	warned := openness.warn with input as fx.input_with({"model": {"access_class": "closed"}})
	some f in warned
	f.rule == "GOV-OPN-003"
	contains(f.message, "weights.availability 'public'")
}

test_closed_without_weights_passes if {
	weights := {"availability": "none", "license_acceptance": null}
	inp := fx.input_with({"model": {"access_class": "closed", "weights": weights}})
	not "GOV-OPN-003" in fx.rules_of(openness.warn) with input as inp
	not "GOV-OPN-002" in fx.rules_of(openness.deny) with input as inp
}

# --- GOV-OPN-004 organization allow-list ----------------------------------------------------------

test_access_class_outside_org_allow_list_is_denied if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"allowed_access_classes": [
		"open-source",
		"closed",
	]})}
	denied := openness.deny with input as fx.input_with({"organization": org})
	some f in denied
	f.rule == "GOV-OPN-004"
	contains(f.message, "open-source, closed")
}

test_null_org_allow_list_allows_all if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"allowed_access_classes": null})}
	denied := openness.deny with input as fx.input_with({"organization": org})
	not "GOV-OPN-004" in fx.rules_of(denied)
}

test_empty_org_allow_list_does_not_fire if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"allowed_access_classes": []})}
	denied := openness.deny with input as fx.input_with({"organization": org})
	not "GOV-OPN-004" in fx.rules_of(denied)
}

# --- per-level access rules -------------------------------------------------------------------------

access_rule(overrides) := object.union(
	{
		"classification": "internal",
		"allowed_access_classes": null,
		"min_mof_class": null,
		"require_self_hosted": false,
		"rank": 1,
		"pointer": "/organization/requirements/access/0",
	},
	overrides,
)

with_access(rule, extra) := fx.input_with(object.union(
	{"use_case": {"effective_requirements": object.union(fx.base_use_case.effective_requirements, {"access": rule})}},
	extra,
))

vendor_deployment := {
	"mode": "vendor-hosted",
	"operator": "OpenAI",
	"hardware": null,
	"retention": {
		"days": 0,
		"zero_data_retention": true,
		"abuse_monitoring_days": null,
		"human_review_possible": false,
		"contract_ref": null,
	},
}

# GOV-OPN-005

test_access_class_not_allowed_for_classification_is_denied if {
	denied := openness.deny with input as with_access(access_rule({"allowed_access_classes": ["open-source"]}), {})
	some f in denied
	f.rule == "GOV-OPN-005"
	f.field == "/use_cases/0/model_choices/0/model"
	contains(f.message, "/organization/requirements/access/0")
	contains(f.message, "gpt-oss-20b is open-weight")
}

test_access_class_allowed_for_classification_passes if {
	denied := openness.deny with input as with_access(access_rule({"allowed_access_classes": [
		"open-source",
		"open-weight",
	]}), {})
	not "GOV-OPN-005" in fx.rules_of(denied)
}

test_no_access_rule_passes if {
	denied := openness.deny with input as fx.input_with({})
	count({id | some id in fx.rules_of(denied); startswith(id, "GOV-OPN-")}) == 0
}

# GOV-OPN-006

test_mof_class_below_minimum_is_denied if {
	inp := with_access(access_rule({"min_mof_class": "II"}), {"model": {"components": class_iii}})
	denied := openness.deny with input as inp
	some f in denied
	f.rule == "GOV-OPN-006"
	contains(f.message, "reach Class III")
	contains(f.message, "training-code")
}

test_no_components_is_below_class_iii if {
	denied := openness.deny with input as with_access(access_rule({"min_mof_class": "III"}), {})
	some f in denied
	f.rule == "GOV-OPN-006"
	contains(f.message, "reach no MOF class")
	contains(f.message, "no components are recorded")
}

test_mof_class_at_or_above_minimum_passes if {
	inp := with_access(access_rule({"min_mof_class": "II"}), {"model": {"components": class_i}})
	denied := openness.deny with input as inp
	not "GOV-OPN-006" in fx.rules_of(denied)
}

# GOV-OPN-007

test_vendor_hosted_where_self_hosting_required_is_denied if {
	inp := with_access(access_rule({"require_self_hosted": true}), {"deployment": vendor_deployment})
	denied := openness.deny with input as inp
	some f in denied
	f.rule == "GOV-OPN-007"
	f.field == "/use_cases/0/model_choices/0/deployment"
	contains(f.message, "vendor-hosted, operated by OpenAI")
}

test_private_cloud_where_self_hosting_required_is_denied if {
	dep := object.union(vendor_deployment, {"mode": "private-cloud", "operator": "Microsoft"})
	denied := openness.deny with input as with_access(access_rule({"require_self_hosted": true}), {"deployment": dep})
	"GOV-OPN-007" in fx.rules_of(denied)
}

test_self_hosted_where_self_hosting_required_passes if {
	denied := openness.deny with input as with_access(access_rule({"require_self_hosted": true}), {})
	not "GOV-OPN-007" in fx.rules_of(denied)
}

test_vendor_hosted_without_self_hosting_requirement_passes if {
	denied := openness.deny with input as with_access(access_rule({}), {"deployment": vendor_deployment})
	not "GOV-OPN-007" in fx.rules_of(denied)
}

# --- effective access class -----------------------------------------------------------------------

test_effective_access_class if {
	openness.effective_access_class(model_with({
		"access_class": "open-source",
		"components": gpt_oss_components,
	})) == "open-weight"
	openness.effective_access_class(model_with({
		"access_class": "open-source",
		"components": olmo_components,
	})) == "open-source"
	openness.effective_access_class(model_with({
		"access_class": "open-weight",
		"components": olmo_components,
	})) == "open-weight"
	none := {"availability": "none", "license_acceptance": null}
	openness.effective_access_class(model_with({"access_class": "open-weight", "weights": none})) == "closed"
}

test_open_washed_model_is_judged_by_derived_class if {
	inp := with_access(
		access_rule({"allowed_access_classes": ["open-source"]}),
		{"model": {"access_class": "open-source", "components": gpt_oss_components}},
	)
	some f in openness.deny with input as inp
	f.rule == "GOV-OPN-005"
	contains(f.message, "is open-weight (declared open-source, but its recorded components do not meet OSAID 1.0)")
}

test_conformant_open_source_meets_open_source_only_rule if {
	inp := with_access(
		access_rule({"allowed_access_classes": ["open-source"]}),
		{"model": {"access_class": "open-source", "components": olmo_components}},
	)
	not "GOV-OPN-005" in fx.rules_of(openness.deny) with input as inp
}

test_org_allow_list_uses_derived_class if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"allowed_access_classes": ["open-source"]})}
	inp := fx.input_with({"organization": org, "model": {"access_class": "open-source", "components": gpt_oss_components}})
	"GOV-OPN-004" in fx.rules_of(openness.deny) with input as inp
}

# --- conjunctions: open (or OSI-approved) only when every part is ------------------------------

test_a_conjunction_is_open_only_when_every_part_is if {
	openness.acceptable("apache-2.0 AND mit", "osi")
	openness.acceptable("cc-by-4.0 AND odc-by-1.0", "open")
	not openness.acceptable("cc-by-4.0 AND odc-by-1.0", "osi")
	not openness.acceptable("apache-2.0 AND cc-by-nc-4.0", "open")
	not openness.acceptable("apache-2.0 AND llama3.1", "open")
}
