package governance.rules.retention_test

import data.governance.rules.retention
import data.governance.test_fixtures as fx

# A clean vendor API deployment: no retention, ZDR, no human review, no training, a contract.
clean_retention := {
	"days": 0,
	"zero_data_retention": true,
	"abuse_monitoring_days": null,
	"human_review_possible": false,
	"contract_ref": "OpenAI Services Agreement + DPA (2026-01-10)",
}

vendor_deployment := {
	"mode": "vendor-hosted",
	"operator": "OpenAI",
	"hardware": null,
	"retention": clean_retention,
	"training_on_customer_data": "never",
}

# The base choice moved to the vendor API, with retention facts and other deployment facts
# overridden.
on_vendor(retention, deployment) := object.union(
	object.union(vendor_deployment, deployment),
	{"retention": object.union(clean_retention, retention)},
)

vendor_input(retention, deployment, use_case) := fx.input_with({
	"deployment": on_vendor(retention, deployment),
	"use_case": use_case,
})

# The base use case with another effective retention / training rule.
with_rules(rules) := {"effective_requirements": object.union(fx.base_use_case.effective_requirements, rules)}

strict_retention := {
	"classification": "internal",
	"max_vendor_retention_days": 0,
	"require_zero_data_retention": true,
	"forbid_human_review": true,
	"pointer": "/organization/requirements/retention/0",
	"rank": 1,
}

test_clean_vendor_deployment_passes if {
	inp := vendor_input({}, {}, with_rules({"retention": strict_retention}))
	count(retention.deny) == 0 with input as inp
	count(retention.warn) == 0 with input as inp
}

# --- GOV-RET-001 retention days ---------------------------------------------------------------

test_retention_above_ceiling_is_denied if {
	denied := retention.deny with input as vendor_input({"days": 45, "zero_data_retention": false}, {}, {})
	some f in denied
	f.rule == "GOV-RET-001"
	f.field == "/models/0/deployments/0/retention/days"
	contains(f.message, "keeps prompts and outputs 45 days")
	contains(f.message, "at most 30 days")
}

test_abuse_monitoring_above_ceiling_points_at_abuse_days if {
	denied := retention.deny with input as vendor_input({
		"days": 10,
		"abuse_monitoring_days": 60,
		"zero_data_retention": false,
	}, {}, {})
	some f in denied
	f.rule == "GOV-RET-001"
	f.field == "/models/0/deployments/0/retention/abuse_monitoring_days"
	contains(f.message, "10 days (abuse monitoring 60 days)")
}

test_retention_at_ceiling_passes if {
	denied := retention.deny with input as vendor_input({
		"days": 30,
		"abuse_monitoring_days": 30,
		"zero_data_retention": false,
	}, {}, {})
	not "GOV-RET-001" in fx.rules_of(denied)
}

test_retention_without_ceiling_passes if {
	rule := object.union(strict_retention, {"max_vendor_retention_days": null, "require_zero_data_retention": false})
	denied := retention.deny with input as vendor_input({
		"days": 400,
		"zero_data_retention": false,
	}, {}, with_rules({"retention": rule}))
	not "GOV-RET-001" in fx.rules_of(denied)
}

test_self_hosted_retention_is_out_of_scope if {
	inp := fx.input_with({"deployment": {"retention": object.union(clean_retention, {
		"days": 90,
		"human_review_possible": true,
	})}})
	count(retention.deny) == 0 with input as inp
}

# --- GOV-RET-002 zero data retention -------------------------------------------------------

test_zdr_category_without_zdr_is_denied if {
	inp := vendor_input({"days": 30, "zero_data_retention": false}, {"id": "gpt-4o-api"}, {"data_categories": ["phi"]})
	denied := retention.deny with input as inp
	some f in denied
	f.rule == "GOV-RET-002"
	f.field == "/models/0/deployments/0/retention/zero_data_retention"
	startswith(f.message, "phi requires zero data retention (requirements.zero_data_retention_for); gpt-4o-api")
	contains(f.message, "keeps prompts 30 days")
}

test_zdr_required_by_classification_rule_is_denied if {
	rule := object.union(strict_retention, {"max_vendor_retention_days": null, "forbid_human_review": false})
	denied := retention.deny with input as vendor_input({"zero_data_retention": false}, {}, with_rules({"retention": rule}))
	some f in denied
	f.rule == "GOV-RET-002"
	startswith(f.message, "'internal' data requires zero data retention (/organization/requirements/retention/0)")
}

test_zdr_required_by_both_names_both if {
	rule := object.union(strict_retention, {"max_vendor_retention_days": null, "forbid_human_review": false})
	uc := object.union(with_rules({"retention": rule}), {"data_categories": ["pii", "phi"]})
	denied := retention.deny with input as vendor_input({"zero_data_retention": false}, {}, uc)
	some f in denied
	f.rule == "GOV-RET-002"
	startswith(f.message, "phi, pii (requirements.zero_data_retention_for) and 'internal' data")
}

