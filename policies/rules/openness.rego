# Openness: whether a model's declared access class holds up, and whether it meets the
# organization's openness demands (OSAID 1.0, the MOF and the MOT;
# sources: docs/sources.md).
#
# Everything is derived from what the inventory records in models[].components (the 17 MOF
# components, each with `included` and a licence key that defaults to the model's licence) and
# the licence catalogue (data.governance.catalog.licenses, policies/data/licenses.yaml).
#
# Licence tests, per the MOT implementation (github.com/lfai/model_openness_tool):
#   open:         OSI-approved, an open-data licence (CC0, CC-BY*, CDLA, ODC...) or OpenMDW-1.0;
#                 an unknown or missing licence is not open.
#   OSI-approved: the licence catalogue says osi_approved: true.
# MOF classes are cumulative (III < II < I); a required component counts when it is included
# under an open licence. The only substitution applied here is the documented one between the
# technical report and the research paper for Class III. The other MOT special cases (evaluation
# results inside the report or card, a model card carrying the data information in place of a
# data card) are expressed the MOT way: record that component as included, with the location of
# the document that contains it.
package governance.rules.openness

import data.governance.lib

# METADATA
# title: Licence catalogue
# description: Entries keyed by licence key (policies/data/licenses.yaml, mapping `licenses`).
licenses := data.governance.catalog.licenses.licenses

# METADATA
# title: SPDX licence facts
# description: >-
#   policies/data/spdx.yaml, generated from the SPDX License List: OSI-approved ids and the MOT's
#   open-data licences (web/modules/mof/src/LicenseHandler.php), as lower-case keys.
spdx := object.get(data.governance.catalog, "spdx", {})

# METADATA
# title: OSI-approved SPDX keys
# description: From the SPDX License List (isOsiApproved), for keys the licence catalogue lacks.
spdx_osi := {k | some k in object.get(spdx, "osi_approved", [])}

# METADATA
# title: MOT open-data SPDX keys
# description: The MOT's OPEN_DATA_LICENSES, for keys the licence catalogue lacks.
spdx_open_data := {k | some k in object.get(spdx, "mof_open_data", [])}

# METADATA
# title: OSI-approved licence
# description: The catalogue marks the key osi_approved (or, for keys it lacks, the SPDX data does).
osi_approved(key) if licenses[key].osi_approved == true

osi_approved(key) if {
	not licenses[key]
	lower(key) in spdx_osi
}

# METADATA
# title: Open-data licence
# description: The catalogue marks the key open_data (or, for keys it lacks, the MOT list has it).
open_data(key) if licenses[key].open_data == true

open_data(key) if {
	not licenses[key]
	lower(key) in spdx_open_data
}

# METADATA
# title: Open licence in the MOF sense
# description: >-
#   OSI-approved, open-data, or OpenMDW-1.0 (MOT LicenseHandler.php,
#   https://github.com/lfai/model_openness_tool); the catalogue's
#   mof_open flag records the same judgement.
open_license(key) if licenses[key].mof_open == true

open_license(key) if osi_approved(key)

open_license(key) if open_data(key)

open_license(key) if key == "openmdw-1.0"

# METADATA
# title: One licence passes a test by name
# description: '"open" (MOF sense) or "osi" (OSI-approved only).'
passes(key, "open") if open_license(key)

passes(key, "osi") if osi_approved(key)

# METADATA
# title: Licence key passes a test
# description: >-
#   A key 'a AND b' (licences that all apply, SPDX AND) passes only when every part does.
acceptable(key, test) if {
	every part in split(key, " AND ") {
		passes(part, test)
	}
}

# METADATA
# title: Licence of a component
# description: The component's own licence key, or the model's licence when it names none.
component_license(model, comp) := comp.license if {
	comp.license != null
} else := model.license.key

# METADATA
# title: Licences under which a component is included
# description: Every licence key of the entries recorded as included for that component name.
included_licenses(model, name) := {component_license(model, comp) |
	some comp in model.components
	comp.name == name
	comp.included
}

# METADATA
# title: Component included under acceptable terms
# description: Some included entry of the component carries a licence that passes the test.
has_component(model, name, test) if {
	some key in included_licenses(model, name)
	acceptable(key, test)
}

# METADATA
# title: What is wrong with a component
# description: '"name" when it is not included; "name (licence x is not open)" when the licence fails.'
component_gap(model, name, test) := name if {
	count(included_licenses(model, name)) == 0
} else := sprintf("%s (licence %s is not %s)", [
	name,
	concat(", ", sort(included_licenses(model, name))),
	test_text[test],
])

