package governance.rules.licenses_test

import data.governance.rules.licenses
import data.governance.test_fixtures as fx

# --- helpers --------------------------------------------------------------------------------

# METADATA
# title: Findings of every kind from the licence rules
# description: deny, warn and obligation of the licences package for one input.
all_findings(inp) := found if {
	denied := licenses.deny with input as inp
	warned := licenses.warn with input as inp
	obliged := licenses.obligation with input as inp
	found := (denied | warned) | obliged
}

# METADATA
# title: Messages of one rule's findings
# description: So a test can check what a message says.
messages(findings, rule_id) := {f.message | some f in findings; f.rule == rule_id}

# METADATA
# title: Fields of one rule's findings
# description: So a test can check where a finding points.
fields(findings, rule_id) := {f.field | some f in findings; f.rule == rule_id}

# METADATA
# title: A model under a licence key
# description: Override for fx.input_with.
under(key) := {"license": {"key": key, "declared": key}}

# METADATA
# title: Llama 3.2 11B Vision, gated and accepted
# description: A real multimodal model of the Llama 3.2 licence.
llama_vision := {
	"id": "llama-3.2-11b-vision-instruct",
	"name": "Llama-3.2-11B-Vision-Instruct",
	"provider": "Meta",
	"license": {"key": "llama3.2", "declared": "llama3.2"},
	"weights": {
		"availability": "gated",
		"license_acceptance": {"accepted_by": "Lukas Brenner", "accepted_on": "2026-02-10", "reference": "PLAT-771"},
	},
	"model_card": {"modalities_in": ["text", "image"], "modalities_out": ["text"]},
}

# METADATA
# title: A vendor-operated deployment
# description: The model is called through a vendor's API.
vendor_api := {
	"id": "together-api",
	"mode": "vendor-hosted",
	"operator": "Together AI",
	"retention": {
		"days": 30,
		"zero_data_retention": false,
		"abuse_monitoring_days": null,
		"human_review_possible": false,
		"contract_ref": null,
	},
}

# --- the catalogue itself -------------------------------------------------------------------

# METADATA
# title: Licence catalogue under test
# description: data.governance.catalog.licenses.licenses (policies/data/licenses.yaml).
catalog := data.governance.catalog.licenses.licenses

# METADATA
# title: Fields every catalogue entry carries
# description: The header of policies/data/licenses.yaml documents each one.
fields_of_an_entry := {
	"name", "spdx_id", "license_ref", "hf_ids", "aliases", "source", "osi_approved", "open_data",
	"mof_open", "commercial_use", "non_commercial", "mau_cap", "mau_measured_at", "attribution_text",
	"derivative_name_prefix", "notice_file", "license_copy_required", "use_restrictions",
	"restricted_uses", "aup_url",
	"aup_updatable", "remote_restriction_clause", "restrictions_flow_down",
	"excluded_licensee_jurisdictions", "hosting_requires_separate_license",
	"output_training_restricted", "output_training_note", "governing_law", "notes", "verified",
	"unverified",
}

test_catalogue_has_the_required_keys if {
	required := {
		"apache-2.0", "mit", "bsd-3-clause", "cc-by-4.0", "cc-by-sa-4.0", "cc-by-nc-4.0",
		"cc-by-nc-sa-4.0", "cc0-1.0", "openmdw-1.0", "cdla-permissive-2.0", "openrail", "openrail-m",
		"creativeml-openrail-m", "bigcode-openrail-m", "openrail-plusplus", "bigscience-bloom-rail-1.0",
		"llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4", "gemma", "qwen",
		"qwen-research", "tongyi-qianwen", "tongyi-qianwen-research", "deepseek-license-1.0",
		"falcon-180b-tii-1.0", "tii-falcon-2", "msrla", "mistral-research", "mistral-non-production",
		"proprietary", "unknown",
	}
	every key in required {
		catalog[key]
	}
}

test_every_entry_has_every_field if {
	every lic in catalog {
		every f in fields_of_an_entry {
			f in object.keys(lic)
		}
	}
}

# METADATA
# title: verified_on agrees with verified
# description: A verified row has verified_on; an unverified row has none.
verified_on_consistent(lic) if {
	lic.verified == true
	lic.verified_on != null
}

# METADATA
# title: verified_on agrees with verified
# description: An unverified row has no verified_on.
verified_on_consistent(lic) if {
	lic.verified == false
	not "verified_on" in object.keys(lic)
}

test_verified_rows_and_only_they_carry_verified_on if {
	every lic in catalog {
		verified_on_consistent(lic)
	}
}

test_unverified_lists_name_real_fields if {
	every lic in catalog {
		every f in lic.unverified {
			f in fields_of_an_entry
		}
	}
}

