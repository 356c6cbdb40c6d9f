# Openness (continued): the effective access class of each model and the organization's
# access-class demands (GOV-OPN-004, -005), and the MOF class a use asks for (GOV-OPN-006, -007).
# Same package as openness.rego, whose licence tests these rules use.
package governance.rules.openness

# METADATA
# title: Access rule reference
# description: "the access rule for 'secret' data and above (/organization/requirements/access/0)"
rule_text(rule) := sprintf("the access rule for '%s' data and above (%s)", [rule.classification, rule.pointer])

# METADATA
# title: Openness rank of an access class
# description: closed < open-weight < open-source.
access_rank := {"closed": 0, "open-weight": 1, "open-source": 2}

# METADATA
# title: Access class derived from the record
# description: >-
#   Domain §8: closed without downloadable parameters; open-source when OSAID-conformant;
#   open-weight otherwise.
derived_access_class(model) := "closed" if {
	model.weights.availability == "none"
} else := "open-source" if {
	osaid_conformant(model)
} else := "open-weight"

# METADATA
# title: Access class the requirements are checked against
# description: >-
#   The less open of the declared and the derived class, so that a model declared open-source
#   whose components do not support it is judged as what it is.
effective_access_class(model) := model.access_class if {
	access_rank[model.access_class] <= access_rank[derived_access_class(model)]
} else := derived_access_class(model)

# METADATA
# title: Access class wording
# description: '"open-weight", or "open-weight (declared open-source, but ...)" when they differ.'
access_text(model) := model.access_class if {
	effective_access_class(model) == model.access_class
} else := sprintf("closed (declared %s, but its weights cannot be downloaded)", [model.access_class]) if {
	effective_access_class(model) == "closed"
} else := sprintf(
	"%s (declared %s, but its recorded components do not meet OSAID 1.0)",
	[effective_access_class(model), model.access_class],
)

# METADATA
# title: Access class derived per model
# description: effective_access_class, keyed by model id and computed once per model.
model_access_class := {m.id: cls |
	some m in input.models
	cls := effective_access_class(m)
}

# METADATA
# title: Access class wording per model
# description: access_text, keyed by model id and computed once per model.
model_access_text := {m.id: text |
	some m in input.models
	text := access_text(m)
}

# METADATA
# title: Models whose access class the organization does not allow
# description: >-
#   Keyed by model id: the GOV-OPN-004 message, defined only when
#   organization.requirements.allowed_access_classes is a non-empty list that lacks the
#   model's effective access class.
org_disallowed_access := {m.id: msg |
	allowed := input.organization.requirements.allowed_access_classes
	allowed != null
	count(allowed) > 0
	some m in input.models
	access_class := model_access_class[m.id]
	not access_class in allowed
	msg := sprintf(
		concat("", [
			"%s is %s, which the organization does not allow: allowed_access_classes ",
			"(/organization/requirements/allowed_access_classes) lists only %s",
		]),
		[m.name, model_access_text[m.id], concat(", ", allowed)],
	)
}

# METADATA
# title: Access class not allowed by the organization
# description: >-
#   organization.requirements.allowed_access_classes lists the access classes the organization
#   accepts at all; null or an empty list means every class. The class checked is the less
#   open of the declared and the derived one (effective_access_class).
# custom:
#   id: GOV-OPN-004
#   severity: error
#   controls: ["NIST AI 600-1 GV-6.1-007", "NIST AI 600-1 GV-6.1-010", "NIST AI RMF GV-6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Replace the model in this use case's model_choices with one of an allowed access class,
#     or, if the organization accepts it, add the class to
#     organization.requirements.allowed_access_classes.
deny contains {"rule": "GOV-OPN-004", "choice": c.id, "field": field, "message": msg} if {
	some c in data.governance.lib.choices
	msg := org_disallowed_access[c.model.id]
	field := concat("", [c.model.pointer, "/access_class"])
}

