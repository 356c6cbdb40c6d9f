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
