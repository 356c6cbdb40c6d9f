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
# title: Location catalogue
# description: Countries, groups (EU, EEA, EFTA) and cloud regions (policies/data/locations.yaml).
locations := data.governance.catalog.locations

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
#   The catalogue entry of the model's licence key; undefined for a key not in the catalogue
#   and for the 'unknown' sentinel.
license_of_model(model) := catalog[model.license.key] if model.license.key != "unknown"

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
#   Keys whose key, SPDX id, Hugging Face ids or aliases equal the string, trimmed and
#   case-folded: the catalogue's normalisation, used to suggest the right key.
keys_matching(s) := {key |
	some key, lic in catalog
	some name in array.concat(array.concat([key], lic.hf_ids), lic.aliases)
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
# title: ISO country codes in the location catalogue
# description: Every assigned ISO 3166-1 alpha-2 code.
country_codes := {code | some code, _ in locations.countries}

# METADATA
# title: Countries a location id stands for
# description: >-
#   A country code stands for itself, a group (EU, EEA, EFTA) for its members, a cloud region
#   (optionally 'provider:region') for its country; 'global' and unknown ids for nothing.
location_countries(loc) := ((({loc} & country_codes) | {code |
	some code in locations.groups[loc].countries
}) | {r.country |
	some provider
	r := locations.regions[provider][loc]
}) | {r.country |
	parts := split(loc, ":")
	count(parts) == 2
	r := locations.regions[parts[0]][parts[1]]
}

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

# --- the organization's lists -----------------------------------------------------------------

# METADATA
# title: Denied licence
# description: The model's licence is on the organization's denied_licenses list.
# custom:
#   id: GOV-LIC-003
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Choose a model under a licence that is not in organization.requirements.denied_licenses,
#     or, if the organization has changed its position, remove the licence from that list.
deny contains {"rule": "GOV-LIC-003", "choice": c.id, "field": field, "message": msg} if {
	denied := input.organization.requirements.denied_licenses
	some model_id, m in input.models
	m.license.key in denied
	msg := sprintf(
		"%s is licensed under '%s', which the organization denies (requirements.denied_licenses: %s)",
		[m.name, m.license.key, concat(", ", denied)],
	)
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Licence not on the allow-list
# description: >-
#   The organization allows only the licences in allowed_licenses and the model's licence is
#   not one of them.
# custom:
#   id: GOV-LIC-004
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Choose a model under one of organization.requirements.allowed_licenses, or have the
#     licence reviewed and added to that list.
deny contains {"rule": "GOV-LIC-004", "choice": c.id, "field": field, "message": msg} if {
	allowed := input.organization.requirements.allowed_licenses
	allowed != null
	count(allowed) > 0
	some model_id, m in input.models
	key := m.license.key
	not key in allowed
	msg := sprintf(
		"%s is licensed under '%s', which is not in the organization's allowed licences (%s)",
		[m.name, m.license.key, concat(", ", allowed)],
	)
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Licence not OSI-approved
# description: The organization requires OSI-approved licences and the model's licence is not one.
# custom:
#   id: GOV-LIC-005
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Choose a model whose weights are under an OSI-approved licence (e.g. apache-2.0, mit), or
#     set organization.requirements.require_osi_approved to false.
deny contains {"rule": "GOV-LIC-005", "choice": c.id, "field": field, "message": msg} if {
	input.organization.requirements.require_osi_approved == true
	some model_id, lic in model_license
	lic.osi_approved != true
	msg := sprintf(
		"the organization requires OSI-approved licences but %s is under %s, which %s%s",
		[input.models[model_id].name, lic.name, osi_status(lic), caveat(lic, "osi_approved")],
	)
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: OSI status in words
# description: Not approved, or approval not established (null in the catalogue).
osi_status(lic) := "is not OSI-approved" if lic.osi_approved == false

# METADATA
# title: OSI status in words
# description: The catalogue does not know whether the licence is OSI-approved.
osi_status(lic) := "is not known to be OSI-approved" if lic.osi_approved == null

# --- clauses that forbid the use --------------------------------------------------------------

# METADATA
# title: Non-commercial licence in a commercial use
# description: >-
#   The licence limits use to non-commercial (research, evaluation, non-production) purposes,
#   but the use case is commercial or the organization declares commercial use.
# custom:
#   id: GOV-LIC-006
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Choose a model whose licence allows commercial use, or obtain a commercial licence from
#     the licensor and record it in the model's license (key and url). If the use is genuinely
#     non-commercial, set the use case's commercial to false and, when the organization as a
#     whole is non-commercial, organization.requirements.commercial_use to false.
deny contains {"rule": "GOV-LIC-006", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	non_commercial_license(lic)
	name := input.models[model_id].name
	note := caveat(lic, "commercial_use")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	reason := commercial_reason(c)
	msg := sprintf(
		"%s is under %s, which does not allow commercial use%s, but %s",
		[name, lic.name, note, reason],
	)
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Monthly active users above the licence's cap
# description: >-
#   Above the licence's MAU cap the licensor must grant a separate licence (Llama: 700M, "in
#   its sole discretion"; Qwen: 100M, unverified).
# custom:
#   id: GOV-LIC-007
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Obtain the separate licence from the licensor and record it (license.url, and a waiver
#     referencing the agreement), or choose a model without an MAU cap. If the figure is wrong,
#     correct organization.monthly_active_users.
deny contains {"rule": "GOV-LIC-007", "choice": c.id, "field": field, "message": msg} if {
	mau := input.organization.monthly_active_users
	mau != null
	some model_id, lic in model_license
	lic.mau_cap != null
	mau > lic.mau_cap
	msg := sprintf(
		concat("", [
			"the organization's %d monthly active users exceed the %d MAU cap of %s%s: above it a separate licence ",
			"from the licensor is needed (the licence counts monthly active users %s; the inventory's current figure ",
			"is used as a proxy)",
		]),
		[mau, lic.mau_cap, lic.name, caveat(lic, "mau_cap"), lic.mau_measured_at],
	)
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Monthly active users unknown for a licence with an MAU cap
# description: >-
#   The licence has an MAU cap but the inventory does not say how many monthly active users
#   the organization has, so the cap cannot be checked.
# custom:
#   id: GOV-LIC-008
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Add organization.monthly_active_users: the largest monthly active users across the
#     organization's (and its affiliates') products and services.
warn contains {"rule": "GOV-LIC-008", "choice": c.id, "field": field, "message": msg} if {
	input.organization.monthly_active_users == null
	some model_id, lic in model_license
	lic.mau_cap != null
	msg := sprintf(
		concat("", [
			"%s is under %s, which caps use at %d monthly active users%s, but organization.monthly_active_users is ",
			"not recorded",
		]),
		[input.models[model_id].name, lic.name, lic.mau_cap, caveat(lic, "mau_cap")],
	)
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := input.organization.pointer
}

# METADATA
# title: Gated weights without a recorded licence acceptance
# description: >-
#   The weights sit behind a click-through licence (e.g. Hugging Face gating) and nobody has
#   recorded accepting it on the organization's behalf.
# custom:
#   id: GOV-LIC-009
#   severity: error
#   controls: ["NIST AI RMF GOVERN 1.1", "NIST AI RMF GOVERN 6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Have someone authorised review and accept the terms, then record it under the model's
#     weights.license_acceptance (accepted_by, accepted_on, reference to the ticket or record).
deny contains {"rule": "GOV-LIC-009", "choice": c.id, "field": field, "message": msg} if {
	some model_id, m in input.models
	m.weights.availability == "gated"
	m.weights.license_acceptance == null
	msg := sprintf(
		concat("", [
			"the weights of %s are gated (access requires accepting the '%s' terms) but no acceptance is recorded ",
			"(weights.license_acceptance is empty)",
		]),
		[m.name, m.license.key],
	)
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/weights"])
}

# METADATA
# title: Licence grants no rights to the organization's domicile (self-operated)
# description: >-
#   The licence withholds its rights, for models in scope, from licensees domiciled in the
#   listed jurisdictions: Llama 3.2 (Vision) and Llama 4 multimodal models and the EU. The
#   organization runs the weights itself, so the end-user exemption does not help.
# custom:
#   id: GOV-LIC-010
#   severity: error
#   controls: ["NIST AI RMF GOVERN 1.1", "NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Choose a text-only model of the family (e.g. Llama 3.2 1B/3B, Llama 3.1/3.3) or a
#     multimodal model under other terms (e.g. Gemma 3, Qwen2.5-VL under Apache-2.0). If the
#     domicile is wrong, correct organization.jurisdictions (principal place of business).
deny contains {"rule": "GOV-LIC-010", "choice": c.id, "field": field, "message": msg} if {
	some model_id, hits in model_exclusion_hits
	lic_name := model_license[model_id].name
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	lib.org_operated(c.deployment)
	some hit in hits
	msg := sprintf(
		concat("", [
			"%s is a %s model (modalities: %s) under %s, which grants no rights for such models to licensees ",
			"domiciled in %s; the organization is domiciled in %s and runs it itself (deployment %s)",
		]),
		[c.model.name, hit.scope, hit.modalities, lic_name, hit.jurisdictions, hit.countries, c.deployment.id],
	)
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Licence grants no rights to the organization's domicile (vendor-operated)
# description: >-
#   As GOV-LIC-010, but a vendor runs the model: the licence exempts end users of a product
#   or service that incorporates it, which may cover the organization. Needs confirmation.
# custom:
#   id: GOV-LIC-011
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 1.1", "NIST AI RMF GOVERN 6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Confirm with the vendor (and legal) that the organization uses the model only as an end
#     user of the vendor's service and record the answer in a waiver; otherwise choose a model
#     whose licence covers the organization's domicile.
warn contains {"rule": "GOV-LIC-011", "choice": c.id, "field": field, "message": msg} if {
	some model_id, hits in model_exclusion_hits
	lic_name := model_license[model_id].name
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	lib.vendor_operated(c.deployment)
	some hit in hits
	msg := sprintf(
		concat("", [
			"%s is a %s model (modalities: %s) under %s, which grants no rights for such models to licensees ",
			"domiciled in %s; the organization is domiciled in %s and uses it through deployment %s operated by %s: ",
			"only end users of a product or service incorporating the model are exempt",
		]),
		[
			c.model.name, hit.scope, hit.modalities, lic_name, hit.jurisdictions, hit.countries,
			c.deployment.id, c.deployment.operator,
		],
	)
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Hosted service under a licence that may need a separate hosting licence
# description: >-
#   The licence says that offering the model as a hosted service may require a separate
#   licence (Falcon-180B TII License).
# custom:
#   id: GOV-LIC-012
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Obtain the hosting licence from the licensor (record it in the model's license.url and a
#     waiver), choose a model whose licence allows hosted use, or change the use case's
#     distribution if the model is not offered to others.
deny contains {"rule": "GOV-LIC-012", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.hosting_requires_separate_license == true
	name := input.models[model_id].name
	note := caveat(lic, "hosting_requires_separate_license")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution == "hosted-service"
	msg := sprintf(
		concat("", [
			"use case %s offers %s as a hosted service; under %s, hosted use may require a separate licence from the ",
			"licensor%s",
		]),
		[c.use_case.id, name, lic.name, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# --- duties when distributing (obligations) ---------------------------------------------------

# METADATA
# title: Display the licence's attribution text
# description: >-
#   Distributing or making the model available (including in a hosted product) requires a
#   prominent attribution such as "Built with Llama".
# custom:
#   id: GOV-LIC-013
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Display the attribution text prominently on a related website, user interface, blog
#     post, about page or the product documentation, and keep evidence (e.g. the page URL).
obligation contains {"rule": "GOV-LIC-013", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.attribution_text != null
	name := input.models[model_id].name
	note := caveat(lic, "attribution_text")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution in distributing
	msg := sprintf(
		concat("", [
			"use case %s makes %s available outside the organization (%s): display \"%s\" prominently (website, user ",
			"interface, about page or product documentation), as %s requires%s",
		]),
		[c.use_case.id, name, c.use_case.distribution, lic.attribution_text, lic.name, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Ship the NOTICE file with distributed copies
# description: Copies of the weights (or a derivative) must carry a NOTICE file with set text.
# custom:
#   id: GOV-LIC-014
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.4"]
#   remediation: >-
#     Add a NOTICE file with the required text to every distributed copy (model repository,
#     package or container image).
obligation contains {"rule": "GOV-LIC-014", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.notice_file != null
	name := input.models[model_id].name
	note := caveat(lic, "notice_file")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution in shipping_copies
	msg := sprintf(
		"use case %s distributes copies of %s (%s): ship a NOTICE file with them containing: %s%s",
		[c.use_case.id, name, c.use_case.distribution, lic.notice_file, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Give recipients a copy of the licence
# description: Distributed copies of the weights must come with the licence text.
# custom:
#   id: GOV-LIC-015
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.4"]
#   remediation: >-
#     Include the full licence text (LICENSE file) with every distributed copy and keep the
#     licensor's copyright notices.
obligation contains {"rule": "GOV-LIC-015", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.license_copy_required == true
	name := input.models[model_id].name
	note := caveat(lic, "license_copy_required")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution in shipping_copies
	msg := sprintf(
		"use case %s distributes copies of %s (%s): include the text of %s with them%s",
		[c.use_case.id, name, c.use_case.distribution, lic.name, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Start the derivative model's name with the licence's prefix
# description: >-
#   A model built with the licensed materials (Llama 3.1+: or their outputs) and then
#   distributed must have a name that starts with the prefix ("Llama", "Llama 3").
# custom:
#   id: GOV-LIC-016
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Publish the derivative under a name that starts with the required prefix (e.g.
#     "Llama-3.1-Acme-Support-8B").
obligation contains {"rule": "GOV-LIC-016", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.derivative_name_prefix != null
	name := input.models[model_id].name
	note := caveat(lic, "derivative_name_prefix")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution == "distributes-derivative"
	msg := sprintf(
		concat("", [
			"use case %s distributes %s or a model built with it: under %s, a distributed model built with the ",
			"licensed materials must have a name that starts with \"%s\"%s",
		]),
		[c.use_case.id, name, lic.name, lic.derivative_name_prefix, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Distributed derivative named without the licence's prefix
# description: >-
#   The chosen model is itself a derivative (it has a base_model) that the use case
#   distributes, and its name does not start with the prefix the licence requires.
# custom:
#   id: GOV-LIC-017
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Rename the derivative so that its published name (the model's name) starts with the
#     prefix, e.g. "Llama-3.1-Acme-Support-8B".
warn contains {"rule": "GOV-LIC-017", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	prefix := lic.derivative_name_prefix
	prefix != null
	m := input.models[model_id]
	m.base_model != null
	name := m.name
	not startswith(lower(name), lower(prefix))
	note := caveat(lic, "derivative_name_prefix")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution == "distributes-derivative"
	msg := sprintf(
		"%s is a derivative of %s distributed by use case %s, but its name does not start with \"%s\" as %s requires%s",
		[m.name, m.base_model, c.use_case.id, prefix, lic.name, note],
	)
	field := concat("", [c.model.pointer, "/name"])
}

# METADATA
# title: Pass the licence's use restrictions down to recipients
# description: >-
#   The licence requires its use restrictions to be an enforceable provision of any agreement
#   under which copies or derivatives are distributed (Gemma §3.1, DeepSeek, RAIL family).
# custom:
#   id: GOV-LIC-018
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.4"]
#   remediation: >-
#     Put the licence's use restrictions into the terms recipients accept (licence of the
#     published model, customer contract or EULA) and give them a copy of the licence.
obligation contains {"rule": "GOV-LIC-018", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.restrictions_flow_down == true
	name := input.models[model_id].name
	note := caveat(lic, "restrictions_flow_down")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution in shipping_copies
	msg := sprintf(
		concat("", [
			"use case %s distributes copies of %s (%s): %s requires its use restrictions to be included as an ",
			"enforceable provision in the agreements with recipients%s",
		]),
		[c.use_case.id, name, c.use_case.distribution, lic.name, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Monitor an acceptable-use policy the licensor can change
# description: >-
#   The licence binds the use to an acceptable-use policy that the licensor may update
#   (Gemma, Falcon-180B): a standing duty attached to the approval rather than a defect, so
#   it is an obligation, not a warning.
# custom:
#   id: GOV-LIC-019
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MANAGE 3.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Assign someone to review the acceptable-use policy at its URL periodically (e.g. at each
#     use-case review) and re-check the use case against the current version.
obligation contains {"rule": "GOV-LIC-019", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.aup_updatable == true
	name := input.models[model_id].name
	notes := concat("", [remote_note(lic), caveat(lic, "aup_updatable")])
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	msg := sprintf(
		concat("", [
			"%s is under %s, whose acceptable-use policy (%s) the licensor may update: use case %s must keep ",
			"complying with the current version%s",
		]),
		[name, lic.name, lic.aup_url, c.use_case.id, notes],
	)
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Licence terms reach models trained on the model or its outputs
# description: >-
#   Llama 2 forbids improving other LLMs with its outputs; Llama 3.1+ names derivatives
#   "Llama..."; Gemma and DeepSeek treat distillation (and DeepSeek synthetic data) as
#   derivatives. The distributed derivative carries these terms.
# custom:
#   id: GOV-LIC-020
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Check how the distributed model was built (fine-tuning, distillation, synthetic data
#     from this model) and apply the licence's terms for derivatives to it.
obligation contains {"rule": "GOV-LIC-020", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.output_training_restricted == true
	name := input.models[model_id].name
	note := caveat(lic, "output_training_restricted")
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	c.use_case.distribution == "distributes-derivative"
	msg := sprintf(
		"use case %s distributes %s or a model built with it: %s%s",
		[c.use_case.id, name, lic.output_training_note, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}
