# Safety (continued): duties that follow from the use: AI disclosure, human oversight, logging,
# evaluation, prohibited practices, automated decisions and minors.
# Same package as safety.rego, whose facts and helpers these rules use. The EU AI Act rules
# deny only once their obligation applies at the evaluation date (policies/data/regulation.yaml,
# read by regulation.rego); before it, GOV-REG-001 says from when. (Other packages are named by
# their full path here: the embedded engine resolves a package's imports from one of its files.)
package governance.rules.safety

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
#   EU data subjects), from Art. 50's date of application (GOV-REG-001 before it).
# custom:
#   id: GOV-SAF-007
#   severity: error
#   controls: ["EU AI Act Art. 50", "NIST AI RMF MEASURE 2.8", "ISO 42001 A.8.2"]
#   remediation: >-
#     Tell users they are interacting with AI and add {control: ai-disclosure, owner: org,
#     implemented: true, evidence: ...} to the use case's safety_controls.
deny contains {"rule": "GOV-SAF-007", "choice": c.id, "field": field, "message": msg} if {
	not data.governance.rules.regulation.pending.transparency
	some c in data.governance.lib.choices
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
			"requires telling people they interact with an AI system%s",
		]),
		[
			c.use_case.id, disclosure, scope, texts["ai-disclosure" in uc.listed],
			data.governance.rules.regulation.applicable.transparency,
		],
	)
	field := control_field(c, dep, uc, "ai-disclosure")
}

# METADATA
# title: GDPR Art. 22 in GOV-SAF-008's message
# description: >-
#   A high-risk use case deciding alone with legal or similar effects also breaks GDPR Art. 22;
#   GOV-SAF-008 reports both (GOV-SAF-013 stays silent), so its message names both.
solely_automated_note(use_case) := concat("", [
	"; its decisions are fully automated with legal or similarly significant effects, which ",
	"GDPR Art. 22 also forbids",
]) if {
	use_case.automated_decision.fully_automated == true
	use_case.automated_decision.legal_or_similar_effect == true
} else := ""

# METADATA
# title: High-risk use without human oversight
# description: >-
#   EU AI Act Art. 14 (and Art. 26(2) for deployers) requires human oversight of high-risk AI
#   systems, from the Annex III obligations' date of application (GOV-REG-001 before it).
# custom:
#   id: GOV-SAF-008
#   severity: error
#   controls: ["EU AI Act Art. 14", "EU AI Act Art. 26", "NIST AI RMF MAP 3.5", "ISO 42001 A.9.3"]
#   remediation: >-
#     Set human_oversight to human-in-the-loop or human-on-the-loop and assign the people who
#     oversee the system (record them, e.g. with a human-oversight control and evidence).
deny contains {"rule": "GOV-SAF-008", "choice": c.id, "field": field, "message": msg} if {
	not data.governance.rules.regulation.pending["high-risk-annex-iii"]
	some c in data.governance.lib.choices
	c.use_case.risk.eu_ai_act == "high"
	c.use_case.human_oversight == "none"
	msg := sprintf(
		"use case %s is high-risk under the EU AI Act (Annex III: %s) but human_oversight is 'none' (Art. 14)%s%s",
		[
			c.use_case.id, c.use_case.risk.annex_iii_area,
			data.governance.rules.regulation.applicable["high-risk-annex-iii"], solely_automated_note(c.use_case),
		],
	)
	field := concat("", [c.use_case.pointer, "/human_oversight"])
}

# METADATA
# title: High-risk use without logging and monitoring
# description: >-
#   EU AI Act Art. 12 (record-keeping) and Art. 26(5)-(6) (monitoring, keeping logs) for
#   high-risk systems, from the Annex III obligations' date of application (GOV-REG-001 before it).
# custom:
#   id: GOV-SAF-009
#   severity: error
#   controls: ["EU AI Act Art. 12", "EU AI Act Art. 26", "NIST AI RMF MEASURE 2.4", "ISO 42001 A.6.2.8"]
#   remediation: >-
#     Add {control: logging-monitoring, owner: org (or vendor with evidence), implemented: true}
#     to the deployment's safety_controls, with automatic event logs kept for the use case.
deny contains {"rule": "GOV-SAF-009", "choice": c.id, "field": field, "message": msg} if {
	not data.governance.rules.regulation.pending["high-risk-annex-iii"]
	some c in data.governance.lib.choices
	c.use_case.risk.eu_ai_act == "high"
	dep := deployment_facts[c.deployment.pointer]
	not dep.implemented["logging-monitoring"]
	uc := use_case_facts[c.use_case.id]
	not uc.implemented["logging-monitoring"]
	tier := c.use_case.risk.internal_tier
	not tier_controls[tier]["logging-monitoring"]
	msg := sprintf(
		"use case %s is high-risk under the EU AI Act but logging-monitoring %s for %s on %s (Art. 12 record-keeping)%s",
		[
			c.use_case.id, missing_text(dep, uc, "logging-monitoring"), c.model.id, c.deployment.id,
			data.governance.rules.regulation.applicable["high-risk-annex-iii"],
		],
	)
	field := control_field(c, dep, uc, "logging-monitoring")
}