# METADATA
# title: license_ref agrees with spdx_id
# description: No SPDX id, so a LicenseRef named after the key.
ref_consistent(key, lic) if {
	lic.spdx_id == null
	lic.license_ref == sprintf("LicenseRef-%s", [key])
}

# METADATA
# title: license_ref agrees with spdx_id
# description: An SPDX id, so no LicenseRef.
ref_consistent(key, lic) if {
	lic.spdx_id != null
	lic.license_ref == null
}

test_license_ref_exactly_when_there_is_no_spdx_id if {
	every key, lic in catalog {
		ref_consistent(key, lic)
	}
}

test_no_model_licence_has_an_spdx_id if {
	model_licences := {
		"llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4", "gemma", "qwen",
		"qwen-research", "deepseek-license-1.0", "falcon-180b-tii-1.0", "openrail-m", "msrla",
	}
	every key in model_licences {
		catalog[key].spdx_id == null
	}
}

test_no_string_normalises_to_two_keys if {
	names := {[lower(trim_space(n)), key] |
		some key, lic in catalog
		some n in array.concat(array.concat([key, lic.name], lic.hf_ids), lic.aliases)
	}
	every pair in names {
		count({other[1] | some other in names; other[0] == pair[0]}) == 1
	}
}

test_every_alias_has_a_recorded_source if {
	every lic in catalog {
		every a in lic.aliases {
			startswith(lic.alias_sources[a], "https://")
		}
	}
}

test_every_entry_has_sources_and_a_review_date if {
	every lic in catalog {
		regex.match(`^\d{4}-\d{2}-\d{2}$`, lic.reviewed_on)
		is_array(lic.sources)
	}
	# only unverified entries (and the 'unknown' sentinel) may lack a public source
	every lic in catalog {
		has_source_or_unverified(lic)
	}
}

has_source_or_unverified(lic) if count(lic.sources) > 0

has_source_or_unverified(lic) if lic.verified == false

test_messy_mot_strings_normalise if {
	licenses.keys_matching(" Falcon-180B TII License") == {"falcon-180b-tii-1.0"}
	licenses.keys_matching("Apache 2.0") == {"apache-2.0"}
	licenses.keys_matching("Gemma Terms of Use") == {"gemma"}
	licenses.keys_matching("Gemma") == {"gemma"}
	licenses.keys_matching("Llama 3.1 Community License Agreement") == {"llama3.1"}
	licenses.keys_matching("tongyi-qianwen-research") == {"tongyi-qianwen-research"}
	licenses.keys_matching("Qwen License Agreement") == {"qwen"}
	licenses.keys_matching("DeepSeek License Agreement") == {"deepseek-license-1.0"}
	licenses.keys_matching("BigScience-BLOOM-RAIL-1.0") == {"bigscience-bloom-rail-1.0"}
	licenses.keys_matching("CC-BY-NC-4.0") == {"cc-by-nc-4.0"}
	licenses.keys_matching("Proprietary") == {"proprietary"}
}

test_unknown_strings_stay_unknown if {
	every s in ["unlicensed", "Undisclosed", "Component not include", "Other License", "BSD-3"] {
		count(licenses.keys_matching(s)) == 0
	}
}

test_llama_caps_are_verified_and_qwen_cap_is_not if {
	every key in ["llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4"] {
		catalog[key].mau_cap == 700000000
		licenses.fact_verified(catalog[key], "mau_cap")
	}
	catalog.qwen.mau_cap == 100000000
	not licenses.fact_verified(catalog.qwen, "mau_cap")
}

# --- the clean base choice ------------------------------------------------------------------

test_clean_base_choice_has_no_licence_findings if {
	count(all_findings(fx.input_with({}))) == 0
}

# --- GOV-LIC-001 / 002: identifying the licence ---------------------------------------------

test_licence_key_outside_the_catalogue_is_denied if {
	denied := licenses.deny with input as fx.input_with({"model": under("acme-eula-2024")})
	"GOV-LIC-001" in fx.rules_of(denied)
	fields(denied, "GOV-LIC-001") == {"/models/0/license/key"}
}

test_wrongly_cased_key_gets_a_hint if {
	denied := licenses.deny with input as fx.input_with({"model": {"license": {
		"key": "Apache-2.0",
		"declared": "Apache 2.0",
	}}})
	some m in messages(denied, "GOV-LIC-001")
	contains(m, "did you mean 'apache-2.0'?")
}

test_catalogued_key_is_not_unknown if {
	denied := licenses.deny with input as fx.input_with({"model": under("gemma")})
	not "GOV-LIC-001" in fx.rules_of(denied)
	not "GOV-LIC-002" in fx.rules_of(denied)
}

