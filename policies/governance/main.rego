# The aggregator: the one query every engine answers, data.governance.main.findings.
# It gathers deny/warn/obligation from every package under governance.rules, so adding a
# policy never means editing this file. Loaded even with --no-builtin.
package governance.main

# METADATA
# title: Errors from every rule package
# description: Union of deny findings across data.governance.rules.*.
deny contains finding if {
	some finding in data.governance.rules[_].deny
}

# METADATA
# title: Warnings from every rule package
# description: Union of warn findings across data.governance.rules.*.
warn contains finding if {
	some finding in data.governance.rules[_].warn
}

# METADATA
# title: Obligations from every rule package
# description: Union of obligation findings across data.governance.rules.*.
obligation contains finding if {
	some finding in data.governance.rules[_].obligation
}

# METADATA
# title: Findings document
# description: What engines return to Python, keyed by kind.
findings := {"deny": deny, "warn": warn, "obligation": obligation}
