# Test fixtures for the policy library's unit tests (a *_test.rego file: never evaluated
# by `governance check`). `input_with(overrides)` returns a complete one-choice input, the
# same shape `governance check` builds (see docs/policy-authoring.md), with `overrides`
# merged recursively into "organization", "locations", "model", "deployment", "use_case", "choice";
# lists are replaced, not merged. The base choice is clean: no built-in rule fires on it.
package governance.test_fixtures

base_organization := {
	"extensions": null,
	"classification_rank": {
		"confidential": 2,
		"internal": 1,
		"public": 0
	},
	"data_classification": [
		{
			"description": null,
			"level": "public"
		},
		{
			"description": null,
			"level": "internal"
		},
		{
			"description": null,
			"level": "confidential"
		}
	],
	"eu_ai_act_roles": [
		"deployer"
	],
	"frameworks": [],
	"id": "example-org",
	"jurisdictions": [
		"US"
	],
	"monthly_active_users": 20000,
	"name": "Example Org",
	"pointer": "/organization",
	"policy_version": null,
	"requirements": {
		"access": [],
		"allowed_access_classes": [
			"open-source",
			"open-weight",
			"closed"
		],
		"allowed_licenses": null,
		"commercial_use": true,
		"denied_licenses": [
			"cc-by-nc-4.0"
		],
		"fallback_required_for_tiers": [],
		"max_waiver_days": null,
		"prohibited_uses": [],
		"require_osi_approved": false,
		"required_controls": [
			{
				"controls": [
					"content-moderation",
					"logging-monitoring",
					"incident-response"
				],
				"risk_tier": "medium"
			}
		],
		"residency": [
			{
				"classification": "confidential",
				"pointer": "/organization/requirements/residency/0",
				"processing": [
					"US",
					"EU"
				],
				"rank": 2,
				"storage": [
					"US"
				]
			}
		],
		"retention": [
			{
				"classification": "internal",
				"forbid_human_review": false,
				"max_vendor_retention_days": 30,
				"pointer": "/organization/requirements/retention/0",
				"rank": 1,
				"require_zero_data_retention": false
			}
		],
		"training_on_customer_data": [
			{
				"allowed": "never",
				"classification": "internal",
				"pointer": "/organization/requirements/training_on_customer_data/0",
				"rank": 1
			}
		],
		"zero_data_retention_for": [
			"pii",
			"phi"
		]
	}
}

base_model := {
	"extensions": null,
	"access_class": "open-weight",
	"base_model": null,
	"base_model_relation": null,
	"catalog": "gpt-oss-20b",
	"components": [],
	"family": null,
	"id": "gpt-oss-20b",
	"license": {
		"declared": "apache-2.0",
		"key": "apache-2.0",
		"url": null
	},
	"lifecycle": {
		"retired_on": null,
		"status": "active"
	},
	"model_card": {
		"context_window": null,
		"min_accelerator_memory_gb": null,
		"modalities_in": [
			"text"
		],
		"modalities_out": [
			"text"
		],
		"parameters_active": 3600000000,
		"parameters_total": 21000000000
	},
	"name": "gpt-oss-20b",
	"pointer": "/models/0",
	"provider": "OpenAI",
	"source": {
		"hf_repo": "openai/gpt-oss-20b",
		"retrieved_on": "2026-11-01",
		"revision": null,
		"url": null
	},
	"version": null,
	"weights": {
		"availability": "public",
		"license_acceptance": null
	}
}

base_deployment := {
	"extensions": null,
	"certifications": [],
	"hardware": {
		"accelerator": "NVIDIA L4",
		"accelerator_memory_gb": 24,
		"count": 1
	},
	"id": "on-prem",
	"mode": "self-hosted",
	"operator": "org",
	"pointer": "/models/0/deployments/0",
	"processing_countries": [
		"US"
	],
	"processing_locations": [
		"us-east-1"
	],
	"retention": null,
	"safety_controls": [
		{
			"control": "content-moderation",
			"evidence": "runbook/moderation.md",
			"implemented": true,
			"owner": "org"
		},
		{
			"control": "logging-monitoring",
			"evidence": null,
			"implemented": true,
			"owner": "org"
		},
		{
			"control": "incident-response",
			"evidence": null,
			"implemented": true,
			"owner": "org"
		}
	],
	"storage_countries": [
		"US"
	],
	"storage_locations": [
		"us-east-1"
	],
	"training_on_customer_data": "unknown"
}

