package governance.rules.sources_test

import data.governance.rules.sources
import data.governance.test_fixtures as fx

# METADATA
# title: GOV-SRC-001 messages for an input
infos(inp) := msgs if {
	found := sources.obligation with input as inp
	msgs := {f.message | some f in found; f.rule == "GOV-SRC-001"}
}

with_catalog := {"model": {"catalog_key": "gpt-oss-20b", "lineage": null, "source": {"retrieved_on": "2027-01-01"}}}

test_fresh_facts_say_nothing if {
	count(infos(fx.input_with(object.union(with_catalog, {"now": "2027-01-01"})))) == 0
}

test_licence_and_model_facts_older_than_180_days_are_named if {
	msgs := infos(fx.input_with(object.union(with_catalog, {"now": "2027-06-01"})))
	count(msgs) == 2
	some m in msgs
	contains(m, "licence terms of 'apache-2.0' (Apache License 2.0) last reviewed 2026-11-24, 189 days before 2027-06-01")
	contains(m, "re-read https://www.apache.org/licenses/LICENSE-2.0")
	some n in msgs
	startswith(n, "model facts of 'gpt-oss-20b' in the model facts catalogue last reviewed 2026-11-24")
}

test_the_organization_sets_the_age if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"max_fact_age_days": 30})}
	msgs := infos(fx.input_with(object.union(with_catalog, {"now": "2027-01-01", "organization": org})))
	count(msgs) == 2
	some m in msgs
	contains(m, "(max_fact_age_days 30)")
}

test_the_inventory_read_date_counts if {
	msgs := infos(fx.input_with({"now": "2026-11-24", "model": {"catalog_key": null}}))
	count(msgs) == 0
	old := infos(fx.input_with({"now": "2027-06-01", "model": {"catalog_key": null}}))
	some m in old
	m == concat("", [
		"the licence and model facts of gpt-oss-20b (source.retrieved_on) last reviewed 2026-11-01, 212 days before ",
		"2027-06-01 (max_fact_age_days 180): re-read https://huggingface.co/openai/gpt-oss-20b",
	])
}

test_base_model_entry_counts if {
	lineage := {"origin": "catalogue", "key": "llama-3.1-8b-instruct", "name": "meta-llama/Llama-3.1-8B-Instruct"}
	inp := fx.input_with({"now": "2027-06-01", "model": {"catalog_key": null, "lineage": lineage}})
	some m in infos(inp)
	startswith(m, "model facts of base model 'llama-3.1-8b-instruct' in the model facts catalogue last reviewed")
}

azure := {
	"mode": "private-cloud", "operator": "Microsoft (Azure OpenAI, tenant contoso-prod)",
	"retention": {"days": 30, "zero_data_retention": false, "human_review_possible": true},
}

test_stale_vendor_terms_are_named_with_the_vendor_and_the_date if {
	msgs := infos(fx.input_with({"now": "2027-06-01", "model": {"catalog_key": null}, "deployment": azure}))
	some m in msgs
	m == concat("", [
		"vendor retention, zero-data-retention, training-on-data and abuse-monitoring terms for Azure OpenAI ",
		"last reviewed 2026-11-24, 189 days before 2027-06-01 (max_fact_age_days 180): ",
		"re-read https://learn.microsoft.com/legal/cognitive-services/openai/data-privacy",
	])
	found := sources.obligation with input as fx.input_with({
		"now": "2027-06-01",
		"model": {"catalog_key": null},
		"deployment": azure,
	})
	some f in found
	f.message == m
	f.field == "/models/0/deployments/0/operator"
}

test_the_longest_operator_name_wins if {
	sources.vendor_key(azure) == "azure-openai"
	sources.vendor_key({"mode": "vendor-hosted", "operator": "OpenAI"}) == "openai-api"
	not sources.vendor_key({"mode": "self-hosted", "operator": "OpenAI"})
	not sources.vendor_key({"mode": "private-cloud", "operator": "AWS (Amazon Bedrock, account x)"})
}

test_vendor_terms_grouped_by_review_date if {
	catalogue := {"acme": {"name": "Acme AI", "operator_names": ["Acme"], "terms": {
		"retention": {"reviewed_on": "2025-11-02", "sources": ["https://acme.example/retention"]},
		"training_on_customer_data": {"reviewed_on": "2026-11-01", "sources": ["https://acme.example/training"]},
	}}}
	d := {"mode": "vendor-hosted", "operator": "Acme Inc.", "retention": null, "pointer": "/models/0/deployments/0"}
	inp := fx.input_with({"now": "2026-11-24", "model": {"catalog_key": null}, "deployment": d})
	msgs := infos(inp) with data.governance.catalog.vendors.vendors as catalogue
	msgs == {concat("", [
		"vendor retention terms for Acme AI last reviewed 2025-11-02, 387 days before 2026-11-24 ",
		"(max_fact_age_days 180): re-read https://acme.example/retention",
	])}
}

test_fresh_vendor_terms_say_nothing if {
	count(infos(fx.input_with({
		"now": "2027-01-01",
		"model": {"catalog_key": null, "source": {"retrieved_on": "2027-01-01"}},
		"deployment": azure,
	}))) == 0
}