# METADATA
# title: Wording of the licence tests
# description: Used in gap messages.
test_text := {"open": "open", "osi": "OSI-approved"}

# METADATA
# title: Components each MOF class adds
# description: >-
#   Required components per class (MOT mof.settings.yml,
#   https://github.com/lfai/model_openness_tool); optional ones (sample-model-outputs,
#   supporting-libraries-and-tools, model-metadata) are left out. Class III also needs a
#   technical report or a research paper (report_gap).
mof_required := {
	"III": ["model-architecture", "model-parameters-final", "model-card", "data-card", "evaluation-results"],
	"II": ["training-code", "inference-code", "evaluation-code", "evaluation-data"],
	"I": ["datasets", "data-preprocessing-code", "model-parameters-intermediate", "research-paper"],
}

# METADATA
# title: Classes a MOF class includes
# description: Cumulative (Class I includes II and III, Class II includes III).
mof_cumulative := {"III": ["III"], "II": ["III", "II"], "I": ["III", "II", "I"]}

# METADATA
# title: Rank of a MOF class
# description: Higher is more open; "none" is below Class III.
mof_rank := {"none": 0, "III": 1, "II": 2, "I": 3}

# METADATA
# title: Technical report gap for Class III
# description: A technical report or a research paper under an open licence (MOT special case).
report_gap(model) := set() if {
	has_component(model, "technical-report", "open")
} else := set() if {
	has_component(model, "research-paper", "open")
} else := {"technical-report (or research-paper)"}

# METADATA
# title: What a model lacks for a MOF class
# description: The missing or non-open required components of the class and the classes below it.
mof_missing(model, cls) := report_gap(model) | {component_gap(model, name, "open") |
	some level in mof_cumulative[cls]
	some name in mof_required[level]
	not has_component(model, name, "open")
}

# METADATA
# title: Model Openness Framework class
# description: >-
#   "I", "II", "III" or "none", derived from the recorded components: the highest class whose
#   required components (cumulatively) are all included under open licences.
mof_class(model) := "I" if {
	count(mof_missing(model, "I")) == 0
} else := "II" if {
	count(mof_missing(model, "II")) == 0
} else := "III" if {
	count(mof_missing(model, "III")) == 0
} else := "none"

# METADATA
# title: OSAID code components
# description: >-
#   "The complete source code used to train and run the system" (OSAID 1.0), as MOF
#   components: training, inference and data-preprocessing code and the model architecture.
#   Code must be under OSI-approved licences.
osaid_code := ["training-code", "inference-code", "data-preprocessing-code", "model-architecture"]

# METADATA
# title: OSAID data information gap
# description: >-
#   Conservative reading of OSAID "Data Information": a data card or the datasets themselves,
#   under open terms. A technical report or paper alone does not count (nothing tells whether it
#   lets "a skilled person build a substantially equivalent system"; the MOT proxy is
#   unverified); when it does, record a data-card component pointing at it.
data_information_gap(model) := set() if {
	has_component(model, "data-card", "open")
} else := set() if {
	has_component(model, "datasets", "open")
} else := {"data information (data-card or datasets)"} if {
	count(included_licenses(model, "data-card") | included_licenses(model, "datasets")) == 0
} else := {sprintf("data information (data-card/datasets licence %s is not open)", [
	concat(", ", sort(included_licenses(model, "data-card") | included_licenses(model, "datasets"))),
])}

# METADATA
# title: OSAID parameters gap
# description: >-
#   Final parameters included under open terms (OSAID names no legal mechanism for parameters),
#   and actually downloadable.
parameters_gap(model) := {component_gap(model, "model-parameters-final", "open")} if {
	not has_component(model, "model-parameters-final", "open")
} else := {"downloadable parameters (weights.availability is none)"} if {
	model.weights.availability == "none"
} else := set()

# METADATA
# title: What keeps a model from OSAID 1.0 conformance
# description: Parameters, code (OSI-approved) and data information gaps; empty when conformant.
osaid_missing(model) := (parameters_gap(model) | data_information_gap(model)) | {component_gap(model, name, "osi") |
	some name in osaid_code
	not has_component(model, name, "osi")
}

# METADATA
# title: OSAID 1.0 conformant
# description: Parameters, code and data information all available under OSI-approved/open terms.
osaid_conformant(model) if count(osaid_missing(model)) == 0