base_use_case := {
	"extensions": null,
	"model_choices": [{"deployment": "on-prem", "model": "gpt-oss-20b", "role": "primary"}],
	"automated_decision": {
		"fully_automated": false,
		"legal_or_similar_effect": false
	},
	"classification_rank": 1,
	"commercial": true,
	"data_categories": [
		"none"
	],
	"data_classification": "internal",
	"data_subject_jurisdictions": [],
	"distribution": "internal",
	"effective_requirements": {
		"access": null,
		"residency": null,
		"retention": {
			"classification": "internal",
			"forbid_human_review": false,
			"max_vendor_retention_days": 30,
			"pointer": "/organization/requirements/retention/0",
			"rank": 1,
			"require_zero_data_retention": false
		},
		"training": {
			"allowed": "never",
			"classification": "internal",
			"pointer": "/organization/requirements/training_on_customer_data/0",
			"rank": 1
		}
	},
	"evaluation": null,
	"exposure": {
		"external_users": false,
		"minors_possible": false,
		"user_facing": true
	},
	"human_oversight": "none",
	"id": "internal-search",
	"lifecycle": {
		"approved_on": null,
		"review_by": "2027-06-30",
		"status": "proposed"
	},
	"name": "Internal documentation search",
	"owner": {
		"email": "ada@example.org",
		"name": "Ada Lovelace",
		"role": null,
		"team": "platform"
	},
	"pointer": "/use_cases/0",
	"purpose": "Answer employees' questions from the internal wiki.",
	"purpose_tags": [],
	"risk": {
		"annex_iii_area": null,
		"eu_ai_act": "minimal",
		"internal_tier": "medium"
	},
	"safety_controls": []
}

base_choice := {
	"extensions": null,
	"deployment": "on-prem",
	"id": "internal-search/gpt-oss-20b/on-prem",
	"model": "gpt-oss-20b",
	"pointer": "/use_cases/0/model_choices/0",
	"role": "primary",
	"use_case": "internal-search"
}

# METADATA
# title: Location expansions of the fixtures
# description: >-
#   input.locations as the input builder makes it: the groups and every location id the
#   library's tests name (tests/test_policy_library.py holds it to the builder's expansion).
base_locations := {
	"CH": ["CH"],
	"DE": ["DE"],
	"EEA": [
		"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
		"IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
	],
	"EFTA": ["CH", "IS", "LI", "NO"],
	"EU": [
		"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
		"IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
	],
	"FR": ["FR"],
	"GB": ["GB"],
	"NL": ["NL"],
	"US": ["US"],
	"aws:eu-central-1": ["DE"],
	"eastus": ["US"],
	"eu-central-1": ["DE"],
	"eu-west-1": ["IE"],
	"eu-west-2": ["GB"],
	"germanywestcentral": ["DE"],
	"global": ["global"],
	"norwayeast": ["NO"],
	"us-east-1": ["US"],
}

# METADATA
# title: A one-choice input with overrides
# description: Recursive object.union of the base entities with the given overrides.
input_with(o) := {
	"now": object.get(o, "now", "2026-11-24"),
	"organization": object.union(base_organization, object.get(o, "organization", {})),
	"locations": object.union(base_locations, object.get(o, "locations", {})),
	"models": {base_choice.model: object.union(
		object.union(base_model, object.get(o, "model", {})),
		{"deployments": {base_choice.deployment: object.union(base_deployment, object.get(o, "deployment", {}))}},
	)},
	"use_cases": {base_choice.use_case: object.union(base_use_case, object.get(o, "use_case", {}))},
	"choices": [object.union(base_choice, object.get(o, "choice", {}))],
	"exceptions": object.get(o, "exceptions", []),
}

# METADATA
# title: Rule ids in a set of findings
# description: So a test can say `"GOV-X-001" in fx.rules_of(denied)`.
rules_of(findings) := {f.rule | some f in findings}