test_unknown_licence_is_denied if {
	denied := licenses.deny with input as fx.input_with({"model": {"license": {
		"key": "unknown",
		"declared": "Undisclosed",
	}}})
	"GOV-LIC-002" in fx.rules_of(denied)
	not "GOV-LIC-001" in fx.rules_of(denied)
	some m in messages(denied, "GOV-LIC-002")
	contains(m, "is unknown")
	contains(m, "Undisclosed")
}

test_unknown_licence_triggers_no_fact_rules if {
	inp := fx.input_with({
		"model": under("unknown"),
		"organization": {"requirements": {"require_osi_approved": true}, "monthly_active_users": null},
	})
	found := fx.rules_of(all_findings(inp))
	found == {"GOV-LIC-002"}
}

# --- GOV-LIC-003 / 004: the organization's lists --------------------------------------------

test_denied_licence_is_denied if {
	# the base organization denies cc-by-nc-4.0
	denied := licenses.deny with input as fx.input_with({"model": under("cc-by-nc-4.0")})
	"GOV-LIC-003" in fx.rules_of(denied)
}

test_licence_not_on_the_deny_list_passes if {
	denied := licenses.deny with input as fx.input_with({"model": under("mit")})
	not "GOV-LIC-003" in fx.rules_of(denied)
}

test_licence_outside_the_allow_list_is_denied if {
	inp := fx.input_with({
		"model": under("llama3.1"),
		"organization": {"requirements": {"allowed_licenses": ["apache-2.0", "mit"]}},
	})
	denied := licenses.deny with input as inp
	"GOV-LIC-004" in fx.rules_of(denied)
	some m in messages(denied, "GOV-LIC-004")
	contains(m, "apache-2.0, mit")
}

test_licence_on_the_allow_list_passes if {
	inp := fx.input_with({"organization": {"requirements": {"allowed_licenses": ["apache-2.0", "mit"]}}})
	denied := licenses.deny with input as inp
	not "GOV-LIC-004" in fx.rules_of(denied)
}

test_empty_allow_list_does_not_fire if {
	inp := fx.input_with({"model": under("llama3.1"), "organization": {"requirements": {"allowed_licenses": []}}})
	denied := licenses.deny with input as inp
	not "GOV-LIC-004" in fx.rules_of(denied)
}

# --- conjunctions ('a AND b': every licence applies) -------------------------------------------

# The merged entry the input builder adds (evaluation/conjunction.py), cut to what these rules read.
conjunction_terms := object.union(data.governance.catalog.licenses.licenses["llama3.1"], {
	"name": "Apache License 2.0 AND Llama 3.1 Community License Agreement",
	"osi_approved": false,
})

under_both := {"license": {
	"key": "apache-2.0 AND llama3.1",
	"declared": "Apache-2.0 AND LicenseRef-llama3.1",
	"terms": conjunction_terms,
}}

test_a_conjunction_with_its_terms_is_a_known_licence if {
	denied := licenses.deny with input as fx.input_with({"model": under_both})
	not "GOV-LIC-001" in fx.rules_of(denied)
}

test_a_conjunction_without_terms_is_unknown_to_the_rules if {
	denied := licenses.deny with input as fx.input_with({"model": under("apache-2.0 AND acme-eula")})
	messages(denied, "GOV-LIC-001") == {concat("", [
		"unknown licence: gpt-oss-20b declares licence key 'apache-2.0 AND acme-eula', which is not ",
		"in the licence catalogue",
	])}
}

test_each_part_is_checked_against_the_denied_and_allowed_lists if {
	org := {"requirements": object.union(fx.base_organization.requirements, {
		"denied_licenses": ["llama3.1"],
		"allowed_licenses": ["apache-2.0"],
	})}
	denied := licenses.deny with input as fx.input_with({"model": under_both, "organization": org})
	messages(denied, "GOV-LIC-003") == {concat("", [
		"gpt-oss-20b is licensed under 'llama3.1', which the organization denies ",
		"(requirements.denied_licenses: llama3.1)",
	])}
	messages(denied, "GOV-LIC-004") == {concat("", [
		"gpt-oss-20b is licensed under 'llama3.1', which is not in the organization's allowed ",
		"licences (apache-2.0)",
	])}
}

test_the_terms_of_a_conjunction_drive_the_fact_rules if {
	org := {"requirements": object.union(fx.base_organization.requirements, {"require_osi_approved": true})}
	denied := licenses.deny with input as fx.input_with({"model": under_both, "organization": org})
	some m in messages(denied, "GOV-LIC-005")
	contains(m, "Apache License 2.0 AND Llama 3.1 Community License Agreement")
}