# METADATA
# title: No components recorded
# description: Sentence appended to messages when models[].components is empty.
no_components_note(model) := "; no components are recorded in its components list" if {
	count(model.components) == 0
} else := ""

# METADATA
# title: Open-washing message
# description: >-
#   "apache-2.0 weights alone do not make gpt-oss-20b open source ..." when the weights are
#   under open terms, a plain non-conformance message otherwise.
open_washing_message(model) := sprintf(
	concat("", [
		"%s weights alone do not make %s open source (OSAID 1.0 needs parameters, code and data information under ",
		"open terms): missing %s%s",
	]),
	[model.license.key, model.name, concat(", ", sort(osaid_missing(model))), no_components_note(model)],
) if {
	has_component(model, "model-parameters-final", "open")
} else := sprintf(
	concat("", [
		"%s is declared open-source but does not meet OSAID 1.0 (parameters, code and data information under open ",
		"terms): missing %s%s",
	]),
	[model.name, concat(", ", sort(osaid_missing(model))), no_components_note(model)],
)

# METADATA
# title: Open-washing message per model
# description: >-
#   Keyed by model id: defined for the models declared open-source that do not meet OSAID 1.0.
#   Computed once per model, not once per model choice.
open_washed := {m.id: msg |
	some m in input.models
	m.access_class == "open-source"
	not osaid_conformant(m)
	msg := open_washing_message(m)
}

# METADATA
# title: Declared open source without OSAID conformance (open-washing)
# description: >-
#   "open-source" means OSAID 1.0: parameters, complete code and data information under
#   OSI-approved or open terms. Apache-2.0 or MIT weights alone make a model open-weight, not
#   open source (https://opensource.org/ai/open-source-ai-definition).
# custom:
#   id: GOV-OPN-001
#   severity: error
#   controls: ["EU AI Act Art. 53(2)", "NIST AI 600-1 GV-6.1-009", "NIST AI RMF MP-4.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set the model's access_class to open-weight (or closed when the weights cannot be
#     downloaded). If the model really is open source, record in its components the
#     training-code, inference-code, data-preprocessing-code and model-architecture (under
#     OSI-approved licences), model-parameters-final and a data-card or datasets (under open
#     licences), each with included: true and a location.
deny contains {"rule": "GOV-OPN-001", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	msg := open_washed[c.model.id]
	field := concat("", [c.model.pointer, "/access_class"])
}

# METADATA
# title: Open access class without downloadable weights
# description: >-
#   A model whose parameters cannot be downloaded is closed (OSAID 1.0,
#   https://opensource.org/ai/open-source-ai-definition); declaring it
#   open-weight or open-source is inconsistent with weights.availability none.
# custom:
#   id: GOV-OPN-002
#   severity: error
#   controls: ["NIST AI RMF GV-1.6", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set access_class to closed, or, if the weights can be downloaded, set
#     weights.availability to public (or gated when a click-through guards the download).
deny contains {"rule": "GOV-OPN-002", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.model.access_class in {"open-source", "open-weight"}
	c.model.weights.availability == "none"
	msg := sprintf(
		concat("", [
			"%s is declared %s but its weights.availability is 'none': a model whose parameters cannot be downloaded ",
			"is closed",
		]),
		[c.model.name, c.model.access_class],
	)
	field := concat("", [c.model.pointer, "/access_class"])
}

# METADATA
# title: Closed access class with downloadable weights
# description: >-
#   Downloadable parameters make a model at least open-weight (OSI on open weights); calling it closed
#   hides that the organization, not a vendor, carries the safety duties when it runs them.
# custom:
#   id: GOV-OPN-003
#   severity: warning
#   controls: ["NIST AI RMF GV-1.6", "NIST AI 600-1 GV-6.1-009", "ISO 42001 A.10.3"]
#   remediation: >-
#     Set access_class to open-weight (open-source only if it meets OSAID 1.0), or, if the
#     weights cannot be downloaded, set weights.availability to none.
warn contains {"rule": "GOV-OPN-003", "choice": c.id, "field": field, "message": msg} if {
	some c in lib.choices
	c.model.access_class == "closed"
	c.model.weights.availability in {"public", "gated"}
	msg := sprintf(
		concat("", [
			"%s is declared closed but its weights can be downloaded (weights.availability '%s'): it is open-weight ",
			"or open-source",
		]),
		[c.model.name, c.model.weights.availability],
	)
	field := concat("", [c.model.pointer, "/access_class"])
}
