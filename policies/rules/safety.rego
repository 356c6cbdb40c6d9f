# Safety responsibilities: who operates which control for each model choice, and the safety
# duties that follow from the use (EU AI Act Art. 5, 12, 14, 50; GDPR Art. 22; domain §7.1, §7.6).
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
	"saf_001_message": sprintf(
		concat("", [
			"%s runs %s on the organization's own infrastructure but no content moderation owned by the organization ",
			"is implemented",
		]),
		[d.id, m.name],
	),
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
# title: Location catalogue
# description: Countries, groups and cloud regions (policies/data/locations.yaml).
locations := data.governance.catalog.locations

# METADATA
# title: EU member states
# description: The country codes of the group EU in the location catalogue.
eu_countries := {code | some code in locations.groups.EU.countries}

# METADATA
# title: Cloud regions whose datacentre is in an EU member state
# description: As a bare region id ('eu-west-1') and with its provider ('aws:eu-west-1').
eu_regions := eu_bare_regions | eu_provider_regions

eu_bare_regions := {region |
	some regions in locations.regions
	some region, facts in regions
	facts.country in eu_countries
}

eu_provider_regions := {location |
	some provider, regions in locations.regions
	some region, facts in regions
	facts.country in eu_countries
	location := sprintf("%s:%s", [provider, region])
	count(split(location, ":")) == 2
}

# METADATA
# title: Location ids that lie in the EU
# description: >-
#   'global', the groups EU and EEA, every EU member state code, and every cloud region whose
#   datacentre is in a member state (bare or with its provider).
eu_locations := ({"global", "EU", "EEA"} | eu_countries) | eu_regions

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
#   these (domain §7.6); content-moderation is GOV-SAF-001's.
org_operational_controls := ["abuse-monitoring", "incident-response", "patching-rollback"]

# METADATA
# title: A location id that lies in the EU
# description: >-
#   'global', the groups EU and EEA, an EU member state code, or a cloud region whose
#   datacentre is in a member state ('aws:eu-west-1' or a bare id).
in_eu(loc) if loc in eu_locations

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

# --- who owns the controls ------------------------------------------------------------------

