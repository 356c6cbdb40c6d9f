# Sources: licence terms, model facts and vendor terms change, so every catalogue entry records
# its public sources and the day they were last reviewed (docs/sources.md). A choice that
# depends on an entry reviewed longer ago than the organization accepts gets an info finding.
package governance.rules.sources

import data.governance.lib

# METADATA
# title: Licence catalogue
# description: Entries keyed by licence key (policies/data/licenses.yaml).
licenses := object.get(data.governance.catalog, ["licenses", "licenses"], {})

# METADATA
# title: Model facts catalogue
# description: Entries keyed by catalogue key (policies/data/models.yaml).
models := object.get(data.governance.catalog, ["models", "models"], {})

# METADATA
# title: Vendor data terms catalogue
# description: Entries keyed by vendor key (policies/data/vendors.yaml).
vendors := object.get(data.governance.catalog, ["vendors", "vendors"], {})

# METADATA
# title: Oldest acceptable review
# description: organization.requirements.max_fact_age_days, 180 days when not set.
max_age := object.get(input.organization.requirements, "max_fact_age_days", 180)

# METADATA
# title: Days between two ISO dates
# description: Both taken at midnight UTC.
days_between(from, to) := (
	time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [to])) - time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [from]))
) / ((24 * 3600) * 1000000000)

# METADATA
# title: Catalogue entries a model depends on
# description: >-
#   Where the inventory read the model's own facts (source.retrieved_on), its licence's entry,
#   its model facts entry (catalog key) and its base model's entry, each as
#   {what, field, reviewed_on, sources}; entries without a date are left out.
dependencies(m) := {dep |
	src := object.get(m, "source", {})
	reviewed := object.get(src, "retrieved_on", null)
	reviewed != null
	dep := {
		"what": sprintf("the licence and model facts of %s (source.retrieved_on)", [m.name]),
		"field": "/source/retrieved_on", "reviewed_on": reviewed,
		"sources": [s | some s in [object.get(src, "url", null), hf_url(object.get(src, "hf_repo", null))]; s != null],
	}
} | {dep |
	some key in split(m.license.key, " AND ")
	lic := licenses[key]
	reviewed := object.get(lic, "reviewed_on", null)
	reviewed != null
	dep := {
		"what": sprintf("licence terms of '%s' (%s)", [key, lic.name]),
		"field": "/license/key", "reviewed_on": reviewed, "sources": object.get(lic, "sources", []),
	}
} | {dep |
	key := object.get(m, "catalog_key", null)
	key != null
	e := models[key]
	reviewed := object.get(e, "reviewed_on", null)
	reviewed != null
	dep := {
		"what": sprintf("model facts of '%s' in the model facts catalogue", [key]),
		"field": "/catalog", "reviewed_on": reviewed, "sources": object.get(e, "sources", []),
	}
} | {dep |
	base := object.get(m, "lineage", null)
	base != null
	base.origin == "catalogue"
	e := models[base.key]
	reviewed := object.get(e, "reviewed_on", null)
	reviewed != null
	dep := {
		"what": sprintf("model facts of base model '%s' in the model facts catalogue", [base.key]),
		"field": "/base_model", "reviewed_on": reviewed, "sources": object.get(e, "sources", []),
	}
}

# METADATA
# title: Deployment modes a vendor operates
# description: The vendor's API, or a managed service in the organization's cloud tenant.
vendor_modes := {"vendor-hosted", "private-cloud"}

# METADATA
# title: Vendor terms entry of a deployment
# description: >-
#   The key of the vendor terms entry whose operator_names occur in the deployment's operator
#   (case-insensitive); the longest phrase wins ("Azure OpenAI" over "OpenAI"), and a tie
#   between entries names none. Undefined for self-hosted and edge deployments.
vendor_key(d) := key if {
	d.mode in vendor_modes
	operator := lower(d.operator)
	matches := {[count(name), k] |
		some k, v in vendors
		some name in v.operator_names
		contains(operator, lower(name))
	}
	longest := max({n | some [n, _] in matches})
	keys := {k | some [n, k] in matches; n == longest}
	count(keys) == 1
	some key in keys
}

