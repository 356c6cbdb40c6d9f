# Regulation dates as data: whether an EU AI Act obligation applies at the evaluation date
# (input.now, `--now`) and from when, read from policies/data/regulation.yaml. The rules that
# enforce an obligation deny only once it applies (`not regulation.pending[key]`) and say since
# when (`regulation.applicable[key]`); before the date, GOV-REG-001 names the date and what will
# then be denied. An announced change is used only once verified (published in the Official
# Journal); until then messages mention it as unverified.
package governance.rules.regulation

import data.governance.rules.safety
import data.governance.rules.sources

# METADATA
# title: The EU AI Act's entry in the regulation catalogue
# description: >-
#   Empty when the catalogue lacks it; every date is then missing. Read at
#   data.governance.catalog.regulation itself: OPA merges a `with` replacement of it into its
#   parent's value, regorus does not.
act := entry if {
	entry := data.governance.catalog.regulation.regulations["eu-ai-act"]
	is_object(entry)
} else := {}

# METADATA
# title: The obligations the library enforces, and the rules that enforce each
# description: >-
#   Each of these rules denies only from the obligation's date. GPAI and Annex I (product)
#   obligations have dates in the catalogue but no rule: the inventory does not record who
#   provides a GPAI model or which use case is a product under Annex I.
enforced_by := {
	"prohibitions": ["GOV-SAF-011"],
	"transparency": ["GOV-SAF-007"],
	"high-risk-annex-iii": ["GOV-SAF-008", "GOV-SAF-009", "GOV-SAF-010"],
}

# METADATA
# title: A YYYY-MM-DD string
# description: The only form the dates are compared in (as strings, like input.now).
iso_date(s) if regex.match(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, s)

# METADATA
# title: Dates set by verified (published) changes
# description: Obligation key -> {date, cite} of every change whose entry says verified true.
published[key] contains {"date": date, "cite": change.cite} if {
	some change in object.get(act, "announced_changes", {})
	change.verified == true
	some key, date in object.get(change, "applies_from", {})
	iso_date(date)
}

# METADATA
# title: When each obligation applies, and the text that says so
# description: >-
#   Obligation key -> {date, cite}: the earliest date of the verified changes that name it,
#   else the Act's own date and provision when verified. Undefined when neither is a verified
#   valid date: the obligation then applies on every date (an unverified date never relaxes).
effective[key] := {"date": date, "cite": concat(" and ", sort([c.cite | some c in changes; c.date == date]))} if {
	some key, changes in published
	date := min({c.date | some c in changes})
}

effective[key] := {"date": o.applies_from, "cite": sprintf("%s %s", [act.cite, o.provision])} if {
	some key, o in object.get(act, "obligations", {})
	o.verified == true
	iso_date(o.applies_from)
	not published[key]
}

# METADATA
# title: Obligations that do not apply yet at the evaluation date
# description: >-
#   Only a known date later than input.now makes an obligation pending: a missing date leaves
#   it applying (fail closed).
pending contains key if {
	some key, e in effective
	input.now < e.date
}

# METADATA
# title: Announced, unverified changes of an obligation's date
# description: Obligation key -> "<change> would move it to <date>", for messages only.
announced[key] contains sprintf("%s would move it to %s", [change.cite, date]) if {
	some change in object.get(act, "announced_changes", {})
	object.get(change, "verified", false) != true
	some key, date in object.get(change, "applies_from", {})
}

# METADATA
# title: Since when an obligation applies, for the enforcing rules' messages
# description: >-
#   Defined for every enforced obligation: "; applicable since <date> (<cite>)" plus any
#   unverified announced change, or "application date unknown" when the date is missing,
#   malformed or unverified (the obligation then applies on every date: fail closed, said so);
#   and when the dates were last reviewed, once that is longer ago than the organization
#   accepts for catalogue facts (max_fact_age_days): timelines of law change.
applicable := {key: text |
	some key, _ in enforced_by
	text := concat("", [since_text(key), announced_text(key), stale_text])
}

# METADATA
# title: The date part of applicable
since_text(key) := sprintf("; applicable since %s (%s)", [effective[key].date, effective[key].cite]) if {
	effective[key]
} else := "; application date unknown or unverified in the regulation data, so taken as applying"

# METADATA
# title: The announced-change part of applicable
announced_text(key) := sprintf(
	"; announced, unverified: %s, not confirmed published in the Official Journal, so not applied",
	[concat("; ", sort(announced[key]))],
) if {
	announced[key]
} else := ""

# METADATA
# title: The review-date part of applicable
# description: Empty while the Act's dates were reviewed within max_fact_age_days of input.now.
stale_text := sprintf(
	"; these dates were last reviewed %s, %d days before %s (max_fact_age_days %d): re-read %s",
	[act.reviewed_on, days, input.now, sources.max_age, concat(", ", object.get(act, "sources", []))],
) if {
	iso_date(act.reviewed_on)
	days := sources.days_between(act.reviewed_on, input.now)
	days > sources.max_age
} else := ""

# METADATA
# title: A message without a part of it
# description: The message itself when the part is empty.
without(message, part) := message if {
	part == ""
} else := replace(message, part, "")

# METADATA
# title: EU AI Act obligation that does not apply yet
# description: >-
#   The AI Act applies in stages (Art. 111, 113; the dates are in policies/data/regulation.yaml).
#   Before an obligation's date, a choice its rules would deny on that date gets this notice
#   instead, with the date and the denial it would get, so the organization can prepare.
# custom:
#   id: GOV-REG-001
#   severity: info
#   controls: ["EU AI Act Art. 113", "NIST AI RMF GOVERN 1.1", "ISO 42001 A.2.2"]
#   remediation: >-
#     Fix what the quoted denial names before the date; from then it is an error. The dates
#     come from policies/data/regulation.yaml (docs/sources.md lists their sources).
obligation contains {"rule": "GOV-REG-001", "choice": c.id, "field": field, "message": msg} if {
	some key, rules in enforced_by
	pending[key]
	e := effective[key]
	later := safety.deny with input.now as e.date
	later_stale := stale_text with input.now as e.date
	some f in later
	f.rule in rules
	c := {"id": f.choice} # the choice the later denial names, as every finding names it
	field := f.field
	msg := sprintf("%s do not apply yet on %s (%d days to go): then %s denies this choice: %s%s", [
		object.get(act, ["obligations", key, "what"], key), input.now, sources.days_between(input.now, e.date), f.rule,
		replace(without(f.message, later_stale), "; applicable since ", "; applicable from "), stale_text,
	])
}
