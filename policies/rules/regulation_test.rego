package governance.rules.regulation_test

import data.governance.rules.regulation
import data.governance.rules.safety
import data.governance.test_fixtures as fx

org_controls := [
	{"control": "content-moderation", "owner": "org", "implemented": true, "evidence": "runbook/moderation.md"},
	{"control": "logging-monitoring", "owner": "org", "implemented": true, "evidence": null},
	{"control": "incident-response", "owner": "org", "implemented": true, "evidence": null},
	{"control": "abuse-monitoring", "owner": "org", "implemented": true, "evidence": null},
	{"control": "patching-rollback", "owner": "org", "implemented": true, "evidence": null},
]

# A high-risk (Annex III) use case without human oversight: GOV-SAF-008 once the obligations apply.
unsupervised(now) := fx.input_with({
	"now": now,
	"deployment": {"safety_controls": org_controls},
	"use_case": {
		"risk": {"eu_ai_act": "high", "annex_iii_area": "employment", "internal_tier": "medium"},
		"human_oversight": "none",
		"evaluation": {"reference": "eval/2026-10.pdf", "date": "2026-10-01"},
	},
})

# A user-facing use case for external users of an EU organization, without AI disclosure.
undisclosed(now) := fx.input_with({
	"now": now,
	"deployment": {"safety_controls": org_controls},
	"organization": {"jurisdictions": ["DE"]},
	"use_case": {"exposure": {"user_facing": true, "external_users": true, "minors_possible": false}},
})

prohibited(now) := fx.input_with({
	"now": now,
	"use_case": {"risk": {"eu_ai_act": "prohibited", "annex_iii_area": null, "internal_tier": "medium"}},
})

# METADATA
# title: Messages of one rule's denials
denials(inp, rule) := {f.message | some f in safety.deny with input as inp; f.rule == rule}

# METADATA
# title: GOV-REG-001 messages
notices(inp) := {f.message | some f in regulation.obligation with input as inp; f.rule == "GOV-REG-001"}

# The shipped omnibus entry with verified: true, as an organization would record its publication.
published_omnibus := {"regulations": {"eu-ai-act": object.union(
	data.governance.catalog.regulation.regulations["eu-ai-act"],
	{"announced_changes": {"digital-omnibus-on-ai": {
		"cite": "Regulation (EU) 2026/1 (Digital Omnibus on AI)",
		"verified": true,
		"applies_from": {"high-risk-annex-iii": "2027-12-02", "high-risk-annex-i": "2028-08-02"},
	}}},
)}}

test_the_shipped_dates_are_those_of_the_act if {
	act := data.governance.catalog.regulation.regulations["eu-ai-act"]
	dates := {key: o.applies_from | some key, o in act.obligations}
	dates == {
		"prohibitions": "2025-02-02", "gpai-models": "2025-08-02",
		"gpai-models-placed-before-2025-08-02": "2027-08-02", "transparency": "2026-08-02",
		"high-risk-annex-iii": "2026-08-02", "high-risk-annex-i": "2027-08-02",
	}
	every o in act.obligations {
		o.verified == true
	}
	act.announced_changes["digital-omnibus-on-ai"].verified == false
}

# --- GOV-REG-001 and the high-risk rules ------------------------------------------------------

test_high_risk_duties_before_their_date_are_a_notice_not_a_denial if {
	inp := unsupervised("2026-05-01")
	count(denials(inp, "GOV-SAF-008")) == 0
	notices(inp) == {concat("", [
		"the obligations for high-risk AI systems of Annex III (Art. 6(2), Chapter III) do not apply yet on 2026-05-01 ",
		"(93 days to go): then GOV-SAF-008 denies this choice: use case internal-search is high-risk under the ",
		"EU AI Act (Annex III: employment) but human_oversight is 'none' (Art. 14); applicable from 2026-08-02 ",
		"(Regulation (EU) 2024/1689 Art. 113(2)); announced, unverified: the Digital Omnibus on AI (COM(2025) 836) ",
		"would move it to 2027-12-02, not confirmed published in the Official Journal, so not applied",
	])}
}