# METADATA
# title: Order and wording of vendor terms
# description: How each kind of term is named in a message, in message order.
term_labels := [
	["retention", "retention"],
	["zero_data_retention", "zero-data-retention"],
	["training_on_customer_data", "training-on-data"],
	["abuse_monitoring", "abuse-monitoring"],
]

# METADATA
# title: Words joined as a list
# description: '"a", "a and b", "a, b and c".'
and_list(words) := words[0] if {
	count(words) == 1
} else := sprintf("%s and %s", [concat(", ", array.slice(words, 0, count(words) - 1)), words[count(words) - 1]])

# METADATA
# title: Vendor terms a deployment depends on
# description: >-
#   The terms of its vendor's entry, grouped by review date, each group as
#   {what, field, reviewed_on, sources}: "vendor retention and training-on-data terms for
#   Azure OpenAI".
vendor_dependencies(d) := {dep |
	v := vendors[vendor_key(d)]
	some reviewed in {t.reviewed_on | some t in v.terms}
	labels := [label | some [name, label] in term_labels; v.terms[name].reviewed_on == reviewed]
	dep := {
		"what": sprintf("vendor %s terms for %s", [and_list(labels), v.name]),
		"field": "/operator", "reviewed_on": reviewed,
		"sources": sort({s | some t in v.terms; t.reviewed_on == reviewed; some s in t.sources}),
	}
}

# METADATA
# title: Hugging Face page of a repository
# description: null when there is none.
hf_url(repo) := null if {
	repo == null
} else := sprintf("https://huggingface.co/%s", [repo])

# METADATA
# title: Stale dependencies per model
# description: Keyed by model pointer, the dependencies reviewed more than max_age days before now.
stale[m.pointer] contains dep if {
	some m in input.models
	some dep in dependencies(m)
	days_between(dep.reviewed_on, input.now) > max_age
}

# METADATA
# title: Stale vendor terms per deployment
# description: Keyed by deployment pointer, the vendor terms reviewed more than max_age days before now.
stale[d.pointer] contains dep if {
	some m in input.models
	some d in m.deployments
	some dep in vendor_dependencies(d)
	days_between(dep.reviewed_on, input.now) > max_age
}

# METADATA
# title: Where to re-read a fact
# description: The first source, or a pointer to docs/sources.md when the entry names none.
where(dep) := sprintf("re-read %s", [concat(", ", dep.sources)]) if {
	count(dep.sources) > 0
} else := "no public source is recorded for it: see docs/sources.md"

# METADATA
# title: Catalogue fact older than the organization accepts
# description: >-
#   Licence terms, model facts and vendor terms change (acceptable-use policies are updatable,
#   licences get new versions, retention and training terms are revised). A choice relying on
#   a catalogue entry (licence, model facts, base model, or the vendor data terms of a
#   vendor-operated deployment) whose sources were last reviewed longer ago than
#   organization.requirements.max_fact_age_days (default 180) says so.
# custom:
#   id: GOV-SRC-001
#   severity: info
#   controls: ["ISO 42001 A.10.3", "NIST AI RMF GV-1.5", "NIST AI 600-1 GV-6.1-002"]
#   remediation: >-
#     Re-read the sources the catalogue entry names (docs/sources.md lists them), update the
#     entry and its reviewed_on (for the built-in catalogue: upgrade, or pass a corrected entry
#     with --data), or raise max_fact_age_days if the organization accepts older facts. For
#     vendor terms, also check that the deployment's retention, zero_data_retention and
#     training_on_customer_data still match what the vendor publishes.
obligation contains {"rule": "GOV-SRC-001", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	some pointer in [c.model.pointer, c.deployment.pointer]
	some dep in stale[pointer]
	msg := sprintf(
		"%s last reviewed %s, %d days before %s (max_fact_age_days %d): %s",
		[dep.what, dep.reviewed_on, days_between(dep.reviewed_on, input.now), input.now, max_age, where(dep)],
	)
	field := concat("", [pointer, dep.field])
}