test_zdr_in_place_passes if {
	denied := retention.deny with input as vendor_input({}, {}, {"data_categories": ["phi", "pii"]})
	not "GOV-RET-002" in fx.rules_of(denied)
}

test_no_zdr_category_and_no_zdr_rule_passes if {
	denied := retention.deny with input as vendor_input({"zero_data_retention": false}, {}, {"data_categories": ["source-code"]})
	not "GOV-RET-002" in fx.rules_of(denied)
}

test_zdr_category_on_self_hosted_passes if {
	denied := retention.deny with input as fx.input_with({"use_case": {"data_categories": ["phi"]}})
	not "GOV-RET-002" in fx.rules_of(denied)
}

# --- GOV-RET-003 training -------------------------------------------------------------------

test_training_opt_in_against_never_is_denied if {
	denied := retention.deny with input as vendor_input({}, {"training_on_customer_data": "opt-in"}, {})
	some f in denied
	f.rule == "GOV-RET-003"
	f.field == "/models/0/deployments/0/training_on_customer_data"
}

test_training_unknown_asks_for_the_terms if {
	denied := retention.deny with input as vendor_input({}, {"training_on_customer_data": "unknown"}, {})
	some f in denied
	f.rule == "GOV-RET-003"
	contains(f.message, "'unknown' (unknown: record the vendor's terms)")
	contains(f.message, "allowed: never")
}

test_training_never_against_never_passes if {
	denied := retention.deny with input as vendor_input({}, {}, {})
	not "GOV-RET-003" in fx.rules_of(denied)
}

test_training_opt_in_against_opt_in_only_passes if {
	rule := object.union(fx.base_use_case.effective_requirements.training, {"allowed": "opt-in-only"})
	denied := retention.deny with input as vendor_input({}, {"training_on_customer_data": "opt-in"}, with_rules({"training": rule}))
	not "GOV-RET-003" in fx.rules_of(denied)
}

test_training_opt_out_against_opt_in_only_is_denied if {
	rule := object.union(fx.base_use_case.effective_requirements.training, {"allowed": "opt-in-only"})
	denied := retention.deny with input as vendor_input({}, {"training_on_customer_data": "opt-out"}, with_rules({"training": rule}))
	"GOV-RET-003" in fx.rules_of(denied)
}

test_training_default_on_against_any_passes if {
	rule := object.union(fx.base_use_case.effective_requirements.training, {"allowed": "any"})
	denied := retention.deny with input as vendor_input({}, {"training_on_customer_data": "default-on"}, with_rules({"training": rule}))
	not "GOV-RET-003" in fx.rules_of(denied)
}

test_training_without_rule_passes if {
	denied := retention.deny with input as vendor_input({}, {"training_on_customer_data": "default-on"}, with_rules({"training": null}))
	not "GOV-RET-003" in fx.rules_of(denied)
}

test_training_unknown_on_self_hosted_passes if {
	# the base deployment is self-hosted with training_on_customer_data 'unknown'
	denied := retention.deny with input as fx.input_with({})
	not "GOV-RET-003" in fx.rules_of(denied)
}

# --- GOV-RET-004 human review -------------------------------------------------------------

test_human_review_when_forbidden_is_denied if {
	rule := object.union(strict_retention, {"max_vendor_retention_days": null, "require_zero_data_retention": false})
	denied := retention.deny with input as vendor_input({"human_review_possible": true}, {}, with_rules({"retention": rule}))
	some f in denied
	f.rule == "GOV-RET-004"
	f.field == "/models/0/deployments/0/retention/human_review_possible"
	contains(f.message, "vendor staff at OpenAI")
}

test_human_review_when_not_forbidden_passes if {
	denied := retention.deny with input as vendor_input({"human_review_possible": true}, {}, {})
	not "GOV-RET-004" in fx.rules_of(denied)
}

# --- GOV-RET-005 contract reference --------------------------------------------------------

test_missing_contract_ref_above_lowest_level_warns if {
	warned := retention.warn with input as vendor_input({"contract_ref": null}, {"mode": "private-cloud"}, {})
	some f in warned
	f.rule == "GOV-RET-005"
	f.field == "/models/0/deployments/0/retention/contract_ref"
}

test_blank_contract_ref_warns if {
	warned := retention.warn with input as vendor_input({"contract_ref": "  "}, {}, {})
	"GOV-RET-005" in fx.rules_of(warned)
}

test_missing_contract_ref_for_public_data_passes if {
	uc := {"data_classification": "public", "classification_rank": 0}
	warned := retention.warn with input as vendor_input({"contract_ref": null}, {}, uc)
	not "GOV-RET-005" in fx.rules_of(warned)
}

test_contract_ref_present_passes if {
	warned := retention.warn with input as vendor_input({}, {}, {})
	not "GOV-RET-005" in fx.rules_of(warned)
}
