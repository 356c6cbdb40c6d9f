# Licences (continued): the duties that come with distributing or serving a model (obligations:
# attribution, notices, naming of derivatives, acceptable-use flow-down).
# Same package as licenses.rego, whose helpers these rules use.
package governance.rules.licenses

# --- duties when distributing (obligations) ---------------------------------------------------

# METADATA
# title: Display the licence's attribution text
# description: >-
#   Distributing or making the model available (including in a hosted product) requires a
#   prominent attribution such as "Built with Llama".
# custom:
#   id: GOV-LIC-013
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Display the attribution text prominently on a related website, user interface, blog
#     post, about page or the product documentation, and keep evidence (e.g. the page URL).
obligation contains {"rule": "GOV-LIC-013", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.attribution_text != null
	name := input.models[model_id].name
	note := caveat(lic, "attribution_text")
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.use_case.distribution in distributing
	msg := sprintf(
		concat("", [
			"use case %s makes %s available outside the organization (%s): display \"%s\" prominently (website, user ",
			"interface, about page or product documentation), as %s requires%s",
		]),
		[c.use_case.id, name, c.use_case.distribution, lic.attribution_text, lic.name, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Ship the NOTICE file with distributed copies
# description: Copies of the weights (or a derivative) must carry a NOTICE file with set text.
# custom:
#   id: GOV-LIC-014
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.4"]
#   remediation: >-
#     Add a NOTICE file with the required text to every distributed copy (model repository,
#     package or container image).
obligation contains {"rule": "GOV-LIC-014", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.notice_file != null
	name := input.models[model_id].name
	note := caveat(lic, "notice_file")
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.use_case.distribution in shipping_copies
	msg := sprintf(
		"use case %s distributes copies of %s (%s): ship a NOTICE file with them containing: %s%s",
		[c.use_case.id, name, c.use_case.distribution, lic.notice_file, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Give recipients a copy of the licence
# description: Distributed copies of the weights must come with the licence text.
# custom:
#   id: GOV-LIC-015
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.4"]
#   remediation: >-
#     Include the full licence text (LICENSE file) with every distributed copy and keep the
#     licensor's copyright notices.
obligation contains {"rule": "GOV-LIC-015", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.license_copy_required == true
	name := input.models[model_id].name
	note := caveat(lic, "license_copy_required")
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.use_case.distribution in shipping_copies
	msg := sprintf(
		"use case %s distributes copies of %s (%s): include the text of %s with them%s",
		[c.use_case.id, name, c.use_case.distribution, lic.name, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Derivatives built from a model's weights
# description: base_model_relation values for which the outputs clause of a licence is beside the point.
weight_derivatives := {"finetune", "quantized", "merge", "adapter"}

# METADATA
# title: Distributed derivatives whose name lacks the licence's prefix
# description: Model ids GOV-LIC-017 warns about; GOV-LIC-016 then says nothing more for them.
misnamed_derivatives := {model_id |
	some model_id, lic in model_license
	prefix := lic.derivative_name_prefix
	prefix != null
	m := input.models[model_id]
	m.base_model != null
	name := m.name
	not startswith(lower(name), lower(prefix))
}

# METADATA
# title: Start the derivative model's name with the licence's prefix
# description: >-
#   A model built with the licensed materials (Llama 3.1+: or their outputs) and then
#   distributed must have a name that starts with the prefix ("Llama", "Llama 3").
# custom:
#   id: GOV-LIC-016
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Publish the derivative under a name that starts with the required prefix (e.g.
#     "Llama-3.1-Acme-Support-8B").
obligation contains {"rule": "GOV-LIC-016", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.derivative_name_prefix != null
	not model_id in misnamed_derivatives
	name := input.models[model_id].name
	note := caveat(lic, "derivative_name_prefix")
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.use_case.distribution == "distributes-derivative"
	msg := sprintf(
		concat("", [
			"use case %s distributes %s or a model built with it: under %s, a distributed model built with the ",
			"licensed materials must have a name that starts with \"%s\"%s",
		]),
		[c.use_case.id, name, lic.name, lic.derivative_name_prefix, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Distributed derivative named without the licence's prefix
# description: >-
#   The chosen model is itself a derivative (it has a base_model) that the use case
#   distributes, and its name does not start with the prefix the licence requires.
# custom:
#   id: GOV-LIC-017
#   severity: warning
#   controls: ["NIST AI RMF GOVERN 6.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Rename the derivative so that its published name (the model's name) starts with the
#     prefix, e.g. "Llama-3.1-Acme-Support-8B".
warn contains {"rule": "GOV-LIC-017", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	prefix := lic.derivative_name_prefix
	prefix != null
	m := input.models[model_id]
	m.base_model != null
	name := m.name
	not startswith(lower(name), lower(prefix))
	note := caveat(lic, "derivative_name_prefix")
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.use_case.distribution == "distributes-derivative"
	msg := sprintf(
		"%s is a derivative of %s distributed by use case %s, but its name does not start with \"%s\" as %s requires%s",
		[m.name, m.base_model, c.use_case.id, prefix, lic.name, note],
	)
	field := concat("", [c.model.pointer, "/name"])
}

# METADATA
# title: Pass the licence's use restrictions down to recipients
# description: >-
#   The licence requires its use restrictions to be an enforceable provision of any agreement
#   under which copies or derivatives are distributed (Gemma §3.1, DeepSeek, RAIL family).
# custom:
#   id: GOV-LIC-018
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.4"]
#   remediation: >-
#     Put the licence's use restrictions into the terms recipients accept (licence of the
#     published model, customer contract or EULA) and give them a copy of the licence.
obligation contains {"rule": "GOV-LIC-018", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.restrictions_flow_down == true
	name := input.models[model_id].name
	note := caveat(lic, "restrictions_flow_down")
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.use_case.distribution in shipping_copies
	msg := sprintf(
		concat("", [
			"use case %s distributes copies of %s (%s): %s requires its use restrictions to be included as an ",
			"enforceable provision in the agreements with recipients%s",
		]),
		[c.use_case.id, name, c.use_case.distribution, lic.name, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}

# METADATA
# title: Monitor an acceptable-use policy the licensor can change
# description: >-
#   The licence binds the use to an acceptable-use policy that the licensor may update
#   (Gemma, Falcon-180B): a standing duty attached to the approval rather than a defect, so
#   it is an obligation, not a warning.
# custom:
#   id: GOV-LIC-019
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI RMF MANAGE 3.1", "ISO 42001 A.10.3"]
#   remediation: >-
#     Assign someone to review the acceptable-use policy at its URL periodically (e.g. at each
#     use-case review) and re-check the use case against the current version.
obligation contains {"rule": "GOV-LIC-019", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.aup_updatable == true
	name := input.models[model_id].name
	notes := concat("", [remote_note(lic), caveat(lic, "aup_updatable")])
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	msg := sprintf(
		concat("", [
			"%s is under %s, whose acceptable-use policy (%s) the licensor may update: use case %s must keep ",
			"complying with the current version%s",
		]),
		[name, lic.name, lic.aup_url, c.use_case.id, notes],
	)
	field := concat("", [c.model.pointer, "/license/key"])
}

# METADATA
# title: Licence terms reach models trained on the model or its outputs
# description: >-
#   Llama 2 forbids improving other LLMs with its outputs; Llama 3.1+ names derivatives
#   "Llama..."; Gemma and DeepSeek treat distillation (and DeepSeek synthetic data) as
#   derivatives. The distributed derivative carries these terms. Not said of a fine-tune,
#   quantisation, merge or adapter of the model: those are built from its weights, and the
#   licence's terms for derivatives reach them directly (GOV-LIN-001, GOV-LIC-016).
# custom:
#   id: GOV-LIC-020
#   severity: info
#   controls: ["NIST AI RMF GOVERN 6.1", "NIST AI 600-1 GV-1.1-001", "ISO 42001 A.10.3"]
#   remediation: >-
#     Check how the distributed model was built (fine-tuning, distillation, synthetic data
#     from this model) and apply the licence's terms for derivatives to it.
obligation contains {"rule": "GOV-LIC-020", "choice": c.id, "field": field, "message": msg} if {
	some model_id, lic in model_license
	lic.output_training_restricted == true
	model := input.models[model_id]
	relation := object.get(model, "base_model_relation", null)
	not relation in weight_derivatives
	name := model.name
	note := caveat(lic, "output_training_restricted")
	some i in data.governance.index.choices_of_model[model_id]
	c := data.governance.lib.choices[i]
	c.use_case.distribution == "distributes-derivative"
	msg := sprintf(
		"use case %s distributes %s or a model built with it: %s%s",
		[c.use_case.id, name, lic.output_training_note, note],
	)
	field := concat("", [c.use_case.pointer, "/distribution"])
}