test_high_risk_duties_are_denied_from_their_date if {
	inp := unsupervised("2026-08-02")
	denials(inp, "GOV-SAF-008") == {concat("", [
		"use case internal-search is high-risk under the EU AI Act (Annex III: employment) but human_oversight is ",
		"'none' (Art. 14); applicable since 2026-08-02 (Regulation (EU) 2024/1689 Art. 113(2)); announced, ",
		"unverified: the Digital Omnibus on AI (COM(2025) 836) would move it to 2027-12-02, not confirmed ",
		"published in the Official Journal, so not applied",
	])}
	count(notices(inp)) == 0
}

test_an_unverified_change_never_decides if {
	inp := unsupervised("2027-01-01")
	count(denials(inp, "GOV-SAF-008")) == 1
	count(notices(inp)) == 0
}

test_a_verified_change_moves_the_date if {
	inp := unsupervised("2027-01-01")
	count(denials(inp, "GOV-SAF-008")) == 0 with data.governance.catalog.regulation as published_omnibus
	some msg in notices(inp) with data.governance.catalog.regulation as published_omnibus
	startswith(msg, concat("", [
		"the obligations for high-risk AI systems of Annex III (Art. 6(2), Chapter III) do not ",
		"apply yet on 2027-01-01 (335 days to go)",
	]))
	contains(msg, "; applicable from 2027-12-02 (Regulation (EU) 2026/1 (Digital Omnibus on AI))")
	not contains(msg, "unverified")
	later := unsupervised("2027-12-02")
	count(denials(later, "GOV-SAF-008")) == 1 with data.governance.catalog.regulation as published_omnibus
}

test_a_high_risk_use_case_meeting_its_duties_gets_no_notice if {
	inp := fx.input_with({
		"now": "2026-05-01",
		"deployment": {"safety_controls": org_controls},
		"use_case": {
			"risk": {"eu_ai_act": "high", "annex_iii_area": "employment", "internal_tier": "medium"},
			"human_oversight": "human-in-the-loop",
			"evaluation": {"reference": "eval/2026-10.pdf", "date": "2026-10-01"},
		},
	})
	count(notices(inp)) == 0
}

test_gdpr_art_22_still_denies_before_the_high_risk_date if {
	automated := fx.input_with({
		"now": "2026-05-01",
		"deployment": {"safety_controls": org_controls},
		"use_case": {
			"risk": {"eu_ai_act": "high", "annex_iii_area": "employment", "internal_tier": "medium"},
			"human_oversight": "none",
			"automated_decision": {"fully_automated": true, "legal_or_similar_effect": true},
		},
	})
	count(denials(automated, "GOV-SAF-013")) == 1
	count(denials(automated, "GOV-SAF-008")) == 0
	after := json.patch(automated, [{"op": "replace", "path": "/now", "value": "2026-08-02"}])
	count(denials(after, "GOV-SAF-013")) == 0
	count(denials(after, "GOV-SAF-008")) == 1
}

# --- Art. 50 and Art. 5 ---------------------------------------------------------------------

test_disclosure_before_art_50_applies_is_a_notice if {
	inp := undisclosed("2026-08-01")
	count(denials(inp, "GOV-SAF-007")) == 0
	some msg in notices(inp)
	startswith(msg, concat("", [
		"the transparency obligations of providers and deployers (Art. 50) do not apply yet on ",
		"2026-08-01 (1 days to go): then GOV-SAF-007 denies this choice: use case internal-search ",
		"is user-facing",
	]))
}

test_disclosure_is_denied_from_art_50s_date if {
	inp := undisclosed("2026-08-02")
	some msg in denials(inp, "GOV-SAF-007")
	endswith(msg, concat("", [
		"requires telling people they interact with an AI system; applicable since 2026-08-02 ",
		"(Regulation (EU) 2024/1689 Art. 113(2))",
	]))
	count(notices(inp)) == 0
}

