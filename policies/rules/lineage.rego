# Lineage and effective facts: a derivative (fine-tune, quantisation, merge, distillation,
# adapter) named by base_model inherits its base's licence terms, and a fact the inventory
# omits is taken from the catalogue or the base model, never read as "no" (the input's
# models[].facts and models[].lineage, built before evaluation; docs/policy-authoring.md).
# Sources: the Llama licences (github.com/meta-llama/llama-models), the Gemma Terms of Use
# (ai.google.dev/gemma/terms) and the DeepSeek licence, which reach derivatives and models
# trained on their outputs; docs/sources.md.
package governance.rules.lineage

import data.governance.lib
import data.governance.index
import data.governance.rules.licenses as lic

# METADATA
# title: Licence catalogue
# description: Entries keyed by licence key (policies/data/licenses.yaml).
catalog := object.get(data.governance.catalog, ["licenses", "licenses"], {})

# METADATA
# title: Licence name
# description: '"llama3.1 (Llama 3.1 Community License Agreement)", or the bare key.'
license_text(key) := sprintf("%s (%s)", [key, catalog[key].name]) if {
	catalog[key]
} else := key

# METADATA
# title: How a model derives from its base
# description: '"a quantized derivative", or "a derivative" when base_model_relation is not set.'
relation_text(lineage) := sprintf("a %s derivative", [lineage.relation]) if {
	lineage.relation != null
} else := "a derivative"

# METADATA
# title: Terms of a licence that carry over to derivatives
# description: The clauses a reader should not lose, in words, "; "-separated; empty when none.
carried_terms(l) := concat("; ", [text |
	some term in term_texts
	object.get(l, term.field, null) != null
	object.get(l, term.field, null) != false
	object.get(l, term.field, null) != []
	text := term_text(term, object.get(l, term.field, null))
])

# METADATA
# title: One clause in words
# description: The value goes where the wording has %v; flags are named without it.
term_text(term, value) := sprintf(term.text, [value]) if {
	contains(term.text, "%v")
} else := term.text

# METADATA
# title: Wording of each carried-over clause
# description: Licence catalogue field and how a message names it (%v is the field's value).
term_texts := [
	{"field": "mau_cap", "text": "the %v monthly-active-user cap"},
	{"field": "use_restrictions", "text": "the acceptable-use policy"},
	{"field": "attribution_text", "text": "the attribution \"%v\""},
	{"field": "derivative_name_prefix", "text": "names starting with \"%v\""},
	{"field": "non_commercial", "text": "non-commercial use only"},
	{"field": "excluded_licensee_jurisdictions", "text": "its licensee-jurisdiction exclusions"},
	{"field": "restrictions_flow_down", "text": "restrictions that flow down to recipients"},
]

# METADATA
# title: Licence conflicts per model
# description: >-
#   Keyed by model id: the derivative declared a licence other than its base's, and the base's
#   licence is not an open one (the input then applies the base's licence: license.key).
conflicts[m.id] := msg if {
	some m in input.models
	lineage := object.get(m, "lineage", null)
	lineage != null
	declared := object.get(m.license, "declared_key", m.license.key)
	declared != m.license.key
	m.license.key == lineage.license
	terms := carried_terms(object.get(catalog, m.license.key, {}))
	msg := sprintf(
		"%s is %s of %s, whose licence is %s, but declares %s: a derivative keeps its base's terms%s; the rules apply %s",
		[
			m.name, relation_text(lineage), lineage.name, license_text(lineage.license),
			license_text(declared), terms_note(terms), lineage.license,
		],
	)
}

# METADATA
# title: Carried-over terms in parentheses
# description: Empty when no clause is recorded.
terms_note(terms) := sprintf(" (%s)", [terms]) if {
	terms != ""
} else := ""

