# Licences: is the licence of each chosen model known, allowed by the organization, compatible
# with the use (commercial, MAU, domicile, hosting), and which duties come with distributing it.
# Licence facts come from the catalogue policies/data/licenses.yaml
# (data.governance.catalog.licenses); an unverified fact makes the message say "unverified".
package governance.rules.licenses

import data.governance.index
import data.governance.lib

# --- catalogue access -----------------------------------------------------------------------

# METADATA
# title: Licence catalogue
# description: Catalogue entries keyed by licence key (policies/data/licenses.yaml).
catalog := data.governance.catalog.licenses.licenses

# METADATA
# title: Licence facts of a model choice
# description: >-
#   The catalogue entry of the chosen model's licence key. Undefined when the key is not in
#   the catalogue or is the 'unknown' sentinel (those have their own rules), so fact-based
#   rules never fire on a licence nobody has identified.
license_of(c) := license_of_model(c.model)

# METADATA
# title: Licence facts of a model
# description: >-
#   For a conjunction 'a AND b', the merged entry the input carries (license.terms: every
#   part's obligations); else the catalogue entry of the model's licence key. Undefined for a
#   key not in the catalogue and for the 'unknown' sentinel.
license_of_model(model) := model.license.terms if {
	model.license.terms != null
} else := catalog[model.license.key] if model.license.key != "unknown"

# METADATA
# title: Licence keys a model's key stands for
# description: The key itself, or the parts of a conjunction 'a AND b'.
license_parts(model) := split(model.license.key, " AND ")

# METADATA
# title: Licence fact verified
# description: >-
#   True when the catalogue row was read in the licence text ([P]) and the field is not
#   listed in the row's `unverified`.
fact_verified(lic, field) if {
	lic.verified == true
	not field in object.get(lic, "unverified", [])
}

# METADATA
# title: Caveat for an unverified licence fact
# description: Empty for a verified fact; otherwise a parenthesis saying it is unverified.
caveat(lic, field) := "" if fact_verified(lic, field)

# METADATA
# title: Caveat for an unverified licence fact
# description: The parenthesis appended to messages that rely on an unverified fact.
caveat(lic, field) := " (unverified licence fact: check it against the licence text)" if {
	not fact_verified(lic, field)
}

# METADATA
# title: Catalogue keys matching a licence string
# description: >-
#   Keys whose key, name, SPDX id, Hugging Face ids or recorded aliases equal the string,
#   trimmed and case-folded: the catalogue's normalisation, used to suggest the right key.
keys_matching(s) := {key |
	some key, lic in catalog
	some name in array.concat(array.concat([key, lic.name], lic.hf_ids), lic.aliases)
	lower(trim_space(name)) == lower(trim_space(s))
} | {key |
	some key, lic in catalog
	lic.spdx_id != null
	lower(lic.spdx_id) == lower(trim_space(s))
}

# METADATA
# title: Suggested catalogue key for an unknown licence key
# description: A "did you mean" hint from the key or the declared licence string, if any matches.
key_hint(model) := sprintf("; did you mean '%s'?", [concat("' or '", sort(matches))]) if {
	candidates := [s | some s in [model.license.key, model.license.declared]; s != null]
	matches := {k | some s in candidates; some k in keys_matching(s)}
	count(matches) > 0
} else := ""

# --- use context ------------------------------------------------------------------------------

# METADATA
# title: Use case distributes or makes the model available outside the organization
# description: A hosted service, redistributed weights or a distributed derivative model.
distributes(c) if c.use_case.distribution in distributing

# METADATA
# title: Distributions that make the model available outside the organization
# description: The use-case distributions for which distributes(c) holds.
distributing := {"hosted-service", "redistributes-weights", "distributes-derivative"}

# METADATA
# title: Use case ships copies of the weights
# description: The weights themselves (or a derivative of them) go to recipients.
ships_copies(c) if c.use_case.distribution in shipping_copies

# METADATA
# title: Distributions that ship copies of the weights
# description: The use-case distributions for which ships_copies(c) holds.
shipping_copies := {"redistributes-weights", "distributes-derivative"}

# METADATA
# title: Licence limited to non-commercial use
# description: The catalogue marks it non_commercial, or says commercial use is not allowed.
non_commercial_license(lic) if lic.non_commercial == true

# METADATA
# title: Licence limited to non-commercial use
# description: Commercial use explicitly not allowed.
non_commercial_license(lic) if lic.commercial_use == false

# METADATA
# title: Why a choice is commercial
# description: The use case is commercial.
commercial_reason(c) := sprintf("use case %s is commercial", [c.use_case.id]) if {
	c.use_case.commercial == true
}

# METADATA
# title: Why a choice is commercial
# description: The organization declares that it uses models commercially.
commercial_reason(c) := "the organization declares commercial use (requirements.commercial_use: true)" if {
	c.use_case.commercial != true
	input.organization.requirements.commercial_use == true
}

# --- domicile and modalities ----------------------------------------------------------------

# METADATA
# title: Countries a location id stands for
# description: >-
#   As input.locations gives it (the input builder expands every id the inventory and the
#   licence catalogue name): a country code stands for itself, a group (EU, EEA, EFTA) for
#   its members, a cloud region for its country; 'global' and unknown ids for nothing.
location_countries(loc) := {code | some code in input.locations[loc]; code != "global"}

