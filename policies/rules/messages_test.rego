# Messages that used to mislead: a country location named twice, and GOV-SAF-001 asking for a
# control that exists with the wrong owner.
package governance.rules.messages_test

import data.governance.rules.licenses
import data.governance.rules.residency
import data.governance.rules.safety
import data.governance.test_fixtures as fx

test_a_country_location_is_not_repeated_after_via if {
	inp := fx.input_with({}) # the location expansions of the fixtures
	residency.where_text({"GB"}, ["GB"], {"US"}) == "GB" with input as inp
	residency.where_text({"GB"}, ["eu-west-2"], {"US"}) == "GB via eu-west-2" with input as inp
	residency.where_text({"GB", "IE"}, ["GB", "eu-west-1"], {"US"}) == "GB, IE via eu-west-1" with input as inp
}

saf_001(controls) := {f.message |
	found := safety.deny with input as fx.input_with({"deployment": {"safety_controls": controls}})
	some f in found
	f.rule == "GOV-SAF-001"
}

test_saf_001_says_to_change_the_owner_when_the_vendor_is_named if {
	msgs := saf_001([{"control": "content-moderation", "owner": "vendor", "implemented": true, "evidence": "x"}])
	msgs == {concat("", [
		"on-prem runs gpt-oss-20b on the organization's own infrastructure, where no vendor ",
		"moderates, but its content-moderation entry names the vendor as owner: change the owner to ",
		"'org' once the organization runs it",
	])}
}

test_saf_001_says_listed_but_not_implemented if {
	msgs := saf_001([{"control": "content-moderation", "owner": "org", "implemented": false, "evidence": null}])
	msgs == {concat("", [
		"on-prem runs gpt-oss-20b on the organization's own infrastructure, and its ",
		"content-moderation control is listed but not implemented",
	])}
}

test_saf_001_without_any_entry_keeps_its_message if {
	msgs := saf_001([])
	msgs == {concat("", [
		"on-prem runs gpt-oss-20b on the organization's own infrastructure but no content ",
		"moderation owned by the organization is implemented",
	])}
}

derivative(relation, name) := fx.input_with({
	"model": {
		"name": name, "base_model": "meta-llama/Llama-3.1-8B-Instruct", "base_model_relation": relation,
		"license": {"key": "llama3.1", "declared": "llama3.1", "url": null},
	},
	"use_case": {"distribution": "distributes-derivative"},
})

rules_for(inp) := {f.rule | some f in licenses.obligation with input as inp} | {f.rule | some f in licenses.warn with input as inp}

test_a_misnamed_derivative_gets_the_warning_not_also_the_obligation if {
	rules := rules_for(derivative("finetune", "Acme-8B"))
	"GOV-LIC-017" in rules
	not "GOV-LIC-016" in rules
	"GOV-LIC-016" in rules_for(derivative("finetune", "Llama-3.1-Acme-8B"))
}

test_the_outputs_clause_is_for_distillations_not_fine_tunes if {
	not "GOV-LIC-020" in rules_for(derivative("finetune", "Llama-3.1-Acme-8B"))
	"GOV-LIC-020" in rules_for(derivative("distillation", "Llama-3.1-Acme-1B"))
}
