package governance.rules.residency_test

import data.governance.rules.residency
import data.governance.test_fixtures as fx

# The base organization's residency rule: confidential data is processed in US or EU and
# stored in US. The base use case is 'internal' (no residency rule applies).
confidential_rule := fx.base_organization.requirements.residency[0]

# A confidential use case, under the residency rule.
confidential := {
	"data_classification": "confidential",
	"classification_rank": 2,
	"effective_requirements": object.union(fx.base_use_case.effective_requirements, {"residency": confidential_rule}),
}

vendor_retention := {
	"days": 0,
	"zero_data_retention": true,
	"abuse_monitoring_days": null,
	"human_review_possible": false,
	"contract_ref": "MSA-2026",
}

# A confidential choice on a deployment with the given (already expanded) facts.
choice_on(deployment) := fx.input_with({"use_case": confidential, "deployment": deployment})

# --- location expansion (the input builder's: input.locations) -----------------------------

test_location_ids_read_their_countries_from_the_input if {
	inp := fx.input_with({})
	residency.location_countries("eu-west-1") == {"IE"} with input as inp
	residency.location_countries("global") == {"global"} with input as inp
	count(residency.location_countries("EU")) == 27 with input as inp
	"NO" in residency.location_countries("EEA") with input as inp
	residency.location_countries("westeurope") == set() with input as inp
	residency.location_countries("westeurope") == {"NL"} with input as {"locations": {"westeurope": ["NL"]}}
}

test_allowed_countries_union_and_global if {
	inp := fx.input_with({})
	allowed := residency.allowed_countries(["US", "EU"]) with input as inp
	"US" in allowed
	"FR" in allowed
	not "GB" in allowed
	residency.allowed_countries(["US", "global"]) == {"global"} with input as inp
}

test_outside if {
	residency.outside(["GB", "FR"], {"FR", "US"}) == {"GB"}
	residency.outside(["global"], {"FR", "US"}) == {"global"}
	residency.outside(["global"], {"global"}) == set()
	residency.outside(["CN"], {"global"}) == set()
}

# --- GOV-RES-001 processing ------------------------------------------------------------------

test_processing_outside_allowed_is_denied if {
	denied := residency.deny with input as choice_on({
		"processing_locations": ["eu-west-2"],
		"processing_countries": ["GB"],
	})
	some f in denied
	f.rule == "GOV-RES-001"
	f.field == "/models/0/deployments/0/processing_locations"
	contains(f.message, "GB via eu-west-2")
	contains(f.message, "US, EU")
}

test_processing_in_allowed_group_passes if {
	denied := residency.deny with input as choice_on({
		"processing_locations": ["eu-west-1", "us-east-1"],
		"processing_countries": ["IE", "US"],
	})
	not "GOV-RES-001" in fx.rules_of(denied)
}

test_processing_without_residency_rule_passes if {
	denied := residency.deny with input as fx.input_with({"deployment": {
		"processing_locations": ["eu-west-2"],
		"processing_countries": ["GB"],
	}})
	not "GOV-RES-001" in fx.rules_of(denied)
}

test_region_with_provider_prefix_in_rule_is_expanded if {
	rule := object.union(confidential_rule, {"processing": ["aws:eu-central-1"], "storage": ["US"]})
	uc := object.union(confidential, {"effective_requirements": {"residency": rule}})
	inp := fx.input_with({
		"use_case": uc,
		"deployment": {"processing_locations": ["germanywestcentral"], "processing_countries": ["DE"]},
	})
	denied := residency.deny with input as inp
	not "GOV-RES-001" in fx.rules_of(denied)
}

test_global_processing_storing_in_region_is_the_classic_trap if {
	deployment := {
		"mode": "private-cloud",
		"operator": "Microsoft",
		"retention": vendor_retention,
		"training_on_customer_data": "never",
		"processing_locations": ["global"],
		"processing_countries": ["global"],
		"storage_locations": ["eastus"],
		"storage_countries": ["US"],
	}
	denied := residency.deny with input as choice_on(deployment)
	fx.rules_of(denied) == {"GOV-RES-001"}
	some f in denied
	startswith(f.message, "on-prem (gpt-oss-20b, private-cloud) processes globally while storing in eastus (US)")
}

