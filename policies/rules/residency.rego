# Data residency: where a model choice processes and stores data, against the organization's
# residency rule for the use case's classification level (sources: docs/sources.md).
#
# The organization's rule names location ids (cloud regions, countries, the groups EU/EEA/EFTA,
# or 'global'). The input builder expands every location id the inventory names to ISO 3166-1
# codes (input.locations, from the location catalogue); this file only reads that table, so a
# location means the same countries here as in a deployment's processing_countries.
package governance.rules.residency

import data.governance.lib

# METADATA
# title: Countries a location id stands for
# description: >-
#   As input.locations gives it: 'global' -> {"global"}; a country code -> itself; a group ->
#   its member states; a cloud region -> the country of its datacentre. An id the inventory
#   does not name expands to nothing (the schema rejects unknown ids).
location_countries(loc) := {code | some code in input.locations[loc]}

# METADATA
# title: Countries a list of location ids allows
# description: The union of the expansions; {"global"} as soon as one of them is 'global'.
allowed_countries(locs) := {"global"} if {
	some loc in locs
	"global" in location_countries(loc)
} else := {code | some loc in locs; some code in location_countries(loc)}

# METADATA
# title: Countries outside an allowed set
# description: >-
#   The countries (ISO codes, or ["global"]) that the allowed set does not cover. Anything is
#   inside a 'global' allowance; 'global' is outside every other allowance.
outside(countries, allowed) := set() if {
	"global" in allowed
} else := {"global"} if {
	"global" in countries
} else := {code | some code in countries; not code in allowed}

# METADATA
# title: Deployment locations that fall outside an allowed set
# description: The deployment's own location ids (as written) whose countries are not all allowed.
offending_locations(locs, allowed) := {loc |
	some loc in locs
	count(outside(location_countries(loc), allowed)) > 0
}

# METADATA
# title: Human-readable list of countries
# description: Sorted and comma-separated; 'global' is spelled out as any country.
countries_text(countries) := "any country (global)" if {
	"global" in countries
} else := concat(", ", sort(countries))

# METADATA
# title: Where a deployment falls outside, as text
# description: >-
#   The offending countries with the deployment's location ids that stand for them,
#   e.g. "GB via eu-west-2" (a location that is a country is not repeated: "US", not "US via
#   US"); global locations read "any country (global)".
where_text(bad, locs, allowed) := "any country (global)" if {
	"global" in bad
} else := countries_text(bad) if {
	count(via_locations(bad, locs, allowed)) == 0
} else := sprintf("%s via %s", [countries_text(bad), concat(", ", sort(via_locations(bad, locs, allowed)))])

# METADATA
# title: Location ids worth naming after "via"
# description: The offending location ids that are not themselves one of the countries named ("US via US").
via_locations(bad, locs, allowed) := {loc |
	some loc in offending_locations(locs, allowed)
	not loc in bad
}

# METADATA
# title: Location lists of the residency rules in force
# description: >-
#   The processing and storage lists of every use case's effective residency rule: a handful
#   of distinct lists, so their expansions are computed once, not once per model choice.
rule_location_lists := {locs |
	some uc in input.use_cases
	rule := uc.effective_requirements.residency
	rule != null
	some locs in [rule.processing, rule.storage]
}

# METADATA
# title: Countries each rule location list allows
# description: allowed_countries of each list in rule_location_lists, keyed by the list.
allowed_for := {locs: allowed_countries(locs) |
	some locs in rule_location_lists
}

# METADATA
# title: Deployments processing outside a rule location list
# description: >-
#   Keyed by [deployment pointer, rule location list]: the countries outside the allowed set
#   and the text naming them. Only pairs with at least one country outside are present.
processing_outside := {key: {"bad": bad, "where": where_text(bad, d.processing_locations, allowed)} |
	some locs, allowed in allowed_for
	some m in input.models
	some d in m.deployments
	bad := outside(d.processing_countries, allowed)
	count(bad) > 0
	key := [d.pointer, locs]
}

# METADATA
# title: Deployments storing outside a rule location list
# description: As processing_outside, for the deployment's storage countries and locations.
storage_outside := {key: {"bad": bad, "where": where_text(bad, d.storage_locations, allowed)} |
	some locs, allowed in allowed_for
	some m in input.models
	some d in m.deployments
	bad := outside(d.storage_countries, allowed)
	count(bad) > 0
	key := [d.pointer, locs]
}