# METADATA
# title: Derivative re-declared under a licence its base does not allow
# description: >-
#   A fine-tune, quantisation, merge, distillation or adapter of a model under restrictive terms
#   (Llama, Gemma, Qwen, DeepSeek, RAIL, ...) stays under them: caps, acceptable-use policy,
#   attribution, naming, jurisdiction exclusions and non-commercial clauses reach derivatives.
#   Re-declaring it apache-2.0 (common on model hubs) does not free it; the base's licence is
#   the one the licence rules apply.
# custom:
#   id: GOV-LIN-001
#   severity: error
#   controls: ["NIST AI 600-1 GV-6.1-001", "NIST AI RMF GV-6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set the model's license.key to its base model's licence (keep the hub's string in
#     license.declared), or, if the base_model is wrong, correct it. A derivative of a model
#     under restrictive terms cannot be relicensed by its publisher.
deny contains {"rule": "GOV-LIN-001", "choice": c.id, "field": field, "message": msg} if {
	some model_id, msg in conflicts
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Derivatives of unknown base models
# description: Keyed by model id, for models that have no catalogue entry of their own.
unknown_bases[m.id] := msg if {
	some m in input.models
	lineage := object.get(m, "lineage", null)
	lineage != null
	lineage.origin == "unknown"
	object.get(m, "catalog_key", null) == null
	msg := sprintf(
		concat("", [
			"%s is %s of %s, which is neither in the model facts catalogue nor in the inventory: the licence ",
			"terms it inherits cannot be checked",
		]),
		[m.name, relation_text(lineage), lineage.name],
	)
}

# METADATA
# title: Base model unknown
# description: >-
#   base_model names a model nobody here knows, so whether its licence lets this derivative be
#   used and licensed as declared is unknown. Unknown is not "no restrictions".
# custom:
#   id: GOV-LIN-002
#   severity: warning
#   controls: ["NIST AI 600-1 GV-6.1-001", "NIST AI RMF MP-4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Write base_model as a catalogue key or the base's Hugging Face repository (see
#     policies/data/models.yaml), add the base model to the inventory, or pass a catalogue entry
#     for it with --data.
warn contains {"rule": "GOV-LIN-002", "choice": c.id, "field": field, "message": msg} if {
	some model_id, msg in unknown_bases
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/base_model"])
}

# METADATA
# title: Models whose modalities nobody knows, under a multimodal exclusion
# description: >-
#   Keyed by model id: the licence excludes multimodal models for licensees domiciled in some
#   jurisdictions, the organization is domiciled there, and neither the inventory, the
#   catalogue nor the base model says what the model takes in or puts out.
unknown_modalities[m.id] := msg if {
	count(lic.domicile) > 0
	some m in input.models
	facts := object.get(m, "facts", {})
	object.get(facts, ["modalities_in", "origin"], "inventory") == "unknown"
	object.get(facts, ["modalities_out", "origin"], "inventory") == "unknown"
	l := lic.license_of_model(m)
	some exclusion in l.excluded_licensee_jurisdictions
	exclusion.scope == "multimodal"
	object.get(exclusion, "all_models_multimodal", false) != true
	excluded := {code | some j in exclusion.jurisdictions; some code in lic.location_countries(j)}
	overlap := lic.domicile & excluded
	count(overlap) > 0
	msg := sprintf(
		concat("", [
			"whether %s is multimodal is unknown (no model_card modalities, no catalogue entry or base model ",
			"that says): %s grants no rights to multimodal models to licensees domiciled in %s, where the ",
			"organization is (%s)",
		]),
		[m.name, license_text(m.license.key), concat(", ", exclusion.jurisdictions), concat(", ", sort(overlap))],
	)
}

# METADATA
# title: Modalities unknown under a licence that excludes multimodal models
# description: >-
#   Llama 3.2 grants licensees domiciled in the EU no rights to its multimodal models. When
#   nothing says whether the model is multimodal, that is unknown, not "text only".
# custom:
#   id: GOV-LIN-003
#   severity: warning
#   controls: ["NIST AI 600-1 GV-6.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Record the model's model_card.modalities_in and modalities_out, or point catalog at the
#     model facts catalogue entry of the model.
warn contains {"rule": "GOV-LIN-003", "choice": c.id, "field": field, "message": msg} if {
	some model_id, msg in unknown_modalities
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/model_card"])
}