# METADATA
# title: Access class not allowed for the use case's data
# description: >-
#   The access rule for the use case's classification (requirements.access, the highest level
#   at or below the use case's) restricts the access classes; an empty list means no limit.
#   The class checked is the less open of the declared and the derived one.
# custom:
#   id: GOV-OPN-005
#   severity: error
#   controls: ["NIST AI 600-1 GV-6.1-007", "NIST AI RMF GV-6.1", "ISO 42001 A.10.3", "ISO 42001 A.7.2"]
#   remediation: >-
#     Point this model choice at a model of an allowed access class, lower the use case's
#     data_classification if the data allows it, or widen allowed_access_classes in the
#     access rule for that classification.
deny contains {"rule": "GOV-OPN-005", "choice": c.id, "field": field, "message": msg} if {
	some c in data.governance.lib.choices
	rule := c.use_case.effective_requirements.access
	rule != null
	allowed := rule.allowed_access_classes
	allowed != null
	count(allowed) > 0
	access_class := model_access_class[c.model.id]
	not access_class in allowed
	msg := sprintf(
		"use case '%s' holds '%s' data, and %s allows only %s models, but %s is %s",
		[
			c.use_case.id, c.use_case.data_classification, rule_text(rule),
			concat(", ", allowed), c.model.name, model_access_text[c.model.id],
		],
	)
	field := sprintf("%s/model", [c.pointer])
}

# METADATA
# title: MOF class per model
# description: mof_class, keyed by model id and computed once per model.
model_mof_class := {m.id: cls |
	some m in input.models
	cls := mof_class(m)
}

# METADATA
# title: What a model lacks for each MOF class
# description: >-
#   Keyed by model id, then by class: the sorted, comma-separated mof_missing list, computed
#   once per model.
model_mof_missing_text := {m.id: texts |
	some m in input.models
	texts := {cls: concat(", ", sort(mof_missing(m, cls))) | some cls, _ in mof_cumulative}
}

# METADATA
# title: Wording of a derived MOF class
# description: '"Class II", or "no MOF class" for none.'
class_text(cls) := "no MOF class" if {
	cls == "none"
} else := sprintf("Class %s", [cls])

# METADATA
# title: MOF class below the use case's minimum
# description: >-
#   The access rule for the use case's classification demands a minimum Model Openness
#   Framework class (I is the most open; "none" is below III). The class is derived from the
#   model's recorded components, not asserted.
# custom:
#   id: GOV-OPN-006
#   severity: error
#   controls: ["NIST AI RMF MP-4.1", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.7.5", "ISO 42001 A.10.3"]
#   remediation: >-
#     Record the model's released components (name, included, license, location) in its
#     components list if they exist; otherwise point this model choice at a model that reaches
#     the class, or lower min_mof_class in the access rule for that classification.
deny contains {"rule": "GOV-OPN-006", "choice": c.id, "field": field, "message": msg} if {
	some c in data.governance.lib.choices
	rule := c.use_case.effective_requirements.access
	rule != null
	rule.min_mof_class != null
	derived := model_mof_class[c.model.id]
	mof_rank[derived] < mof_rank[rule.min_mof_class]
	missing_by_class := model_mof_missing_text[c.model.id]
	msg := sprintf(
		concat("", [
			"use case '%s' holds '%s' data, and %s requires MOF Class %s or higher, but %s's recorded components ",
			"reach %s: missing for Class %s: %s%s",
		]),
		[
			c.use_case.id, c.use_case.data_classification, rule_text(rule), rule.min_mof_class,
			c.model.name, class_text(derived), rule.min_mof_class,
			missing_by_class[rule.min_mof_class], no_components_note(c.model),
		],
	)
	field := sprintf("%s/model", [c.pointer])
}

# METADATA
# title: Vendor-operated deployment where self-hosting is required
# description: >-
#   The access rule for the use case's classification requires infrastructure the organization
#   controls (require_self_hosted); a vendor API or a vendor-managed service in the
#   organization's tenant is not that. Closed models, which only run at the vendor, fail here.
# custom:
#   id: GOV-OPN-007
#   severity: error
#   controls: ["NIST AI 600-1 GV-6.1-007", "NIST AI RMF GV-6.1", "ISO 42001 A.10.3", "ISO 42001 A.7.2"]
#   remediation: >-
#     Point this model choice at a self-hosted or edge deployment of an open or open-weight
#     model, lower the use case's data_classification if the data allows it, or drop
#     require_self_hosted from the access rule for that classification.
deny contains {"rule": "GOV-OPN-007", "choice": c.id, "field": field, "message": msg} if {
	some c in data.governance.lib.choices
	rule := c.use_case.effective_requirements.access
	rule != null
	rule.require_self_hosted == true
	data.governance.lib.vendor_operated(c.deployment)
	msg := sprintf(
		concat("", [
			"use case '%s' holds '%s' data, which %s requires to run on infrastructure the organization controls, but ",
			"deployment '%s' of %s is %s, operated by %s",
		]),
		[
			c.use_case.id, c.use_case.data_classification, rule_text(rule),
			c.deployment.id, c.model.name, c.deployment.mode, c.deployment.operator,
		],
	)
	field := sprintf("%s/deployment", [c.pointer])
}
