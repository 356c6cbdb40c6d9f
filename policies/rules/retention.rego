# Retention and vendor data use: what a vendor that operates the model (its API, or a managed
# service in the organization's cloud tenant) may keep, read and train on (sources:
# docs/sources.md).
# Organization-operated deployments (self-hosted, edge) keep no data at a vendor and are out
# of scope here.
package governance.rules.retention

import data.governance.lib

# METADATA
# title: Vendor-operated deployments
# description: The pointers of the deployments a vendor operates, computed once rather than per model choice.
vendor_operated_deployments := {d.pointer |
	some m in input.models
	some d in m.deployments
	lib.vendor_operated(d)
}

# METADATA
# title: Recorded retention facts of vendor-operated deployments
# description: The retention terms each vendor-operated deployment records, keyed by deployment pointer.
vendor_retention_of := {d.pointer: d.retention |
	some m in input.models
	some d in m.deployments
	lib.vendor_operated(d)
	d.retention != null
}

# METADATA
# title: Days each vendor-operated deployment keeps prompts or outputs
# description: vendor_days of each deployment's retention, keyed by deployment pointer.
vendor_days_of := {pointer: vendor_days(r) | some pointer, r in vendor_retention_of}

# METADATA
# title: Vendor-operated deployments whose retention names no contract
# description: The retention facts of deployments with a null or blank contract_ref, keyed by pointer.
uncontracted_retention := {pointer: r |
	some pointer, r in vendor_retention_of
	no_contract(r)
}

# METADATA
# title: Retention of each vendor-operated deployment as text
# description: days_text of its retention, keyed by deployment pointer (computed once, not per finding).
days_text_of := {pointer: days_text(r) | some pointer, r in vendor_retention_of}

# METADATA
# title: What GOV-RET-002 says about each vendor-operated deployment without ZDR
# description: >-
#   "<deployment> (<model>, operated by <operator>) has no zero-data-retention agreement and
#   keeps prompts <days>", keyed by deployment pointer: the part of the message that does not
#   depend on the use case.
no_zdr_text := {d.pointer: text |
	some m in input.models
	some d in m.deployments
	r := vendor_retention_of[d.pointer]
	not r.zero_data_retention
	text := sprintf(
		"%s (%s, operated by %s) has no zero-data-retention agreement and keeps prompts %s",
		[d.id, m.name, d.operator, days_text_of[d.pointer]],
	)
}

# METADATA
# title: Training rules each vendor-operated deployment's terms break
# description: >-
#   The `allowed` values (never, opt-in-only) for which training_breaks holds with the
#   deployment's training_on_customer_data, keyed by deployment pointer.
training_broken := {d.pointer: broken |
	some m in input.models
	some d in m.deployments
	d.pointer in vendor_operated_deployments
	broken := {allowed |
		some allowed in {"never", "opt-in-only"}
		training_breaks(allowed, d.training_on_customer_data)
	}
}

# METADATA
# title: Abuse-monitoring days, 0 when not recorded separately
# description: abuse_monitoring_days is only set when it differs from 'days'.
abuse_days(retention) := retention.abuse_monitoring_days if {
	retention.abuse_monitoring_days != null
} else := 0

# METADATA
# title: Days the vendor keeps prompts or outputs
# description: The longer of the retention days and the abuse-monitoring days.
vendor_days(retention) := max([retention.days, abuse_days(retention)])

# METADATA
# title: Retention facts as text
# description: Days as text, e.g. 30 days, or 30 days (abuse monitoring 45 days).
days_text(retention) := sprintf(
	"%d days (abuse monitoring %d days)",
	[retention.days, retention.abuse_monitoring_days],
) if {
	retention.abuse_monitoring_days != null
	retention.abuse_monitoring_days != retention.days
} else := sprintf("%d days", [retention.days])

# METADATA
# title: Field that carries the excess retention
# description: retention/days when it exceeds the ceiling, else retention/abuse_monitoring_days.
days_field(retention, ceiling) := "retention/days" if {
	retention.days > ceiling
} else := "retention/abuse_monitoring_days"

# METADATA
# title: Vendor retention above the ceiling for the data classification
# description: >-
#   Vendors keep prompts and outputs for abuse monitoring (OpenAI API and Azure OpenAI: up to
#   30 days by default, https://developers.openai.com/api/docs/guides/your-data). The longer of
#   days and abuse_monitoring_days must not
#   exceed the organization's max_vendor_retention_days for the use case's classification.
# custom:
#   id: GOV-RET-001
#   severity: error
#   controls: ["GDPR Art. 5(1)(e)", "NIST AI RMF GV-6.1", "NIST AI RMF MS-2.10", "ISO 42001 A.10.3"]
#   remediation: >-
#     Obtain shorter retention from the vendor and record it in the deployment's retention
#     (days, abuse_monitoring_days) with the contract_ref: Zero Data Retention or Modified
#     Abuse Monitoring need the vendor's prior approval (OpenAI API), and Azure OpenAI turns
#     off abuse-monitoring storage only for approved customers. Otherwise move the use case to
#     a self-hosted deployment, or raise max_vendor_retention_days for this classification in
#     organization.requirements.retention if the longer retention is acceptable.
deny contains {"rule": "GOV-RET-001", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	rule := c.use_case.effective_requirements.retention
	rule != null
	ceiling := rule.max_vendor_retention_days
	ceiling != null
	vendor_days_of[c.deployment.pointer] > ceiling
	r := vendor_retention_of[c.deployment.pointer]
	text := days_text_of[c.deployment.pointer]
	msg := sprintf(
		concat("", [
			"%s (%s, operated by %s) keeps prompts and outputs %s, but use case '%s' holds '%s' data, which vendors ",
			"may keep at most %d days (%s)",
		]),
		[
			c.deployment.id, c.model.name, c.deployment.operator, text,
			c.use_case.id, c.use_case.data_classification, ceiling, rule.pointer,
		],
	)
	field := concat("/", [c.deployment.pointer, days_field(r, ceiling)])
}

