# Licences (continued): the organization's allowed and denied lists, and the licence clauses that
# forbid the use (commercial use, user caps, domicile, hosting, field of use).
# Same package as licenses.rego, whose helpers these rules use.
package governance.rules.licenses

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
	some part in license_parts(m)
	part in denied
	msg := sprintf(
		"%s is licensed under '%s', which the organization denies (requirements.denied_licenses: %s)",
		[m.name, part, concat(", ", denied)],
	)
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
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
	some key in license_parts(m)
	not key in allowed
	msg := sprintf(
		"%s is licensed under '%s', which is not in the organization's allowed licences (%s)",
		[m.name, key, concat(", ", allowed)],
	)
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
}

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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	data.governance.lib.org_operated(c.deployment)
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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	data.governance.lib.vendor_operated(c.deployment)
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
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
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

# --- uses the licence forbids -------------------------------------------------------------------

# METADATA
# title: Restricted uses in words
# description: How a message names each restricted-use id of the licence catalogue.
restricted_use_words := {
	"fully-automated-legal-decisions": concat("", [
		"fully automated decision making that adversely affects an individual's legal rights or creates ",
		"or modifies a binding obligation",
	]),
	"critical-infrastructure": "operating critical infrastructure",
	"military": "military use",
}

# METADATA
# title: Uses of a choice that a licence may restrict
# description: >-
#   The restricted-use ids the use case shows, each with what shows it and the field that says
#   so: fully automated decisions with legal or similar effects, an Annex III area of critical
#   infrastructure, or a purpose tag.
shown_uses(c) := {use |
	c.use_case.automated_decision.fully_automated == true
	c.use_case.automated_decision.legal_or_similar_effect == true
	use := {
		"id": "fully-automated-legal-decisions",
		"shown": "takes fully automated decisions with legal or similarly significant effects",
		"field": concat("", [c.use_case.pointer, "/automated_decision"]),
	}
} | {use |
	c.use_case.risk.annex_iii_area == "critical-infrastructure"
	use := {
		"id": "critical-infrastructure",
		"shown": "is in the EU AI Act Annex III area critical infrastructure",
		"field": concat("", [c.use_case.pointer, "/risk/annex_iii_area"]),
	}
} | {use |
	some i, tag in c.use_case.purpose_tags
	use := {
		"id": tag,
		"shown": sprintf("has purpose tag '%s'", [tag]),
		"field": sprintf("%s/purpose_tags/%d", [c.use_case.pointer, i]),
	}
}

# METADATA
# title: Use the model's licence forbids
# description: >-
#   The model's licence restricts uses (an acceptable-use policy or a use-restrictions
#   attachment) and the use case is one of them: the DeepSeek License forbids fully automated
#   decisions that adversely affect legal rights and military use; the Llama 3.x and 4
#   acceptable-use policies forbid military use and operating critical infrastructure. A
#   derivative carries its base model's restrictions.
# custom:
#   id: GOV-LIC-021
#   severity: error
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MAP 4.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Choose a model whose licence allows the use (e.g. one under Apache-2.0 or MIT), or change
#     the use so that it is not restricted (for automated decisions: put a human in the decision,
#     automated_decision.fully_automated: false). If the use case's facts are wrong, correct them.
deny contains {"rule": "GOV-LIC-021", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	restricted := object.get(lic, "restricted_uses", null)
	is_array(restricted)
	count(restricted) > 0
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	some use in shown_uses(c)
	use.id in restricted
	field := use.field
	msg := sprintf(
		"use case %s %s, but %s is under %s, whose use restrictions forbid %s%s",
		[
			c.use_case.id, use.shown, input.models[model_id].name, lic.name,
			object.get(restricted_use_words, use.id, use.id), caveat(lic, "restricted_uses"),
		],
	)
}
