# Safety responsibilities: who operates which control for each model choice, and the safety
# duties that follow from the use (EU AI Act Art. 5, 12, 14, 50; GDPR Art. 22;
# sources: docs/sources.md).
#
# Controls live in c.deployment.safety_controls[] and c.use_case.safety_controls[], each
# {control, owner: org|vendor, implemented, evidence}. To keep one finding per problem, the
# rules that check a specific control stand back when the organization's own
# required_controls for the use case's tier already report it missing (GOV-SAF-002), and
# GOV-SAF-002 stands back for moderation on the organization's own deployment (GOV-SAF-001).
package governance.rules.safety

import data.governance.lib

# --- facts computed once per evaluation ---------------------------------------------------------
#
# Every rule looks at each model choice, but most of what it needs depends only on the
# deployment (a few dozen in an inventory of thousands of choices), the use case or the
# organization. Rule values are computed once per evaluation while function calls are not, so
# these facts are rules keyed by one key and the choice rules only look them up:
# deployment_facts[c.deployment.pointer] and use_case_facts[c.use_case.id]. (One key: regorus
# takes ~10x longer for a two-key reference into a rule, rule[a][b], than for rule[a].)
# The finding rules build their finding objects inline and avoid function calls on the way
# to a finding where a lookup will do: each call costs regorus a few microseconds, and the
# worst-case inventories have tens of thousands of findings (benchmarks/bench_check.py
# measures it).

# METADATA
# title: Index of the first entry for a control in a safety_controls list
# description: Undefined when the list has no entry for the control.
first_entry(list, control) := min({i | some i, impl in list; impl.control == control})

# METADATA
# title: What a safety_controls list records
# description: >-
#   The controls implemented, implemented and owned by the organization ('org'), listed with
#   owner vendor, and listed at all (implemented or not); and, per control, the index of its
#   first entry.
control_facts(list) := {
	"implemented": {impl.control | some impl in list; impl.implemented},
	"org_owned": {impl.control | some impl in list; impl.implemented; impl.owner == "org"},
	"vendor_listed": {impl.control | some impl in list; impl.owner == "vendor"},
	"listed": {impl.control | some impl in list},
	"first": {control: first_entry(list, control) | some control in {impl.control | some impl in list}},
}

# METADATA
# title: Deployment operated by the organization, as a boolean
# description: lib.org_operated, true or false.
org_operated(deployment) := true if {
	lib.org_operated(deployment)
} else := false

# METADATA
# title: Deployment operated by a vendor, as a boolean
# description: lib.vendor_operated, true or false.
vendor_operated(deployment) := true if {
	lib.vendor_operated(deployment)
} else := false

# METADATA
# title: The organization runs open or open-weight weights itself
# description: Self-hosted or edge deployment of a model whose access class is not closed; true or false.
org_runs_open_weights(model, deployment) := true if {
	lib.org_operated(deployment)
	model.access_class in {"open-source", "open-weight"}
} else := false

# METADATA
# title: Missing moderation on the organization's own deployment
# description: >-
#   GOV-SAF-001 already reports content-moderation on a deployment the organization operates,
#   with the ownership explained: the controls GOV-SAF-002 leaves to it.
moderation_reported_by_saf_001(deployment) := {"content-moderation"} if {
	lib.org_operated(deployment)
} else := set()

# METADATA
# title: GOV-SAF-001's message for a deployment
# description: >-
#   Says what to change: the owner when content moderation is recorded with owner vendor (no
#   vendor moderates a deployment the organization runs), the implementation when it is listed
#   but not in place, the control itself when it is missing.
saf_001_message(d, m, facts) := sprintf(
	concat("", [
		"%s runs %s on the organization's own infrastructure, where no vendor moderates, but its ",
		"content-moderation entry names the vendor as owner: change the owner to 'org' once the ",
		"organization runs it",
	]),
	[d.id, m.name],
) if {
	"content-moderation" in facts.vendor_listed
} else := sprintf(
	concat("", [
		"%s runs %s on the organization's own infrastructure, and its content-moderation control is ",
		"listed but not implemented",
	]),
	[d.id, m.name],
) if {
	"content-moderation" in facts.listed
} else := sprintf(
	concat("", [
		"%s runs %s on the organization's own infrastructure but no content moderation owned by the ",
		"organization is implemented",
	]),
	[d.id, m.name],
)

# METADATA
# title: Safety facts of every deployment
# description: >-
#   deployment_facts[pointer of the deployment]: control_facts of its safety_controls, plus
#   org_operated, vendor_operated, org_runs_open_weights; per control with an entry, the
#   pointer of the first entry's 'implemented' flag (fields); the pointer of safety_controls
#   (list_field); the controls GOV-SAF-001 reports for it (reported_by_saf_001); its entries
#   with owner vendor (vendor_owned: index, control, evidence); and GOV-SAF-001's message.
deployment_facts := {d.pointer: object.union(facts, {
	"org_operated": org_operated(d),
	"vendor_operated": vendor_operated(d),
	"org_runs_open_weights": org_runs_open_weights(m, d),
	"fields": {control: sprintf("%s/safety_controls/%d/implemented", [d.pointer, i]) | some control, i in facts.first},
	"list_field": concat("", [d.pointer, "/safety_controls"]),
	"reported_by_saf_001": moderation_reported_by_saf_001(d),
	"vendor_owned": vendor_entries(d.safety_controls),
	"saf_001_message": saf_001_message(d, m, facts),
}) |
	some m in input.models
	some d in m.deployments
	facts := control_facts(d.safety_controls)
}

