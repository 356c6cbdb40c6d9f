# Model facts catalogue (continued): does a self-hosted deployment's hardware hold the model
# (GOV-CAT-009, -010). Same package as catalog.rego, whose catalogue helpers these rules use.
package governance.rules.catalog

# METADATA
# title: Accelerator memory the model needs
# description: >-
#   {gb, from, verified}: the entry's own model_card.min_accelerator_memory_gb when given,
#   else the catalogue's. Undefined when neither names one.
memory_need(model) := {
	"gb": model.model_card.min_accelerator_memory_gb,
	"from": "its model_card.min_accelerator_memory_gb",
	"verified": true,
} if {
	model.model_card.min_accelerator_memory_gb != null
} else := {
	"gb": e.min_accelerator_memory_gb,
	"from": cited(model, e, "min_accelerator_memory_gb"),
	"verified": is_verified(e, "min_accelerator_memory_gb"),
} if {
	e := entry(model)
	e.min_accelerator_memory_gb != null
}

# METADATA
# title: Total accelerator memory of a replica
# description: accelerator_memory_gb times count (count defaults to 1).
total_memory(hw) := hw.accelerator_memory_gb * hw.count

# METADATA
# title: GOV-CAT-009 applies
# description: The replica's total memory is below a verified need.
memory_denied(hw, need) if {
	need.verified == true
	total_memory(hw) < need.gb
}

# METADATA
# title: Hardware wording
# description: '"1 x NVIDIA L4 (24 GB each, 24 GB in total)"'
hardware_text(hw) := sprintf(
	"%d x %s (%d GB each, %d GB in total)",
	[hw.count, hw.accelerator, hw.accelerator_memory_gb, total_memory(hw)],
)

# METADATA
# title: Accelerator memory message
# description: Names the deployment, its accelerators and the need with its source.
memory_message(c, need) := sprintf(
	concat("", [
		"%s runs %s on %s, but %s needs a single accelerator with %d GB according to %s; the %d accelerators reach it ",
		"together only if the serving stack shards the model across them",
	]),
	[
		c.deployment.id, c.model.name, hardware_text(c.deployment.hardware), c.model.name, need.gb, need.from,
		c.deployment.hardware.count,
	],
) if {
	total_memory(c.deployment.hardware) >= need.gb
} else := sprintf(
	"%s runs %s on %s, but %s needs a single accelerator with %d GB according to %s",
	[c.deployment.id, c.model.name, hardware_text(c.deployment.hardware), c.model.name, need.gb, need.from],
)

# METADATA
# title: Accelerators too small per deployment
# description: >-
#   Keyed by deployment pointer: the GOV-CAT-009 message, for organization-operated
#   deployments whose replica's total memory is below a verified need. Computed once per
#   deployment, not once per model choice.
memory_denied_message := {d.pointer: msg |
	some m in input.models
	some d in m.deployments
	data.governance.lib.org_operated(d)
	hw := d.hardware
	hw != null
	need := memory_need(m)
	need.verified == true
	total_memory(hw) < need.gb
	msg := memory_message({"model": m, "deployment": d}, need)
}

# METADATA
# title: Accelerators possibly too small per deployment
# description: >-
#   Keyed by deployment pointer: the GOV-CAT-010 message, for organization-operated
#   deployments with one accelerator below the need where GOV-CAT-009 does not apply.
memory_warned_message := {d.pointer: msg |
	some m in input.models
	some d in m.deployments
	data.governance.lib.org_operated(d)
	hw := d.hardware
	hw != null
	need := memory_need(m)
	hw.accelerator_memory_gb < need.gb
	not memory_denied(hw, need)
	msg := memory_message({"model": m, "deployment": d}, need)
}

# METADATA
# title: Self-hosted accelerators too small for the model
# description: >-
#   An organization-operated deployment's accelerators cannot hold the model even together
#   (e.g. gpt-oss-120b needs a single 80 GB accelerator; a 24 GB L4 cannot run it). The need
#   comes from the entry's model_card or, if absent, the verified catalogue.
# custom:
#   id: GOV-CAT-009
#   severity: error
#   controls: ["NIST AI RMF MS-2.5", "NIST AI RMF MG-2.1", "ISO 42001 A.4.5"]
#   remediation: >-
#     Give the deployment accelerators with at least the required memory (set
#     hardware.accelerator and hardware.accelerator_memory_gb, or hardware.count for a sharded
#     setup), or choose a smaller model (e.g. gpt-oss-20b instead of gpt-oss-120b).
deny contains {"rule": "GOV-CAT-009", "choice": c.id, "field": field, "message": msg} if {
	some pointer, msg in memory_denied_message
	model_id := data.governance.index.model_of_deployment[pointer]
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.deployment.pointer == pointer
	field := concat("", [c.deployment.pointer, "/hardware/accelerator_memory_gb"])
}

# METADATA
# title: Self-hosted accelerators may be too small for the model
# description: >-
#   Either one accelerator is smaller than the publisher's single-accelerator figure and only
#   the replica's count makes up the memory (the model must be sharded, e.g. tensor parallel),
#   or the accelerators are too small against an unverified catalogue figure.
# custom:
#   id: GOV-CAT-010
#   severity: warning
#   controls: ["NIST AI RMF MS-2.5", "NIST AI RMF MG-2.1", "ISO 42001 A.4.5"]
#   remediation: >-
#     Confirm that the serving stack shards the model across hardware.count accelerators (and
#     record it in the deployment's evidence), or give it accelerators with at least the
#     required memory; for an unverified figure, check the model card and set
#     model_card.min_accelerator_memory_gb.
warn contains {"rule": "GOV-CAT-010", "choice": c.id, "field": field, "message": msg} if {
	some pointer, msg in memory_warned_message
	model_id := data.governance.index.model_of_deployment[pointer]
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.deployment.pointer == pointer
	field := concat("", [c.deployment.pointer, "/hardware/accelerator_memory_gb"])
}
