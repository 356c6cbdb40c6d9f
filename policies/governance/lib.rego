# Helpers shared by the rule packages: reading one model choice, and how findings are built.
package governance.lib

# METADATA
# title: Model choices with their facts
# description: >-
#   Every model choice joined with its use case, model and deployment, so a rule can say
#   `some c in lib.choices` and read c.use_case, c.model, c.deployment. An array, not a
#   set: a set would compare these large objects on every insert. (The model is bound
#   before its deployment is looked up: regorus takes ~5x longer for the whole
#   input.models[a].deployments[b] in one reference.)
choices := [{
	"id": choice.id,
	"role": choice.role,
	"pointer": choice.pointer,
	"extensions": object.get(choice, "extensions", null),
	"use_case": use_case,
	"model": model,
	"deployment": deployment,
} |
	some choice in input.choices
	use_case := input.use_cases[choice.use_case]
	model := input.models[choice.model]
	deployment := model.deployments[choice.deployment]
]

# Findings are built inline, one way, in every rule of the library and of the scaffold
# (`governance policy new`):
#
#   deny contains {"rule": "GOV-EXP-001", "choice": c.id, "field": field, "message": msg} if {
#   	some c in lib.choices
#   	...
#   	field := concat("", [c.use_case.pointer, "/purpose_tags"])
#   	msg := sprintf("...", [...])
#   }
#
# and without "choice" for the organization as a whole. A helper call per finding costs both
# engines time on inventories with tens of thousands of findings. finding, org_finding and at
# below remain for policies written against earlier versions; new rules do not need them.

# METADATA
# title: A finding about one model choice
# description: Kept for earlier policies; build the object inline instead (see above).
finding(rule_id, choice, field, message) := {
	"rule": rule_id,
	"choice": choice.id,
	"field": field,
	"message": message,
}

# METADATA
# title: A finding about the organization as a whole
# description: Kept for earlier policies; build {"rule", "field", "message"} inline instead.
org_finding(rule_id, field, message) := {
	"rule": rule_id,
	"field": field,
	"message": message,
}

# METADATA
# title: Field pointer
# description: Kept for earlier policies; write concat("", [entity.pointer, "/path"]) instead.
at(entity, path) := sprintf("%s/%s", [entity.pointer, path])

# METADATA
# title: Vendor-operated deployment
# description: The vendor's API or a managed service in the organization's cloud tenant.
vendor_operated(deployment) if deployment.mode in {"vendor-hosted", "private-cloud"}

# METADATA
# title: Organization-operated deployment
# description: The organization runs the weights itself (its servers or on-device).
org_operated(deployment) if deployment.mode in {"self-hosted", "edge"}

# METADATA
# title: Control in place
# description: The deployment or the use case records the control as implemented.
has_control(c, control) if {
	some impl in array.concat(c.deployment.safety_controls, c.use_case.safety_controls)
	impl.control == control
	impl.implemented
}

# METADATA
# title: Control in place, owned by the organization
# description: As has_control, and the organization (not a vendor) operates it.
org_owns_control(c, control) if {
	some impl in array.concat(c.deployment.safety_controls, c.use_case.safety_controls)
	impl.control == control
	impl.implemented
	impl.owner == "org"
}
