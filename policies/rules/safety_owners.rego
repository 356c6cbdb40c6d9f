# Safety (continued): who owns the controls each model choice needs: moderation on the
# organization's own deployments, the tier's required controls, and controls a vendor is named
# as owner of. Same package as safety.rego, whose facts and helpers these rules use.
package governance.rules.safety

# --- who owns the controls ------------------------------------------------------------------

# METADATA
# title: Self-hosted model without organization-owned moderation
# description: >-
#   Open and open-weight weights come without the vendor's moderation: when the organization
#   runs them, it must run content moderation itself (the gpt-oss and Mistral-7B-Instruct model cards).
# custom:
#   id: GOV-SAF-001
#   severity: error
#   controls: ["NIST AI 600-1 MG-3.2", "ISO 42001 A.10.2", "EU AI Act Art. 9"]
#   remediation: >-
#     Add a content-moderation control with owner 'org' and implemented: true to the
#     deployment's safety_controls (with evidence), e.g. a moderation model in front of it.
deny contains {"rule": "GOV-SAF-001", "choice": c.id, "field": field, "message": msg} if {
	some c in data.governance.lib.choices
	dep := deployment_facts[c.deployment.pointer]
	dep.org_operated
	not dep.org_owned["content-moderation"]
	uc := use_case_facts[c.use_case.id]
	not uc.org_owned["content-moderation"]
	field := dep.list_field
	msg := dep.saf_001_message
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
	some c in data.governance.lib.choices
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
	some i, c in data.governance.lib.choices
	uc := use_case_facts[c.use_case.id]
	some entry in uc.vendor_owned
]

# METADATA
# title: What GOV-SAF-003 reports
# description: >-
#   saf_003_hits: [position in lib.choices, entity (deployment or use case), entry], from the
#   deployments' and the use cases' lists; arrays, not sets, so the engines hash no large
#   objects. Defined after its parts (see the note on split packages in policy-authoring.md).
saf_003_deployment_hits := [[i, c.deployment, entry] |
	some i, c in data.governance.lib.choices
	entries := saf_003_deployment_entries[c.deployment.pointer]
	some entry in entries
]

saf_003_use_case_hits := [[i, c.use_case, entry] |
	some hit in use_case_vendor_hits
	i := hit[0]
	entry := hit[1]
	entry.control in org_operational_controls
	c := data.governance.lib.choices[i]
	deployment_facts[c.deployment.pointer].org_runs_open_weights
]

saf_003_hits := array.concat(saf_003_deployment_hits, saf_003_use_case_hits)

# METADATA
# title: What GOV-SAF-005 reports
# description: >-
#   saf_005_hits: [position in lib.choices, entity (deployment or use case), entry], from the
#   deployments' and the use cases' lists; arrays, not sets, so the engines hash no large
#   objects. Defined after its parts (see the note on split packages in policy-authoring.md).
saf_005_deployment_hits := [[i, c.deployment, entry] |
	some i, c in data.governance.lib.choices
	entries := saf_005_deployment_entries[c.deployment.pointer]
	some entry in entries
]

saf_005_use_case_hits := [[i, c.use_case, entry] |
	some hit in use_case_vendor_hits
	i := hit[0]
	entry := hit[1]
	entry.evidence == null
	c := data.governance.lib.choices[i]
	deployment_facts[c.deployment.pointer].vendor_operated
]

saf_005_hits := array.concat(saf_005_deployment_hits, saf_005_use_case_hits)

# METADATA
# title: Vendor named as owner of a control on the organization's own deployment
# description: >-
#   When the organization runs open or open-weight weights itself, no vendor watches the
#   traffic, answers incidents or ships fixes for that deployment: abuse
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
	c := data.governance.lib.choices[hit[0]]
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
#   work with has no vendor-side abuse monitoring, incident handling or patching:
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
	some c in data.governance.lib.choices
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
	c := data.governance.lib.choices[hit[0]]
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
#   abuse monitoring the customer becomes responsible
#   (https://developers.openai.com/api/docs/guides/your-data): record who moderates.
# custom:
#   id: GOV-SAF-006
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MANAGE 2.2", "ISO 42001 A.10.2"]
#   remediation: >-
#     Add a content-moderation entry to the deployment's safety_controls, owner 'vendor' with
#     evidence (the vendor's moderation documentation) or owner 'org', implemented: true.
warn contains {"rule": "GOV-SAF-006", "choice": c.id, "field": field, "message": msg} if {
	some c in data.governance.lib.choices
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