# METADATA
# title: Residency rule reference
# description: Names the rule by its classification level and its pointer, for messages.
rule_text(rule) := sprintf("the residency rule for '%s' data and above (%s)", [rule.classification, rule.pointer])

# METADATA
# title: Processing violation message
# description: >-
#   The classic trap gets its own wording: a vendor-operated deployment whose processing scope
#   is global (e.g. an Azure OpenAI Global deployment type) while data at rest stays in-region.
processing_message(c, rule, out) := msg if {
	lib.vendor_operated(c.deployment)
	"global" in c.deployment.processing_countries
	count(c.deployment.storage_countries) > 0
	storage_countries := c.deployment.storage_countries
	not "global" in storage_countries
	msg := sprintf(
		concat("", [
			"%s (%s, %s) processes globally while storing in %s (%s): inference on use case '%s' ('%s' data) may run ",
			"in any country, but %s allows processing only in %s",
		]),
		[
			c.deployment.id, c.model.name, c.deployment.mode,
			concat(", ", c.deployment.storage_locations), countries_text(c.deployment.storage_countries),
			c.use_case.id, c.use_case.data_classification, rule_text(rule), concat(", ", rule.processing),
		],
	)
} else := sprintf(
	"%s (%s) processes use case '%s' ('%s' data) in %s, outside the processing locations %s allows: %s",
	[
		c.deployment.id, c.model.name, c.use_case.id, c.use_case.data_classification,
		out.where, rule_text(rule), concat(", ", rule.processing),
	],
)

# METADATA
# title: Processing location outside what the data classification allows
# description: >-
#   Inference must run where the organization's residency rule for the use case's
#   classification allows. Processing is checked on its own: a provider's processing scope
#   (Azure OpenAI Global/DataZone/Standard, OpenAI regional processing) can differ from where
#   data rests (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/deployment-types).
# custom:
#   id: GOV-RES-001
#   severity: error
#   controls: ["GDPR Art. 44", "NIST AI RMF GV-1.1", "NIST AI RMF GV-6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Change the deployment's processing_locations to regions inside the allowed set, which
#     usually means choosing a different deployment type with the vendor (e.g. an Azure OpenAI
#     Standard or DataZone deployment instead of Global; an OpenAI project with data residency
#     and regional processing on a regional endpoint such as eu.api.openai.com), or move the
#     use case to a deployment that already runs there. If the location is acceptable, widen
#     organization.requirements.residency[].processing for that classification instead.
deny contains {"rule": "GOV-RES-001", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	rule := c.use_case.effective_requirements.residency
	rule != null
	out := processing_outside[[c.deployment.pointer, rule.processing]]
	msg := processing_message(c, rule, out)
	field := concat("", [c.deployment.pointer, "/processing_locations"])
}

# METADATA
# title: Storage location outside what the data classification allows
# description: >-
#   Prompts, outputs and logs must rest where the organization's residency rule for the use
#   case's classification allows (storage at rest is its own setting:
#   https://developers.openai.com/api/docs/guides/data-residency).
# custom:
#   id: GOV-RES-002
#   severity: error
#   controls: ["GDPR Art. 44", "NIST AI RMF GV-1.1", "NIST AI RMF GV-6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Change the deployment's storage_locations to regions inside the allowed set (for a
#     vendor API: the project's or resource's data-residency region, which must be configured
#     with the vendor), or move the use case to a deployment that stores there. If the
#     location is acceptable, widen organization.requirements.residency[].storage instead.
deny contains {"rule": "GOV-RES-002", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	rule := c.use_case.effective_requirements.residency
	rule != null
	out := storage_outside[[c.deployment.pointer, rule.storage]]
	msg := sprintf(
		"%s (%s) stores data of use case '%s' ('%s' data) in %s, outside the storage locations %s allows: %s",
		[
			c.deployment.id, c.model.name, c.use_case.id, c.use_case.data_classification,
			out.where, rule_text(rule), concat(", ", rule.storage),
		],
	)
	field := concat("", [c.deployment.pointer, "/storage_locations"])
}

