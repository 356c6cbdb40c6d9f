# Model facts catalogue: an inventory entry that says `catalog: <key>` describes a model the
# built-in catalogue (policies/data/models.yaml, data.governance.catalog.models) knows. These
# rules compare what the entry declares with what the publisher says, and check that a
# self-hosted deployment's accelerators can hold the model.
#
# Confidence: a catalogue fact is verified when its entry has `verified: true` and the field is
# not listed in the entry's `unverified` (see the catalogue header). Contradicting a verified
# licence or access class is an error; everything that rests on an unverified fact is a
# warning whose message says "unverified".
package governance.rules.catalog

import data.governance.index
import data.governance.lib

# METADATA
# title: Model facts catalogue
# description: Entries keyed by catalogue key (policies/data/models.yaml, mapping `models`).
catalog := data.governance.catalog.models.models

# METADATA
# title: Catalogue key a model's catalog field resolves to
# description: >-
#   The key itself, or the entry that lists it among its `aliases` (e.g. gemma-3-27b-it for
#   gemma-3-27b). Undefined when the model names no catalogue key or an unknown one.
entry_key(model) := model.catalog if {
	catalog[model.catalog]
} else := key if {
	some key, e in catalog
	model.catalog in e.aliases
}

# METADATA
# title: Catalogue entry of a model
# description: Undefined when the model names no catalogue key or an unknown one.
entry(model) := catalog[entry_key(model)]

# METADATA
# title: Verified catalogue fact
# description: The entry is verified and does not list the field as unverified.
verified(e, field) if {
	e.verified == true
	not field in object.get(e, "unverified", [])
}

# METADATA
# title: Verified catalogue fact, as a boolean
# description: true or false (never undefined), for use inside objects.
is_verified(e, field) := true if {
	verified(e, field)
} else := false

# METADATA
# title: Confidence wording
# description: Appended to messages that rest on a catalogue fact.
confidence(e, field) := "verified" if {
	verified(e, field)
} else := "unverified: treat as a hint and check the source"

# METADATA
# title: Where a catalogue fact comes from
# description: '"the catalogue entry gpt-oss-20b (source https://..., unverified: ...)"'
cited(model, e, field) := sprintf(
	"the model facts catalogue entry '%s' (%s; %s)",
	[entry_key(model), e.source, confidence(e, field)],
)

# METADATA
# title: Numbers differ by more than 10%
# description: Slack for rounded publisher figures ("128K" as 128000 or 131072, "7B" for 7.25e9).
differs(declared, expected) if {
	declared != null
	expected != null
	abs(declared - expected) * 10 > expected
}

# METADATA
# title: Openness rank of an access class
# description: closed < open-weight < open-source.
access_rank := {"closed": 0, "open-weight": 1, "open-source": 2}

# METADATA
# title: Catalogue entry per model
# description: >-
#   entry, keyed by model id and resolved once per model (alias resolution walks the whole
#   catalogue). Undefined for models that name no catalogue key or an unknown one.
model_entry := {m.id: e |
	some m in input.models
	e := entry(m)
}

# METADATA
# title: Unknown catalogue key per model
# description: The GOV-CAT-001 message, keyed by model id, for models naming an unknown key.
unknown_key := {m.id: msg |
	some m in input.models
	m.catalog != null
	not entry_key(m)
	msg := sprintf(
		concat("", [
			"%s names catalog key '%s', which the model facts catalogue (policies/data/models.yaml) does not have; ",
			"known keys: %s",
		]),
		[m.name, m.catalog, concat(", ", sort(object.keys(catalog)))],
	)
}

# METADATA
# title: Unknown catalogue key
# description: >-
#   The entry names a catalogue key the built-in model facts catalogue does not have, so none of
#   its facts can be checked (a typo, or a model the catalogue does not cover yet).
# custom:
#   id: GOV-CAT-001
#   severity: warning
#   controls: ["NIST AI RMF GV-1.6", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.6.2.7"]
#   remediation: >-
#     Correct the model's catalog key to one listed in the message, or remove the catalog field
#     when the model is not in the built-in catalogue (then record its facts from the
#     publisher's card in license, weights and model_card).
warn contains {"rule": "GOV-CAT-001", "choice": c.id, "field": field, "message": msg} if {
	some model_id, msg in unknown_key
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/catalog"])
}