# METADATA
# title: Countries the organization is domiciled in
# description: organization.jurisdictions expanded to ISO codes (DE is in the EU).
domicile := {code |
	some loc in input.organization.jurisdictions
	some code in location_countries(loc)
}

# METADATA
# title: Media modalities
# description: Modalities that make a model multimodal (beyond text).
media_modalities := {"image", "audio", "video"}

# METADATA
# title: Multimodal model
# description: The model card lists image, audio or video among its input or output modalities.
multimodal(model) if {
	some m in array.concat(model.model_card.modalities_in, model.model_card.modalities_out)
	m in media_modalities
}

# METADATA
# title: Model in the scope of a jurisdiction exclusion
# description: The licence says all its models are multimodal (Llama 4).
in_exclusion_scope(model, exclusion) if {
	exclusion.scope == "multimodal"
	exclusion.all_models_multimodal == true
}

# METADATA
# title: Model in the scope of a jurisdiction exclusion
# description: The model itself is multimodal.
in_exclusion_scope(model, exclusion) if {
	exclusion.scope == "multimodal"
	multimodal(model)
}

# METADATA
# title: Licensee-jurisdiction exclusions hit by a choice
# description: >-
#   For each exclusion of the licence whose scope covers the model, the excluded
#   jurisdictions and the organization's countries inside them.
exclusion_hits(c) := exclusion_hits_of_model(c.model)

# METADATA
# title: Licensee-jurisdiction exclusions hit by a model
# description: exclusion_hits for the model of a choice (it depends on nothing else).
exclusion_hits_of_model(model) := {hit |
	lic := license_of_model(model)
	some exclusion in lic.excluded_licensee_jurisdictions
	in_exclusion_scope(model, exclusion)
	excluded := {code | some j in exclusion.jurisdictions; some code in location_countries(j)}
	overlap := domicile & excluded
	count(overlap) > 0
	hit := {
		"scope": exclusion.scope,
		"jurisdictions": concat(", ", exclusion.jurisdictions),
		"countries": concat(", ", sort(overlap)),
		"modalities": sprintf("in: %s; out: %s", [
			concat(", ", model.model_card.modalities_in),
			concat(", ", model.model_card.modalities_out),
		]),
	}
}

# METADATA
# title: AUP monitoring note
# description: What to add when the licensor may also restrict use remotely.
remote_note(lic) := "; the licensor also reserves the right to restrict use remotely" if {
	lic.remote_restriction_clause == true
} else := ""

# --- facts computed once per model -----------------------------------------------------------
# Licence facts depend only on the model (and the organization), not on the choice: the rules
# below derive them once per model here and visit only the choices of the models concerned.

# METADATA
# title: Licence facts of each model
# description: license_of_model, once per model, keyed by the model's id in input.models.
model_license := {model_id: lic |
	some model_id, m in input.models
	lic := license_of_model(m)
}

# METADATA
# title: Licensee-jurisdiction exclusions hit by each model
# description: exclusion_hits_of_model, once per model; only models with at least one hit.
model_exclusion_hits := {model_id: hits |
	count(domicile) > 0
	some model_id, m in input.models
	hits := exclusion_hits_of_model(m)
	count(hits) > 0
}

# --- identifying the licence ----------------------------------------------------------------

# METADATA
# title: Licence key not in the catalogue
# description: >-
#   The model's licence key names no entry in the licence catalogue, so none of its clauses
#   (commercial use, MAU cap, attribution, ...) can be checked.
# custom:
#   id: GOV-LIC-001
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set the model's license.key to a catalogue key (e.g. apache-2.0, llama3.1, gemma, qwen;
#     see policies/data/licenses.yaml) and keep the publisher's string in license.declared. For
#     a licence the catalogue lacks, declare it in a data file passed with --data, under
#     governance.catalog.licenses.licenses.<key>, with the same fields as the built-in entries.
deny contains {"rule": "GOV-LIC-001", "choice": c.id, "field": field, "message": msg} if {
	some model_id, m in input.models
	key := m.license.key
	not catalog[key]
	object.get(m.license, "terms", null) == null
	msg := sprintf(
		"unknown licence: %s declares licence key '%s', which is not in the licence catalogue%s",
		[m.name, m.license.key, key_hint(m)],
	)
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Licence unknown
# description: >-
#   The model's licence is recorded as 'unknown': nobody has established the terms it may be
#   used under.
# custom:
#   id: GOV-LIC-002
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Find the licence of the weights (model card, LICENSE file, vendor terms), set
#     license.key to its catalogue key, license.declared to the publisher's string and
#     license.url to where you read it; or choose another model.
deny contains {"rule": "GOV-LIC-002", "choice": c.id, "field": field, "message": msg} if {
	some model_id, m in input.models
	m.license.key == "unknown"
	msg := sprintf("the licence of %s is unknown%s", [m.name, declared_note(m.license.declared)])
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: What the publisher declared
# description: The declared licence string in a message, when there is one.
declared_note(declared) := sprintf(" (declared as '%s', which maps to no catalogue entry)", [declared]) if {
	declared != null
} else := ""