# METADATA
# title: Unknown storage location for residency-restricted data
# description: >-
#   A deployment that records no storage_locations cannot be shown to keep data where the
#   residency rule demands; for data under a residency rule an unknown location is an error.
# custom:
#   id: GOV-RES-003
#   severity: error
#   controls: ["GDPR Art. 30", "NIST AI RMF GV-1.1", "NIST AI RMF MP-4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Add storage_locations to the deployment: where prompts, outputs and logs rest (for a
#     self-hosted model, the region of its log and cache storage; for a vendor API, the data
#     residency region in the vendor contract or project settings).
deny contains {"rule": "GOV-RES-003", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	count(c.deployment.storage_locations) == 0
	rule := c.use_case.effective_requirements.residency
	rule != null
	allowed_storage := allowed_for[rule.storage]
	not "global" in allowed_storage
	msg := sprintf(
		concat("", [
			"unknown storage location for restricted data: %s (%s) records no storage_locations, but use case '%s' ",
			"holds '%s' data, which %s allows to rest only in %s",
		]),
		[
			c.deployment.id, c.model.name, c.use_case.id, c.use_case.data_classification,
			rule_text(rule), concat(", ", rule.storage),
		],
	)
	field := concat("", [c.deployment.pointer, "/storage_locations"])
}

# METADATA
# title: EEA member states
# description: The EEA group as input.locations gives it (EU + IS, LI, NO).
eea := {code | some code in input.locations.EEA}

# METADATA
# title: Deployments processing outside the EEA
# description: The countries (or 'global') outside the EEA, keyed by deployment pointer; only deployments with some.
processing_outside_eea := {d.pointer: bad |
	some m in input.models
	some d in m.deployments
	bad := outside(d.processing_countries, eea)
	count(bad) > 0
}

# METADATA
# title: Data-subject jurisdiction lists without a residency rule
# description: The distinct data_subject_jurisdictions of use cases no residency rule applies to.
unruled_jurisdiction_lists := {uc.data_subject_jurisdictions |
	some uc in input.use_cases
	uc.effective_requirements.residency == null
}

# METADATA
# title: EEA data subjects of a jurisdiction list
# description: The EEA member states a data_subject_jurisdictions list covers, keyed by the list; only non-empty ones.
eea_subjects := {jurisdictions: subjects |
	some jurisdictions in unruled_jurisdiction_lists
	subjects := allowed_countries(jurisdictions) & eea
	count(subjects) > 0
}

# METADATA
# title: EEA data subjects processed outside the EEA without a residency rule
# description: >-
#   Kept deliberately simple: the use case declares data subjects in the EU/EEA, the
#   deployment processes outside the EEA, and no residency rule applies to the use case's
#   classification (when one applies, GOV-RES-001 already decides). It does not judge
#   adequacy decisions or safeguards; it asks for the transfer basis to be confirmed.
# custom:
#   id: GOV-RES-004
#   severity: warning
#   controls: ["GDPR Art. 44", "GDPR Art. 46", "NIST AI RMF GV-1.1", "NIST AI RMF MS-2.10"]
#   remediation: >-
#     Either process in the EEA (set the deployment's processing_locations to EEA regions,
#     e.g. an EU data-residency project or an EU DataZone deployment), or add a residency rule
#     for this classification in organization.requirements.residency that records where the
#     organization allows this data to be processed, once a GDPR Chapter V transfer basis
#     (adequacy decision, Art. 45; or safeguards such as standard contractual clauses,
#     Art. 46) is confirmed for the vendor.
warn contains {"rule": "GOV-RES-004", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.use_case.effective_requirements.residency == null
	bad := processing_outside_eea[c.deployment.pointer]
	subjects := eea_subjects[c.use_case.data_subject_jurisdictions]
	msg := sprintf(
		concat("", [
			"use case '%s' has data subjects in the EEA (%s) and %s (%s) processes the data outside the EEA in %s; no ",
			"residency rule covers '%s' data, so confirm a GDPR transfer basis or add one",
		]),
		[
			c.use_case.id, concat(", ", sort(subjects)), c.deployment.id, c.model.name,
			countries_text(bad), c.use_case.data_classification,
		],
	)
	field := concat("", [c.deployment.pointer, "/processing_locations"])
}