test_global_processing_allowed_by_global_rule_passes if {
	rule := object.union(confidential_rule, {"processing": ["global"]})
	uc := object.union(confidential, {"effective_requirements": {"residency": rule}})
	inp := fx.input_with({
		"use_case": uc,
		"deployment": {"processing_locations": ["global"], "processing_countries": ["global"]},
	})
	denied := residency.deny with input as inp
	not "GOV-RES-001" in fx.rules_of(denied)
}

# --- GOV-RES-002 storage -----------------------------------------------------------------------

test_storage_outside_allowed_is_denied if {
	denied := residency.deny with input as choice_on({"storage_locations": ["eu-west-1"], "storage_countries": ["IE"]})
	some f in denied
	f.rule == "GOV-RES-002"
	f.field == "/models/0/deployments/0/storage_locations"
	contains(f.message, "IE via eu-west-1")
	not "GOV-RES-001" in fx.rules_of(denied)
}

test_storage_inside_allowed_passes if {
	denied := residency.deny with input as choice_on({})
	count(denied) == 0
}

test_global_storage_is_denied if {
	denied := residency.deny with input as choice_on({"storage_locations": ["global"], "storage_countries": ["global"]})
	"GOV-RES-002" in fx.rules_of(denied)
}

# --- GOV-RES-003 unknown storage -----------------------------------------------------------

test_no_storage_locations_under_residency_rule_is_denied if {
	denied := residency.deny with input as choice_on({"storage_locations": [], "storage_countries": []})
	some f in denied
	f.rule == "GOV-RES-003"
	startswith(f.message, "unknown storage location for restricted data")
	not "GOV-RES-002" in fx.rules_of(denied)
}

test_no_storage_locations_without_residency_rule_passes if {
	denied := residency.deny with input as fx.input_with({"deployment": {
		"storage_locations": [],
		"storage_countries": [],
	}})
	not "GOV-RES-003" in fx.rules_of(denied)
}

test_no_storage_locations_under_global_storage_rule_passes if {
	rule := object.union(confidential_rule, {"storage": ["global"]})
	uc := object.union(confidential, {"effective_requirements": {"residency": rule}})
	denied := residency.deny with input as fx.input_with({
		"use_case": uc,
		"deployment": {"storage_locations": [], "storage_countries": []},
	})
	not "GOV-RES-003" in fx.rules_of(denied)
}

# --- GOV-RES-004 EEA data subjects --------------------------------------------------------

test_eea_subjects_processed_outside_eea_without_rule_warns if {
	warned := residency.warn with input as fx.input_with({"use_case": {"data_subject_jurisdictions": ["DE", "US"]}})
	some f in warned
	f.rule == "GOV-RES-004"
	f.field == "/models/0/deployments/0/processing_locations"
	contains(f.message, "EEA (DE)")
	contains(f.message, "outside the EEA in US")
}

test_eea_group_subjects_with_global_processing_warns if {
	inp := fx.input_with({
		"use_case": {"data_subject_jurisdictions": ["EEA"]},
		"deployment": {"processing_locations": ["global"], "processing_countries": ["global"]},
	})
	warned := residency.warn with input as inp
	"GOV-RES-004" in fx.rules_of(warned)
}

test_eea_subjects_processed_in_eea_passes if {
	inp := fx.input_with({
		"use_case": {"data_subject_jurisdictions": ["FR"]},
		"deployment": {"processing_locations": ["norwayeast"], "processing_countries": ["NO"]},
	})
	warned := residency.warn with input as inp
	not "GOV-RES-004" in fx.rules_of(warned)
}

test_eea_subjects_under_residency_rule_left_to_that_rule if {
	uc := object.union(confidential, {"data_subject_jurisdictions": ["DE"]})
	warned := residency.warn with input as fx.input_with({"use_case": uc})
	not "GOV-RES-004" in fx.rules_of(warned)
}

test_non_eea_subjects_pass if {
	warned := residency.warn with input as fx.input_with({"use_case": {"data_subject_jurisdictions": ["CH", "GB"]}})
	count(warned) == 0
}
