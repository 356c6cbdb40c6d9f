package governance.rules.safety_test

import data.governance.rules.safety
import data.governance.test_fixtures as fx

test_self_hosted_without_org_moderation_is_denied if {
	denied := safety.deny with input as fx.input_with({"deployment": {"safety_controls": []}})
	"GOV-SAF-001" in fx.rules_of(denied)
}

test_self_hosted_with_org_moderation_passes if {
	controls := [{"control": "content-moderation", "owner": "org", "implemented": true}]
	denied := safety.deny with input as fx.input_with({"deployment": {"safety_controls": controls}})
	not "GOV-SAF-001" in fx.rules_of(denied)
}

test_vendor_owned_moderation_on_own_infrastructure_is_denied if {
	controls := [{"control": "content-moderation", "owner": "vendor", "implemented": true}]
	denied := safety.deny with input as fx.input_with({"deployment": {"safety_controls": controls}})
	"GOV-SAF-001" in fx.rules_of(denied)
}