# METADATA
# title: Safety facts of every use case
# description: >-
#   use_case_facts[use_case_id]: the controls its safety_controls implement, implement with
#   owner 'org', list at all, and list with owner vendor (as in control_facts), and its
#   entries with owner vendor (as vendor_entries; the rest is looked up when needed).
use_case_facts := {use_case_id: {
	"implemented": {impl.control | some impl in use_case.safety_controls; impl.implemented},
	"org_owned": {impl.control | some impl in use_case.safety_controls; impl.implemented; impl.owner == "org"},
	"listed": {impl.control | some impl in use_case.safety_controls},
	"vendor_listed": {entry.control | some entry in vendor_owned},
	"vendor_owned": vendor_owned,
} |
	some use_case_id, use_case in input.use_cases
	vendor_owned := vendor_entries(use_case.safety_controls)
}

# METADATA
# title: Entries of a safety_controls list with owner vendor
# description: Each as {i, control, evidence}, i its index in the list.
vendor_entries(list) := [{"i": i, "control": impl.control, "evidence": impl.evidence} |
	some i, impl in list
	impl.owner == "vendor"
]

# METADATA
# title: Controls the organization requires, per risk tier
# description: >-
#   Union of requirements.required_controls[].controls for each risk_tier named there (a tier
#   no rule names has no entry).
tier_controls := {tier: {control |
	some rule in input.organization.requirements.required_controls
	rule.risk_tier == tier
	some control in rule.controls
} |
	some tier in {named.risk_tier | some named in input.organization.requirements.required_controls}
}

# METADATA
# title: EU member states, and 'global'
# description: >-
#   The group EU as input.locations gives it, with 'global' (a global location reaches the
#   EU too).
eu_or_global := {code | some code in input.locations.EU} | {"global"}

# --- helpers ----------------------------------------------------------------------------------

# METADATA
# title: Controls the organization requires for the use case's tier
# description: >-
#   Union of requirements.required_controls[].controls whose risk_tier equals the use case's
#   risk.internal_tier (empty when the organization requires nothing for that tier).
required_controls(c) := controls if {
	controls := tier_controls[c.use_case.risk.internal_tier]
} else := set()

# METADATA
# title: Controls the application (the use case) implements rather than the deployment
# description: Where a missing control of these kinds is expected to be recorded.
use_case_level_controls := {"ai-disclosure", "human-oversight", "human-review", "content-provenance"}

# METADATA
# title: Field to point at for a control that is not in place
# description: >-
#   The 'implemented' flag of an existing entry for the control (deployment first, then use
#   case); otherwise the safety_controls list where the control belongs.
control_field(c, dep, uc, control) := field if {
	field := dep.fields[control]
} else := sprintf(
	"%s/safety_controls/%d/implemented",
	[c.use_case.pointer, min({i | some i, impl in c.use_case.safety_controls; impl.control == control})],
) if {
	control in uc.listed
} else := concat("", [c.use_case.pointer, "/safety_controls"]) if {
	control in use_case_level_controls
} else := dep.list_field

# METADATA
# title: How a missing control is recorded, for messages
# description: "'listed but not implemented' when an entry exists, otherwise 'not listed'."
missing_text(dep, uc, control) := "is listed but not implemented" if {
	control in dep.listed
} else := "is listed but not implemented" if {
	control in uc.listed
} else := "is not listed"

# METADATA
# title: Operational controls the organization must own on its own deployment
# description: >-
#   With open or open-weight weights on the organization's infrastructure nobody else runs
#   these; content-moderation is GOV-SAF-001's.
org_operational_controls := ["abuse-monitoring", "incident-response", "patching-rollback"]

# METADATA
# title: A location id that lies in the EU
# description: >-
#   One of its countries (input.locations) is an EU member state, or it is 'global': the
#   groups EU and EEA, a member state's code, a cloud region whose datacentre is in one.
in_eu(loc) if {
	some code in input.locations[loc]
	code in eu_or_global
}

# METADATA
# title: The organization maps its controls to the EU AI Act
# description: eu-ai-act is among organization.frameworks.
org_maps_to_eu_ai_act if "eu-ai-act" in input.organization.frameworks

# METADATA
# title: The organization is domiciled in the EU
# description: One of organization.jurisdictions lies in the EU.
org_domiciled_in_eu if {
	some loc in input.organization.jurisdictions
	in_eu(loc)
}

# METADATA
# title: Why the EU AI Act reaches the use case
# description: >-
#   The organization classified the use under the Act (limited or high), maps its controls to
#   the Act, is domiciled in the EU, or the use case's data subjects are in the EU (Art. 2(1):
#   providers placing systems on the EU market and systems whose output is used in the EU).
#   The first reason that holds, for messages; undefined when the Act does not reach the use.
eu_ai_act_scope(c) := sprintf("it is classified '%s' under the EU AI Act", [c.use_case.risk.eu_ai_act]) if {
	c.use_case.risk.eu_ai_act in {"limited", "high"}
} else := org_eu_ai_act_scope if {
	org_eu_ai_act_scope
} else := "its data subjects are in the EU" if {
	some loc in c.use_case.data_subject_jurisdictions
	in_eu(loc)
}

# METADATA
# title: missing_text as a table
# description: >-
#   missing_texts[control in dep.listed][control in uc.listed]: the same words as
#   missing_text, looked up instead of called (a call costs more than the lookups).
missing_texts := {
	true: {true: "is listed but not implemented", false: "is listed but not implemented"},
	false: {true: "is listed but not implemented", false: "is not listed"},
}

# METADATA
# title: Why the EU AI Act reaches every use case of the organization
# description: The organization-level reasons of eu_ai_act_scope, computed once; undefined when neither holds.
org_eu_ai_act_scope := "the organization maps its controls to the EU AI Act" if {
	org_maps_to_eu_ai_act
} else := "the organization is domiciled in the EU" if {
	org_domiciled_in_eu
}