# METADATA
# title: High-risk use without an evaluation record
# description: >-
#   High-risk systems must be tested against their intended purpose before use (EU AI Act
#   Art. 9(6)-(8), Art. 15); the inventory records that as use_case.evaluation. From the Annex
#   III obligations' date of application (GOV-REG-001 before it).
# custom:
#   id: GOV-SAF-010
#   severity: error
#   controls: ["EU AI Act Art. 9", "EU AI Act Art. 15", "NIST AI RMF MEASURE 2.5", "ISO 42001 A.6.2.4"]
#   remediation: >-
#     Evaluate the system for its intended purpose and add evaluation {reference: <report>,
#     date: <YYYY-MM-DD>} to the use case.
deny contains {"rule": "GOV-SAF-010", "choice": c.id, "field": field, "message": msg} if {
	not data.governance.rules.regulation.pending["high-risk-annex-iii"]
	some c in data.governance.lib.choices
	c.use_case.risk.eu_ai_act == "high"
	c.use_case.evaluation == null
	msg := sprintf(
		"use case %s is high-risk under the EU AI Act but has no evaluation record%s",
		[c.use_case.id, data.governance.rules.regulation.applicable["high-risk-annex-iii"]],
	)
	field := concat("", [c.use_case.pointer, "/evaluation"])
}

# METADATA
# title: Prohibited AI practice
# description: >-
#   EU AI Act Art. 5 prohibits the practice outright, from its date of application (GOV-REG-001
#   before it); no control makes it acceptable and it should never be waived.
# custom:
#   id: GOV-SAF-011
#   severity: error
#   controls: ["EU AI Act Art. 5", "NIST AI RMF GOVERN 1.1", "ISO 42001 A.9.4"]
#   remediation: >-
#     Stop the use case (remove it from the inventory), or, if the classification is wrong,
#     correct risk.eu_ai_act with a documented legal assessment.
deny contains {"rule": "GOV-SAF-011", "choice": c.id, "field": field, "message": msg} if {
	not data.governance.rules.regulation.pending.prohibitions
	some c in data.governance.lib.choices
	c.use_case.risk.eu_ai_act == "prohibited"
	msg := sprintf(
		"use case %s is classified as a prohibited practice under EU AI Act Art. 5%s",
		[c.use_case.id, data.governance.rules.regulation.applicable.prohibitions],
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
	some c in data.governance.lib.choices
	some i, tag in c.use_case.purpose_tags
	tag in input.organization.requirements.prohibited_uses
	msg := sprintf(
		"use case %s has purpose tag '%s', which the organization prohibits (requirements.prohibited_uses)",
		[c.use_case.id, tag],
	)
	field := sprintf("%s/purpose_tags/%d", [c.use_case.pointer, i])
}

# METADATA
# title: The EU AI Act's high-risk duties bind the use case
# description: Classified high-risk, and the Annex III obligations apply at the evaluation date.
high_risk_duties_apply(c) if {
	c.use_case.risk.eu_ai_act == "high"
	not data.governance.rules.regulation.pending["high-risk-annex-iii"]
}

# METADATA
# title: Solely automated decision with legal or similar effect
# description: >-
#   GDPR Art. 22: people have the right not to be subject to decisions based solely on
#   automated processing that produce legal or similarly significant effects. High-risk uses
#   are reported by GOV-SAF-008 instead once the high-risk obligations apply.
# custom:
#   id: GOV-SAF-013
#   severity: error
#   controls: ["GDPR Art. 22", "NIST AI RMF GOVERN 3.2", "NIST AI RMF MAP 3.5", "ISO 42001 A.9.3"]
#   remediation: >-
#     Put a human in the decision (human_oversight: human-in-the-loop and
#     automated_decision.fully_automated: false), or a human-on-the-loop who can contest and
#     overturn decisions.
deny contains {"rule": "GOV-SAF-013", "choice": c.id, "field": field, "message": msg} if {
	some c in data.governance.lib.choices
	c.use_case.automated_decision.fully_automated
	c.use_case.automated_decision.legal_or_similar_effect
	c.use_case.human_oversight == "none"
	not high_risk_duties_apply(c)
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
	some c in data.governance.lib.choices
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