# METADATA
# title: Data categories that require zero data retention
# description: The use case's data_categories listed in requirements.zero_data_retention_for.
zdr_categories(c) := {cat |
	some cat in c.use_case.data_categories
	cat in input.organization.requirements.zero_data_retention_for
}

# METADATA
# title: Data-category lists of the use cases
# description: The distinct data_categories lists, so their ZDR categories are computed once per list.
data_category_lists := {uc.data_categories | some uc in input.use_cases}

# METADATA
# title: Data categories that require zero data retention, per list
# description: zdr_categories (sorted) of each distinct data_categories list, keyed by the list.
zdr_categories_of := {categories: sort({cat |
	some cat in categories
	cat in input.organization.requirements.zero_data_retention_for
}) |
	some categories in data_category_lists
}

# METADATA
# title: Retention rule that requires zero data retention
# description: The use case's effective retention rule, when it sets require_zero_data_retention.
zdr_rule(c) := rule if {
	rule := c.use_case.effective_requirements.retention
	rule != null
	rule.require_zero_data_retention == true
}

# METADATA
# title: Why zero data retention is required, given the data categories that demand it
# description: Names the data categories and/or the classification rule that demand it.
zdr_reason_text(c, cats) := sprintf(
	"%s (requirements.zero_data_retention_for) and '%s' data (%s) require zero data retention",
	[concat(", ", cats), c.use_case.data_classification, rule.pointer],
) if {
	count(cats) > 0
	rule := zdr_rule(c)
} else := sprintf("%s requires zero data retention (requirements.zero_data_retention_for)", [concat(", ", cats)]) if {
	count(cats) == 1
} else := sprintf("%s require zero data retention (requirements.zero_data_retention_for)", [concat(", ", cats)]) if {
	count(cats) > 1
} else := sprintf(
	"'%s' data requires zero data retention (%s)",
	[c.use_case.data_classification, zdr_rule(c).pointer],
) if {
	zdr_rule(c)
}

# METADATA
# title: Zero data retention required but not in place
# description: >-
#   The use case's classification rule or its data categories demand zero data retention and
#   the vendor-operated deployment records no ZDR agreement. ZDR is contractual and
#   approval-gated at the vendors (https://developers.openai.com/api/docs/guides/your-data).
# custom:
#   id: GOV-RET-002
#   severity: error
#   controls: ["GDPR Art. 5(1)(c)", "NIST AI RMF GV-6.1", "NIST AI RMF MS-2.10", "ISO 42001 A.10.3"]
#   remediation: >-
#     Apply for zero data retention with the vendor (OpenAI: ZDR and Modified Abuse Monitoring
#     need the vendor's prior approval, and some endpoints still persist application state;
#     Azure OpenAI: approved customers can turn off abuse-monitoring storage; Anthropic: ZDR by
#     arrangement, not covering Files API, prompt caching or some batch features; Google
#     Vertex: ZDR needs customer action on caching and prompt logging), then set
#     retention.zero_data_retention: true with the contract_ref. Otherwise keep this data on a
#     self-hosted deployment, or remove the data category from the use case if it is not sent.
deny contains {"rule": "GOV-RET-002", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	deployment_text := no_zdr_text[c.deployment.pointer]
	cats := zdr_categories_of[c.use_case.data_categories]
	count(cats) + count([1 | c.use_case.effective_requirements.retention.require_zero_data_retention == true]) > 0
	reason := zdr_reason_text(c, cats)
	msg := concat("", [reason, "; ", deployment_text, " (use case '", c.use_case.id, "')"])
	field := concat("", [c.deployment.pointer, "/retention/zero_data_retention"])
}

# METADATA
# title: Vendor training terms that break a training rule
# description: never allows only 'never'; opt-in-only also allows 'opt-in'; any allows all.
training_breaks(allowed, terms) if {
	allowed == "never"
	terms != "never"
}

# METADATA
# title: Vendor training terms that break an opt-in-only rule
# description: Training by default, unless opted out, or unknown terms break opt-in-only.
training_breaks(allowed, terms) if {
	allowed == "opt-in-only"
	terms in {"default-on", "opt-out", "unknown"}
}