# METADATA
# title: Licence contradiction per model
# description: >-
#   Keyed by model id: {"verified", "message"} for models whose declared licence key differs
#   from their catalogue entry's licence.
license_contradiction := {m.id: {"verified": verified_flag, "message": msg} |
	some m in input.models
	e := model_entry[m.id]
	e.license != null
	declared_key(m) != e.license
	verified_flag := is_verified(e, "license")
	msg := license_message(m, e)
}

# METADATA
# title: Licence contradicts the model facts catalogue
# description: >-
#   The declared licence key differs from the verified licence of the catalogued model (e.g.
#   gpt-oss-20b declared under llama3): every licence rule would judge the wrong terms.
# custom:
#   id: GOV-CAT-002
#   severity: error
#   controls: ["NIST AI RMF MP-4.1", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set the model's license.key to the catalogue's licence (read the licence in the model's
#     repository to confirm), or, if the entry is a different model or a derivative under other
#     terms, correct or remove its catalog key.
deny contains {"rule": "GOV-CAT-002", "choice": c.id, "field": field, "message": msg} if {
	some model_id, contradiction in license_contradiction
	contradiction.verified == true
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
	msg := contradiction.message
}

# METADATA
# title: Licence contradicts an unverified catalogue fact
# description: As GOV-CAT-002, but the catalogue's licence is unverified, so it is only a warning.
# custom:
#   id: GOV-CAT-003
#   severity: warning
#   controls: ["NIST AI RMF MP-4.1", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.10.3"]
#   remediation: >-
#     Read the licence in the model's repository and set license.key (and license.url) to
#     what it says; the catalogue's value is unverified and may be the wrong one.
warn contains {"rule": "GOV-CAT-003", "choice": c.id, "field": field, "message": msg} if {
	some model_id, contradiction in license_contradiction
	contradiction.verified == false
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/license/key"])
	msg := contradiction.message
}

# METADATA
# title: Licence contradiction message
# description: Names both keys and the catalogue entry with its source and confidence.
license_message(model, e) := sprintf(
	"%s declares licence '%s', but %s says %s is published under '%s'",
	[model.name, declared_key(model), cited(model, e, "license"), e.name, e.license],
)

# METADATA
# title: Licence key the inventory declared
# description: >-
#   license.key as written: the input applies a restrictive base model's licence to a
#   derivative (license.key) and keeps what the inventory said in license.declared_key.
declared_key(model) := object.get(model.license, "declared_key", model.license.key)

# METADATA
# title: Access class contradiction per model
# description: >-
#   Keyed by model id: {"more_open_than_verified", "message"} for models whose declared access
#   class differs from their catalogue entry's (more_open_than_verified: GOV-CAT-004 applies).
access_contradiction := {m.id: {"more_open_than_verified": denied, "message": msg} |
	some m in input.models
	e := model_entry[m.id]
	e.access_class != null
	m.access_class != e.access_class
	denied := is_cat_004(m, e)
	msg := access_message(m, e)
}

# METADATA
# title: GOV-CAT-004 applies, as a boolean
# description: true or false (never undefined), for use inside objects.
is_cat_004(model, e) := true if {
	cat_004_fires(model, e)
} else := false

# METADATA
# title: Access class more open than the catalogue's
# description: >-
#   The declared access class claims more openness than the verified catalogue class (e.g.
#   gpt-oss declared open-source, GPT-4o declared open-weight): the openness and safety rules
#   would treat it as something it is not.
# custom:
#   id: GOV-CAT-004
#   severity: error
#   controls: ["EU AI Act Art. 53(2)", "NIST AI RMF MP-4.1", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set the model's access_class to the catalogue's class, or, if the entry is a different
#     model, correct or remove its catalog key.
deny contains {"rule": "GOV-CAT-004", "choice": c.id, "field": field, "message": msg} if {
	some model_id, contradiction in access_contradiction
	contradiction.more_open_than_verified == true
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/access_class"])
	msg := contradiction.message
}

# METADATA
# title: Access class differs from the catalogue's
# description: >-
#   The declared class is less open than the catalogue's (harmless but wrong), or the
#   catalogue's class is unverified.
# custom:
#   id: GOV-CAT-005
#   severity: warning
#   controls: ["NIST AI RMF GV-1.6", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.6.2.7"]
#   remediation: >-
#     Set the model's access_class to the catalogue's class once confirmed against the
#     publisher's release (weights, code, data information), or correct the catalog key.
warn contains {"rule": "GOV-CAT-005", "choice": c.id, "field": field, "message": msg} if {
	some model_id, contradiction in access_contradiction
	contradiction.more_open_than_verified == false
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/access_class"])
	msg := contradiction.message
}