test_prohibited_practice_before_and_after_2025_02_02 if {
	count(denials(prohibited("2025-02-01"), "GOV-SAF-011")) == 0
	some msg in notices(prohibited("2025-02-01"))
	startswith(msg, concat("", [
		"the prohibitions of AI practices (Art. 5) do not apply yet on 2025-02-01 (1 days to go): ",
		"then GOV-SAF-011 denies this choice",
	]))
	endswith(msg, "; applicable from 2025-02-02 (Regulation (EU) 2024/1689 Art. 113(3)(a))")
	denials(prohibited("2025-02-02"), "GOV-SAF-011") == {
		concat("", [
			"use case internal-search is classified as a prohibited practice under EU AI Act Art. 5; ",
			"applicable since 2025-02-02 (Regulation (EU) 2024/1689 Art. 113(3)(a))",
		]),
	}
}

# --- missing or malformed dates fail closed, and the denials say so -------------------------

# A regulation catalogue without the AI Act's entry.
no_act := {"regulations": {}}

unknown := "application date unknown or unverified in the regulation data, so taken as applying"

test_without_regulation_data_the_obligations_apply_and_it_is_said if {
	inp := unsupervised("2026-05-01")
	some msg in denials(inp, "GOV-SAF-008") with data.governance.catalog.regulation as no_act
	endswith(msg, concat("", ["(Art. 14); ", unknown]))
	count(notices(inp)) == 0 with data.governance.catalog.regulation as no_act
}

test_a_malformed_date_is_not_compared if {
	act := data.governance.catalog.regulation.regulations["eu-ai-act"]
	bad := {"regulations": {"eu-ai-act": json.patch(act, [{
		"op": "replace",
		"path": "/obligations/high-risk-annex-iii/applies_from",
		"value": "2 August 2026",
	}])}}
	inp := unsupervised("2026-05-01")
	some msg in denials(inp, "GOV-SAF-008") with data.governance.catalog.regulation as bad
	contains(msg, concat("", ["(Art. 14); ", unknown, "; announced, unverified: "]))
}

test_an_unverified_date_of_the_act_never_relaxes_a_denial if {
	act := data.governance.catalog.regulation.regulations["eu-ai-act"]
	unsure := {"regulations": {"eu-ai-act": json.patch(act, [{
		"op": "replace",
		"path": "/obligations/high-risk-annex-iii/verified",
		"value": false,
	}])}}
	inp := unsupervised("2026-05-01")
	some msg in denials(inp, "GOV-SAF-008") with data.governance.catalog.regulation as unsure
	contains(msg, unknown)
	count(notices(inp)) == 0 with data.governance.catalog.regulation as unsure
}

test_dates_reviewed_long_ago_are_said_in_the_denial if {
	some msg in denials(unsupervised("2027-07-01"), "GOV-SAF-008")
	endswith(msg, concat("", [
		"not confirmed published in the Official Journal, so not applied; these dates were last reviewed 2026-12-07, ",
		"206 days before 2027-07-01 (max_fact_age_days 180): re-read https://eur-lex.europa.eu/eli/reg/2024/1689/oj, ",
		"https://legalviz.eu/aia/article/113, https://overview.legal/laws/ai-act/art-111",
	]))
	some fresh in denials(unsupervised("2027-06-05"), "GOV-SAF-008")
	not contains(fresh, "last reviewed")
}

test_a_notice_reports_the_review_date_as_of_now if {
	inp := unsupervised("2026-05-01")
	some fresh in notices(inp) with data.governance.catalog.regulation as published_omnibus
	not contains(fresh, "last reviewed")
	some old in notices(unsupervised("2027-07-01")) with data.governance.catalog.regulation as published_omnibus
	endswith(old, concat("", [
		"(Regulation (EU) 2026/1 (Digital Omnibus on AI)); these dates were last reviewed ",
		"2026-12-07, 206 days before 2027-07-01 (max_fact_age_days 180): re-read ",
		"https://eur-lex.europa.eu/eli/reg/2024/1689/oj, https://legalviz.eu/aia/article/113, ",
		"https://overview.legal/laws/ai-act/art-111",
	]))
}