# METADATA
# title: Self-hosted model without organization-owned moderation
# description: >-
#   Open and open-weight weights come without the vendor's moderation: when the organization
#   runs them, it must run content moderation itself (domain §7.6).
# custom:
#   id: GOV-SAF-001
#   severity: error
#   controls: ["NIST AI 600-1 MG-3.2", "ISO 42001 A.10.2", "EU AI Act Art. 9"]
#   remediation: >-
#     Add a content-moderation control with owner 'org' and implemented: true to the
#     deployment's safety_controls (with evidence), e.g. a moderation model in front of it.
deny contains {"rule": "GOV-SAF-001", "choice": c.id, "field": field, "message": dep.saf_001_message} if {
	some c in lib.choices
	dep := deployment_facts[c.deployment.pointer]
	dep.org_operated
	not dep.org_owned["content-moderation"]
	uc := use_case_facts[c.use_case.id]
	not uc.org_owned["content-moderation"]
	field := dep.list_field
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

# METADATA
# title: Control required for the risk tier not implemented
# description: >-
#   requirements.required_controls names the safety controls every use case of a risk tier
#   must have in place; one finding per missing control, whoever was meant to own it.
# custom:
#   id: GOV-SAF-002
#   severity: error
#   controls: ["NIST AI RMF GOVERN 1.4", "NIST AI RMF MANAGE 1.3", "ISO 42001 A.6.2.6", "EU AI Act Art. 9"]
#   remediation: >-
#     Implement the named control and record it in the deployment's safety_controls (or the use
#     case's, for application controls such as ai-disclosure) with an owner, implemented: true
#     and evidence; or lower the use case's risk.internal_tier if it was set too high.
deny contains {"rule": "GOV-SAF-002", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	tier := c.use_case.risk.internal_tier
	required := tier_controls[tier]
	dep := deployment_facts[c.deployment.pointer]
	uc := use_case_facts[c.use_case.id]
	some control in ((required - dep.implemented) - uc.implemented) - dep.reported_by_saf_001
	texts := missing_texts[control in dep.listed]
	msg := sprintf(
		"use case %s is risk tier '%s', which requires the control '%s'; it %s for %s on %s",
		[c.use_case.id, tier, control, texts[control in uc.listed], c.model.id, c.deployment.id],
	)
	field := control_field(c, dep, uc, control)
}

# --- entries naming a vendor as owner (GOV-SAF-003, GOV-SAF-005) ----------------------------
#
# Few choices have such entries; these rules find them with one cheap lookup per choice
# instead of looking at both lists of every choice.

# METADATA
# title: Vendor-owned operational controls on deployments the organization runs open weights on
# description: >-
#   The entries GOV-SAF-003 reports for the deployment itself, keyed by deployment pointer;
#   only non-empty lists.
saf_003_deployment_entries := {pointer: entries |
	some pointer, dep in deployment_facts
	dep.org_runs_open_weights
	entries := [entry | some entry in dep.vendor_owned; entry.control in org_operational_controls]
	count(entries) > 0
}

# METADATA
# title: Vendor-owned controls without evidence on vendor-operated deployments
# description: >-
#   The entries GOV-SAF-005 reports for the deployment itself, keyed by deployment pointer;
#   only non-empty lists.
saf_005_deployment_entries := {pointer: entries |
	some pointer, dep in deployment_facts
	dep.vendor_operated
	entries := [entry | some entry in dep.vendor_owned; entry.evidence == null]
	count(entries) > 0
}

# METADATA
# title: Choices whose use case lists a control with owner vendor
# description: "[position in lib.choices, entry] for each such entry of the choice's use case."
use_case_vendor_hits := [[i, entry] |
	some i, c in lib.choices
	uc := use_case_facts[c.use_case.id]
	some entry in uc.vendor_owned
]

# METADATA
# title: What GOV-SAF-003 reports
# description: >-
#   [position in lib.choices, entity (deployment or use case), entry]; an array, not a set, so
#   the engines hash no large objects.
saf_003_hits := array.concat(saf_003_deployment_hits, saf_003_use_case_hits)

saf_003_deployment_hits := [[i, c.deployment, entry] |
	some i, c in lib.choices
	entries := saf_003_deployment_entries[c.deployment.pointer]
	some entry in entries
]

saf_003_use_case_hits := [[i, c.use_case, entry] |
	some hit in use_case_vendor_hits
	i := hit[0]
	entry := hit[1]
	entry.control in org_operational_controls
	c := lib.choices[i]
	deployment_facts[c.deployment.pointer].org_runs_open_weights
]

# METADATA
# title: What GOV-SAF-005 reports
# description: >-
#   [position in lib.choices, entity (deployment or use case), entry]; an array, not a set, so
#   the engines hash no large objects.
saf_005_hits := array.concat(saf_005_deployment_hits, saf_005_use_case_hits)

saf_005_deployment_hits := [[i, c.deployment, entry] |
	some i, c in lib.choices
	entries := saf_005_deployment_entries[c.deployment.pointer]
	some entry in entries
]

saf_005_use_case_hits := [[i, c.use_case, entry] |
	some hit in use_case_vendor_hits
	i := hit[0]
	entry := hit[1]
	entry.evidence == null
	c := lib.choices[i]
	deployment_facts[c.deployment.pointer].vendor_operated
]

# METADATA
# title: Vendor named as owner of a control on the organization's own deployment
# description: >-
#   When the organization runs open or open-weight weights itself, no vendor watches the
#   traffic, answers incidents or ships fixes for that deployment (domain §7.6): abuse
#   monitoring, incident response and patching/rollback are the organization's.
# custom:
#   id: GOV-SAF-003
#   severity: error
#   controls: ["NIST AI RMF GOVERN 2.1", "NIST AI RMF MANAGE 4.1", "ISO 42001 A.10.2"]
#   remediation: >-
#     Set owner 'org' on the named control, name the team that runs it in evidence (runbook,
#     on-call rota, model update procedure), and set implemented accordingly.
deny contains {"rule": "GOV-SAF-003", "choice": c.id, "field": field, "message": msg} if {
	some hit in saf_003_hits
	c := lib.choices[hit[0]]
	entity := hit[1]
	entry := hit[2]
	msg := sprintf(
		concat("", [
			"%s lists '%s' with owner vendor, but %s runs %s (%s) on the organization's own infrastructure: a vendor ",
			"cannot own controls on the organization's own deployment",
		]),
		[entity.id, entry.control, c.deployment.id, c.model.id, c.model.access_class],
	)
	field := sprintf("%s/safety_controls/%d/owner", [entity.pointer, entry.i])
}

# METADATA
# title: People outside the organization work with the model's output
# description: User-facing, with external users or children among them.
exposed_outside(c) if {
	c.use_case.exposure.user_facing
	c.use_case.exposure.external_users
}

exposed_outside(c) if {
	c.use_case.exposure.user_facing
	c.use_case.exposure.minors_possible
}

# METADATA
# title: Operational controls a self-hosted choice does not need to show
# description: >-
#   With a human in the loop every output is reviewed by staff before it reaches anyone, so
#   that review stands in for abuse monitoring; incident response and patching stay needed.
excused_operational_controls(c) := {"abuse-monitoring"} if {
	c.use_case.human_oversight == "human-in-the-loop"
} else := set()

# METADATA
# title: Operational controls the organization must own but does not
# description: >-
#   abuse-monitoring, incident-response and patching-rollback not implemented by the
#   organization, leaving out those GOV-SAF-002 (required for the tier) or GOV-SAF-003
#   (vendor named) already report, and those a human in the loop excuses.
missing_org_operational(c, dep, uc) := [control |
	some control in org_operational_controls
	not control in excused
	not dep.org_owned[control]
	not uc.org_owned[control]
	not dep.vendor_listed[control]
	not uc.vendor_listed[control]
	not control in required
] if {
	excused := excused_operational_controls(c)
	required := required_controls(c)
}

# METADATA
# title: Self-hosted model exposed outside the organization without its operational controls
# description: >-
#   A self-hosted open-weight model whose output people outside the organization (or children)
#   work with has no vendor-side abuse monitoring, incident handling or patching (domain §7.6):
#   without the organization's own, nobody would notice misuse or fix a bad model. Internal
#   use is left to requirements.required_controls.
# custom:
#   id: GOV-SAF-004
#   severity: error
#   controls: ["NIST AI RMF MANAGE 2.3", "NIST AI RMF MANAGE 4.1", "ISO 42001 A.6.2.6", "EU AI Act Art. 73"]
#   remediation: >-
#     Add the named controls to the deployment's safety_controls with owner 'org',
#     implemented: true and evidence (abuse-monitoring pipeline, incident runbook, model
#     update and rollback procedure).
deny contains {"rule": "GOV-SAF-004", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.exposure.user_facing
	dep := deployment_facts[c.deployment.pointer]
	dep.org_runs_open_weights
	exposed_outside(c)
	uc := use_case_facts[c.use_case.id]
	missing := missing_org_operational(c, dep, uc)
	count(missing) > 0
	msg := sprintf(
		concat("", [
			"%s runs %s on the organization's own infrastructure for use case %s, whose output reaches people outside ",
			"the organization (external users or minors), with no organization-owned %s: no vendor does this for ",
			"self-hosted weights",
		]),
		[c.deployment.id, c.model.id, c.use_case.id, concat(", ", missing)],
	)
	field := control_field(c, dep, uc, missing[0])
}

# METADATA
# title: Vendor-owned control without evidence
# description: >-
#   On a vendor API or managed service the organization relies on the vendor's controls; a
#   vendor-owned control must point at the contract, documentation or attestation proving it.
# custom:
#   id: GOV-SAF-005
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MANAGE 3.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Fill in 'evidence' on the control with a link to the vendor's documentation, contract
#     clause or attestation (e.g. the vendor's abuse-monitoring or moderation terms).
warn contains {"rule": "GOV-SAF-005", "choice": c.id, "field": field, "message": msg} if {
	some hit in saf_005_hits
	c := lib.choices[hit[0]]
	entity := hit[1]
	entry := hit[2]
	msg := sprintf(
		"%s relies on the vendor for '%s' on %s (%s) but records no evidence that the vendor provides it",
		[entity.id, entry.control, c.deployment.id, c.deployment.mode],
	)
	field := sprintf("%s/safety_controls/%d/evidence", [entity.pointer, entry.i])
}

# METADATA
# title: Vendor-operated deployment without recorded content moderation
# description: >-
#   Vendor APIs usually moderate on the vendor side, but under zero data retention or modified
#   abuse monitoring the customer becomes responsible (domain §7.6): record who moderates.
# custom:
#   id: GOV-SAF-006
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MANAGE 2.2", "ISO 42001 A.10.2"]
#   remediation: >-
#     Add a content-moderation entry to the deployment's safety_controls, owner 'vendor' with
#     evidence (the vendor's moderation documentation) or owner 'org', implemented: true.
warn contains {"rule": "GOV-SAF-006", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	dep := deployment_facts[c.deployment.pointer]
	dep.vendor_operated
	not dep.implemented["content-moderation"]
	uc := use_case_facts[c.use_case.id]
	not uc.implemented["content-moderation"]
	tier := c.use_case.risk.internal_tier
	not tier_controls[tier]["content-moderation"]
	not minors_without_moderation(c, dep, uc)
	msg := sprintf(
		concat("", [
			"%s (%s) records no content moderation for use case %s: say whether the vendor (with evidence) or the ",
			"organization moderates",
		]),
		[c.deployment.id, c.deployment.mode, c.use_case.id],
	)
	field := dep.list_field
}

# --- duties that follow from the use --------------------------------------------------------

# METADATA
# title: Users who may not realise they deal with an AI system
# description: >-
#   Art. 50(1) spares systems whose AI nature is obvious to a reasonably well-informed person
#   in the context of use; staff working with an internal tool know it. External users and
#   children may not, and a use the organization itself classifies 'limited' (the Art. 50
#   transparency category) needs disclosure whoever the users are. The first reason that
#   holds, for messages; undefined when disclosure is not expected.
disclosure_reason(c) := "external users" if {
	c.use_case.exposure.external_users
} else := "minors may use it" if {
	c.use_case.exposure.minors_possible
} else := "classified 'limited', the transparency category" if {
	c.use_case.risk.eu_ai_act == "limited"
}

# METADATA
# title: User-facing AI system without AI disclosure
# description: >-
#   EU AI Act Art. 50(1): people interacting directly with an AI system must be told so, unless
#   it is obvious. Fires for external users, children or a 'limited' classification, when the
#   Act reaches the use case (classification limited/high, eu-ai-act framework, EU domicile or
#   EU data subjects).
# custom:
#   id: GOV-SAF-007
#   severity: error
#   controls: ["EU AI Act Art. 50", "NIST AI RMF MEASURE 2.8", "ISO 42001 A.8.2"]
#   remediation: >-
#     Tell users they are interacting with AI and add {control: ai-disclosure, owner: org,
#     implemented: true, evidence: ...} to the use case's safety_controls.
deny contains {"rule": "GOV-SAF-007", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.exposure.user_facing
	disclosure := disclosure_reason(c)
	dep := deployment_facts[c.deployment.pointer]
	not dep.implemented["ai-disclosure"]
	uc := use_case_facts[c.use_case.id]
	not uc.implemented["ai-disclosure"]
	tier := c.use_case.risk.internal_tier
	not tier_controls[tier]["ai-disclosure"]
	scope := eu_ai_act_scope(c)
	texts := missing_texts["ai-disclosure" in dep.listed]
	msg := sprintf(
		concat("", [
			"use case %s is user-facing (%s) and the EU AI Act applies (%s), but ai-disclosure %s: Art. 50(1) ",
			"requires telling people they interact with an AI system",
		]),
		[c.use_case.id, disclosure, scope, texts["ai-disclosure" in uc.listed]],
	)
	field := control_field(c, dep, uc, "ai-disclosure")
}

# METADATA
# title: High-risk use without human oversight
# description: EU AI Act Art. 14 (and Art. 26(2) for deployers) requires human oversight of high-risk AI systems.
# custom:
#   id: GOV-SAF-008
#   severity: error
#   controls: ["EU AI Act Art. 14", "EU AI Act Art. 26", "NIST AI RMF MAP 3.5", "ISO 42001 A.9.3"]
#   remediation: >-
#     Set human_oversight to human-in-the-loop or human-on-the-loop and assign the people who
#     oversee the system (record them, e.g. with a human-oversight control and evidence).
deny contains {"rule": "GOV-SAF-008", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.risk.eu_ai_act == "high"
	c.use_case.human_oversight == "none"
	msg := sprintf(
		"use case %s is high-risk under the EU AI Act (Annex III: %s) but human_oversight is 'none' (Art. 14)",
		[c.use_case.id, c.use_case.risk.annex_iii_area],
	)
	field := concat("", [c.use_case.pointer, "/human_oversight"])
}

# METADATA
# title: High-risk use without logging and monitoring
# description: EU AI Act Art. 12 (record-keeping) and Art. 26(5)-(6) (monitoring, keeping logs) for high-risk systems.
# custom:
#   id: GOV-SAF-009
#   severity: error
#   controls: ["EU AI Act Art. 12", "EU AI Act Art. 26", "NIST AI RMF MEASURE 2.4", "ISO 42001 A.6.2.8"]
#   remediation: >-
#     Add {control: logging-monitoring, owner: org (or vendor with evidence), implemented: true}
#     to the deployment's safety_controls, with automatic event logs kept for the use case.
deny contains {"rule": "GOV-SAF-009", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.risk.eu_ai_act == "high"
	dep := deployment_facts[c.deployment.pointer]
	not dep.implemented["logging-monitoring"]
	uc := use_case_facts[c.use_case.id]
	not uc.implemented["logging-monitoring"]
	tier := c.use_case.risk.internal_tier
	not tier_controls[tier]["logging-monitoring"]
	msg := sprintf(
		"use case %s is high-risk under the EU AI Act but logging-monitoring %s for %s on %s (Art. 12 record-keeping)",
		[c.use_case.id, missing_text(dep, uc, "logging-monitoring"), c.model.id, c.deployment.id],
	)
	field := control_field(c, dep, uc, "logging-monitoring")
}

# METADATA
# title: High-risk use without an evaluation record
# description: >-
#   High-risk systems must be tested against their intended purpose before use (EU AI Act
#   Art. 9(6)-(8), Art. 15); the inventory records that as use_case.evaluation.
# custom:
#   id: GOV-SAF-010
#   severity: error
#   controls: ["EU AI Act Art. 9", "EU AI Act Art. 15", "NIST AI RMF MEASURE 2.5", "ISO 42001 A.6.2.4"]
#   remediation: >-
#     Evaluate the system for its intended purpose and add evaluation {reference: <report>,
#     date: <YYYY-MM-DD>} to the use case.
deny contains {"rule": "GOV-SAF-010", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.risk.eu_ai_act == "high"
	c.use_case.evaluation == null
	msg := sprintf(
		"use case %s is high-risk under the EU AI Act but has no evaluation record",
		[c.use_case.id],
	)
	field := concat("", [c.use_case.pointer, "/evaluation"])
}

# METADATA
# title: Prohibited AI practice
# description: >-
#   EU AI Act Art. 5 prohibits the practice outright; no control makes it acceptable and it
#   should never be waived.
# custom:
#   id: GOV-SAF-011
#   severity: error
#   controls: ["EU AI Act Art. 5", "NIST AI RMF GOVERN 1.1", "ISO 42001 A.9.4"]
#   remediation: >-
#     Stop the use case (remove it from the inventory), or, if the classification is wrong,
#     correct risk.eu_ai_act with a documented legal assessment.
deny contains {"rule": "GOV-SAF-011", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.risk.eu_ai_act == "prohibited"
	msg := sprintf(
		"use case %s is classified as a prohibited practice under EU AI Act Art. 5",
		[c.use_case.id],
	)
	field := concat("", [c.use_case.pointer, "/risk/eu_ai_act"])
}

# METADATA
# title: Purpose the organization prohibits
# description: A purpose tag of the use case is in requirements.prohibited_uses.
# custom:
#   id: GOV-SAF-012
#   severity: error
#   controls: ["NIST AI RMF GOVERN 1.1", "NIST AI RMF MAP 1.1", "ISO 42001 A.9.4"]
#   remediation: >-
#     Do not pursue the use case; if the tag was wrong, correct purpose_tags to describe the
#     actual purpose.
deny contains {"rule": "GOV-SAF-012", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	some i, tag in c.use_case.purpose_tags
	tag in input.organization.requirements.prohibited_uses
	msg := sprintf(
		"use case %s has purpose tag '%s', which the organization prohibits (requirements.prohibited_uses)",
		[c.use_case.id, tag],
	)
	field := sprintf("%s/purpose_tags/%d", [c.use_case.pointer, i])
}

# METADATA
# title: Solely automated decision with legal or similar effect
# description: >-
#   GDPR Art. 22: people have the right not to be subject to decisions based solely on
#   automated processing that produce legal or similarly significant effects. High-risk uses
#   are reported by GOV-SAF-008 instead.
# custom:
#   id: GOV-SAF-013
#   severity: error
#   controls: ["GDPR Art. 22", "NIST AI RMF GOVERN 3.2", "NIST AI RMF MAP 3.5", "ISO 42001 A.9.3"]
#   remediation: >-
#     Put a human in the decision (human_oversight: human-in-the-loop and
#     automated_decision.fully_automated: false), or a human-on-the-loop who can contest and
#     overturn decisions.
deny contains {"rule": "GOV-SAF-013", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.automated_decision.fully_automated
	c.use_case.automated_decision.legal_or_similar_effect
	c.use_case.human_oversight == "none"
	c.use_case.risk.eu_ai_act != "high"
	msg := sprintf(
		concat("", [
			"use case %s takes fully automated decisions with legal or similarly significant effects and ",
			"human_oversight is 'none' (GDPR Art. 22)",
		]),
		[c.use_case.id],
	)
	field := concat("", [c.use_case.pointer, "/human_oversight"])
}

# METADATA
# title: Children may see unmoderated output
# description: >-
#   The use case is user-facing, minors may be among the users, and nobody implements content
#   moderation (self-hosted deployments are reported by GOV-SAF-001 instead).
minors_without_moderation(c, dep, uc) if {
	c.use_case.exposure.user_facing
	c.use_case.exposure.minors_possible
	not dep.org_operated
	not dep.implemented["content-moderation"]
	not uc.implemented["content-moderation"]
	tier := c.use_case.risk.internal_tier
	not tier_controls[tier]["content-moderation"]
}

# METADATA
# title: Minors may use the system without content moderation
# description: >-
#   Children among the users of a user-facing system demand moderation of harmful, obscene and
#   abusive output (NIST AI 600-1 risks 3 and 11).
# custom:
#   id: GOV-SAF-014
#   severity: error
#   controls: ["NIST AI RMF MANAGE 2.2", "NIST AI RMF MAP 5.1", "EU AI Act Art. 9", "ISO 42001 A.5.4"]
#   remediation: >-
#     Add a content-moderation control (owner 'org', or 'vendor' with evidence) with
#     implemented: true to the deployment's safety_controls, or set exposure.minors_possible
#     to false if children cannot use the system.
deny contains {"rule": "GOV-SAF-014", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.exposure.user_facing
	c.use_case.exposure.minors_possible
	dep := deployment_facts[c.deployment.pointer]
	uc := use_case_facts[c.use_case.id]
	minors_without_moderation(c, dep, uc)
	msg := sprintf(
		"use case %s is user-facing and minors may use it, but %s (%s) has no content moderation",
		[c.use_case.id, c.deployment.id, c.deployment.mode],
	)
	field := dep.list_field
}
