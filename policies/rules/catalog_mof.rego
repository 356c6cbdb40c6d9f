# Model facts catalogue (continued): the MOF class the recorded components reach, cross-checked
# with the class the catalogue entry's `mof_class` says the model's MOT record supports
# (GOV-CAT-011, -012). The computed class decides every rule; the catalogue's class only says
# when the inventory's components tell a different story than the publisher's MOT record.
package governance.rules.catalog

# METADATA
# title: MOF class per catalogued model
# description: >-
#   Keyed by model id: {computed, stated} for models whose catalogue entry records a
#   mof_class that differs from the class openness.rego derives from models[].components.
mof_disagreement := {m.id: {"computed": computed, "stated": e.mof_class, "entry": e} |
	some m in input.models
	e := model_entry[m.id]
	e.mof_class != null
	computed := data.governance.rules.openness.mof_class(m)
	computed != e.mof_class
}

# METADATA
# title: Class wording
# description: '"MOF Class II", or "no MOF class" for none.'
mof_text(cls) := "no MOF class" if {
	cls == "none"
} else := sprintf("MOF Class %s", [cls])

# METADATA
# title: Required components of the classes above one class up to another
# description: Component names the higher class adds over the lower one (cumulative classes).
components_between(lower, higher) := {name |
	cumulative := data.governance.rules.openness.mof_cumulative
	below := object.get(cumulative, lower, [])
	some level in cumulative[higher]
	not level in below
	some name in data.governance.rules.openness.mof_required[level]
}

# METADATA
# title: Recorded components beyond the catalogue's class
# description: >-
#   Those the inventory records as included under an open licence; when the entry lists the
#   components its MOT record lacks (mof_missing), only those among them.
claimed_beyond(m, e, computed) := sort({name |
	some name in components_between(e.mof_class, computed)
	data.governance.rules.openness.has_component(m, name, "open")
	name in object.get(e, "mof_missing", [name])
})

# METADATA
# title: Rank of a MOF class
# description: Higher is more open; "none" is below Class III.
mof_rank(cls) := data.governance.rules.openness.mof_rank[cls]

# METADATA
# title: Components recorded more openly than the MOT record supports
# description: >-
#   The recorded components reach a higher MOF class than the catalogue's MOT-based class: the
#   openness rules (min_mof_class, GOV-OPN-006) credit components the publisher's record does
#   not show as released under open terms.
# custom:
#   id: GOV-CAT-011
#   severity: warning
#   controls: ["NIST AI RMF MP-4.1", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.6.2.7"]
#   remediation: >-
#     Check each component the message names against the model's MOT record and its
#     repository: correct included, license and location, or, when the publisher has since
#     released them, update the catalogue entry's mof_class (with --data) after reading the
#     new record.
warn contains {"rule": "GOV-CAT-011", "choice": c.id, "field": field, "message": msg} if {
	some model_id, d in mof_disagreement
	mof_rank(d.computed) > mof_rank(d.stated)
	m := input.models[model_id]
	msg := sprintf(
		"%s's recorded components reach %s, but %s gives %s; recorded as open here, not in the MOT record: %s",
		[
			m.name, mof_text(d.computed), cited(m, d.entry, "mof_class"), mof_text(d.stated),
			concat(", ", claimed_beyond(m, d.entry, d.computed)),
		],
	)
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	field := concat("", [c.model.pointer, "/components"])
}

# METADATA
# title: Components recorded less openly than the MOT record supports
# description: >-
#   The recorded components reach a lower MOF class than the catalogue's MOT-based class:
#   components are missing from the inventory (or recorded under a licence that is not open),
#   so openness demands may reject a model that meets them.
# custom:
#   id: GOV-CAT-012
#   severity: info
#   controls: ["NIST AI RMF GV-1.6", "ISO 42001 A.6.2.7"]
#   remediation: >-
#     Record the components the message names in models[].components (included, licence,
#     location) from the model's MOT record, or correct their licences; the class follows.
obligation contains {"rule": "GOV-CAT-012", "choice": c.id, "field": field, "message": msg} if {
	some model_id, d in mof_disagreement
	mof_rank(d.computed) < mof_rank(d.stated)
	m := input.models[model_id]
	missing := data.governance.rules.openness.mof_missing(m, d.stated)
	msg := sprintf(
		"%s's recorded components reach %s, but %s gives %s; missing or not open for %s: %s",
		[
			m.name, mof_text(d.computed), cited(m, d.entry, "mof_class"), mof_text(d.stated),
			mof_text(d.stated), concat(", ", sort(missing)),
		],
	)
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	field := concat("", [c.model.pointer, "/components"])
}