# METADATA
# title: What the vendor's training terms mean
# description: Wording of each training_on_customer_data value for messages.
training_terms_text := {
	"opt-in": "the vendor trains on the data once the organization opts in",
	"opt-out": "the vendor trains on the data unless the organization opts out",
	"default-on": "the vendor trains on the data by default",
	"unknown": "unknown: record the vendor's terms",
}

# METADATA
# title: Vendor may train on data the rule protects
# description: >-
#   The use case's training rule (never / opt-in-only) against the deployment's
#   training_on_customer_data. Vendor API terms differ (OpenAI, Azure OpenAI, Anthropic and
#   Google say business data is not used for training without permission), so
#   the deployment must record the terms that apply, and 'unknown' never passes a rule.
# custom:
#   id: GOV-RET-003
#   severity: error
#   controls: ["GDPR Art. 5(1)(b)", "NIST AI RMF GV-6.1", "NIST AI RMF MP-4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Read the vendor's data terms and record them in the deployment's
#     training_on_customer_data: 'never' when the contract excludes training on the
#     organization's data (and the organization has not opted in), 'opt-in' when training
#     happens only after an opt-in. Opt out, or choose a deployment whose terms exclude
#     training, when the vendor trains by default or unless opted out.
deny contains {"rule": "GOV-RET-003", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	rule := c.use_case.effective_requirements.training
	rule != null
	rule.allowed in training_broken[c.deployment.pointer]
	terms := c.deployment.training_on_customer_data
	msg := sprintf(
		concat("", [
			"%s (%s, operated by %s) records training_on_customer_data '%s' (%s), but use case '%s' holds '%s' data, ",
			"for which vendor training is allowed: %s (%s)",
		]),
		[
			c.deployment.id, c.model.name, c.deployment.operator, terms, training_terms_text[terms],
			c.use_case.id, c.use_case.data_classification, rule.allowed, rule.pointer,
		],
	)
	field := concat("", [c.deployment.pointer, "/training_on_customer_data"])
}

# METADATA
# title: Vendor staff can read data that must not be reviewed by humans
# description: >-
#   Abuse monitoring at vendors can involve human review of prompts and outputs; the
#   classification rule forbids it (https://learn.microsoft.com/legal/cognitive-services/openai/data-privacy).
# custom:
#   id: GOV-RET-004
#   severity: error
#   controls: ["GDPR Art. 32", "NIST AI RMF GV-6.1", "NIST AI RMF MS-2.10", "ISO 42001 A.10.3"]
#   remediation: >-
#     Obtain an arrangement that removes human review (OpenAI: Zero Data Retention or Modified
#     Abuse Monitoring, both need the vendor's prior approval; Azure OpenAI: modified abuse
#     monitoring for approved customers) and set retention.human_review_possible: false with
#     the contract_ref, or keep this data on a self-hosted deployment.
deny contains {"rule": "GOV-RET-004", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	rule := c.use_case.effective_requirements.retention
	rule != null
	rule.forbid_human_review == true
	r := vendor_retention_of[c.deployment.pointer]
	r.human_review_possible == true
	msg := sprintf(
		concat("", [
			"vendor staff at %s can review prompts or outputs of %s (%s), but use case '%s' holds '%s' data, for ",
			"which human review by the vendor is forbidden (%s)",
		]),
		[c.deployment.operator, c.deployment.id, c.model.name, c.use_case.id, c.use_case.data_classification, rule.pointer],
	)
	field := concat("", [c.deployment.pointer, "/retention/human_review_possible"])
}

# METADATA
# title: Vendor data-use facts not traceable to a contract
# description: >-
#   Retention, ZDR, human review and training terms are contractual and change;
#   for data above the lowest classification they must name the contract or terms they come
#   from.
# custom:
#   id: GOV-RET-005
#   severity: warning
#   controls: ["NIST AI RMF GV-6.1", "NIST AI RMF MP-4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set retention.contract_ref on the deployment to the agreement and the vendor data-terms
#     page the facts were read from (e.g. "Services Agreement + DPA signed 2025-09-02;
#     developers.openai.com/api/docs/guides/your-data"), including any ZDR or modified abuse
#     monitoring approval.
warn contains {"rule": "GOV-RET-005", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	r := uncontracted_retention[c.deployment.pointer]
	c.use_case.classification_rank > 0
	msg := sprintf(
		concat("", [
			"%s (%s, operated by %s) records retention %s, zero_data_retention %v, human_review_possible %v and ",
			"training_on_customer_data '%s' without a contract_ref, yet use case '%s' sends '%s' data to it",
		]),
		[
			c.deployment.id, c.model.name, c.deployment.operator, days_text(r), r.zero_data_retention,
			r.human_review_possible, c.deployment.training_on_customer_data, c.use_case.id, c.use_case.data_classification,
		],
	)
	field := concat("", [c.deployment.pointer, "/retention/contract_ref"])
}

# METADATA
# title: No contract reference
# description: contract_ref is null or blank.
no_contract(retention) if retention.contract_ref == null

# METADATA
# title: Blank contract reference
# description: contract_ref is an empty or whitespace-only string.
no_contract(retention) if {
	is_string(retention.contract_ref)
	trim_space(retention.contract_ref) == ""
}