# METADATA
# title: GOV-CAT-004 applies
# description: Declared more open than a verified catalogue class.
cat_004_fires(model, e) if {
	access_rank[model.access_class] > access_rank[e.access_class]
	verified(e, "access_class")
}

# METADATA
# title: Access class contradiction message
# description: Names both classes and the catalogue entry with its source and confidence.
access_message(model, e) := sprintf(
	"%s is declared %s, but %s classifies %s as %s",
	[model.name, model.access_class, cited(model, e, "access_class"), e.name, e.access_class],
)

# METADATA
# title: Parameter count contradiction per model
# description: The GOV-CAT-006 message, keyed by model id.
parameters_contradiction := {m.id: msg |
	some m in input.models
	e := model_entry[m.id]
	differs(m.model_card.parameters_total, e.parameters_total)
	msg := sprintf(
		"%s declares %d parameters, but %s lists %d for %s",
		[m.name, m.model_card.parameters_total, cited(m, e, "parameters_total"), e.parameters_total, e.name],
	)
}

# METADATA
# title: Parameter count differs from the catalogue's
# description: The declared total parameters differ from the catalogue's by more than 10%.
# custom:
#   id: GOV-CAT-006
#   severity: warning
#   controls: ["NIST AI RMF GV-1.6", "ISO 42001 A.6.2.7"]
#   remediation: >-
#     Correct model_card.parameters_total from the publisher's card (or check that the catalog
#     key names the right size of the model).
warn contains {"rule": "GOV-CAT-006", "choice": c.id, "field": field, "message": msg} if {
	some model_id, msg in parameters_contradiction
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/model_card/parameters_total"])
}

# METADATA
# title: Context window contradiction per model
# description: The GOV-CAT-007 message, keyed by model id.
context_contradiction := {m.id: msg |
	some m in input.models
	e := model_entry[m.id]
	differs(m.model_card.context_window, e.context_window)
	msg := sprintf(
		"%s declares a context window of %d tokens, but %s lists %d for %s",
		[m.name, m.model_card.context_window, cited(m, e, "context_window"), e.context_window, e.name],
	)
}

# METADATA
# title: Context window differs from the catalogue's
# description: The declared context window differs from the catalogue's by more than 10%.
# custom:
#   id: GOV-CAT-007
#   severity: warning
#   controls: ["NIST AI RMF GV-1.6", "ISO 42001 A.6.2.7"]
#   remediation: >-
#     Correct model_card.context_window (in tokens) from the publisher's card or the context
#     the deployment actually serves, or check the catalog key.
warn contains {"rule": "GOV-CAT-007", "choice": c.id, "field": field, "message": msg} if {
	some model_id, msg in context_contradiction
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/model_card/context_window"])
}

# METADATA
# title: Weights availability contradiction per model
# description: The GOV-CAT-008 message, keyed by model id.
weights_contradiction := {m.id: msg |
	some m in input.models
	e := model_entry[m.id]
	e.weights_availability != null
	m.weights.availability != e.weights_availability
	msg := sprintf(
		"%s declares weights.availability '%s', but %s lists '%s' for %s",
		[m.name, m.weights.availability, cited(m, e, "weights_availability"), e.weights_availability, e.name],
	)
}

# METADATA
# title: Weights availability differs from the catalogue's
# description: >-
#   The declared weights availability (public, gated, none) differs from the catalogue's; a
#   gated model needs its licence acceptance recorded, a closed one cannot be self-hosted.
# custom:
#   id: GOV-CAT-008
#   severity: warning
#   controls: ["NIST AI RMF GV-1.6", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set weights.availability to what the model's download page shows (gated when a
#     click-through guards it, with license_acceptance recorded), or check the catalog key.
warn contains {"rule": "GOV-CAT-008", "choice": c.id, "field": field, "message": msg} if {
	some model_id, msg in weights_contradiction
	some i in index.choices_of_model[model_id]
	c := lib.choices[i]
	field := concat("", [c.model.pointer, "/weights/availability"])
}
