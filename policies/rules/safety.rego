# Safety responsibilities: who operates which control for each model choice.
package governance.rules.safety

import data.governance.lib

# METADATA
# title: Self-hosted model without organization-owned moderation
# description: >-
#   Open and open-weight weights come without the vendor's moderation: when the organization
#   runs them, it must run content moderation itself (domain §7.6).
# custom:
#   id: GOV-SAF-001
#   severity: error
#   controls: ["NIST AI 600-1 MG-3.2", "ISO 42001 A.10.2", "EU AI Act Art. 9"]
#   remediation: >-
#     Add a content-moderation control with owner 'org' and implemented: true to the
#     deployment's safety_controls (with evidence), e.g. a moderation model in front of it.
deny contains lib.finding("GOV-SAF-001", c, lib.at(c.deployment, "safety_controls"), msg) if {
	some c in lib.choices
	lib.org_operated(c.deployment)
	not lib.org_owns_control(c, "content-moderation")
	msg := sprintf(
		"%s runs %s on the organization's own infrastructure but no content moderation owned by the organization is implemented",
		[c.deployment.id, c.model.name],
	)
}
