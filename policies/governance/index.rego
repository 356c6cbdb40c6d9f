# Model choices grouped by model, computed once and shared by every rule package that visits
# a few models' choices (`some i in index.choices_of_model[model_id]; c := lib.choices[i]`).
# Its own package: a rule in governance.lib that iterates lib.choices slows every other
# package's lib.choices loop on regorus; and one shared table means OPA, which evaluates a
# keyed reference into a partial rule once per key, scans the choices once per model in all.
package governance.index

import data.governance.lib

# METADATA
# title: lib.choices lines up with input.choices
# description: >-
#   Every choice resolved to its use case, model and deployment (the loader checks these
#   references), so lib.choices[i] is the choice input.choices[i].
choices_aligned if count(lib.choices) == count(input.choices)

# METADATA
# title: Positions in lib.choices of each model's choices
# description: Keyed by the model's id in input.models.
choices_of_model[model_id] contains i if {
	choices_aligned
	some i, choice in input.choices
	model_id := choice.model
}

# METADATA
# title: Positions in lib.choices of each model's choices
# description: The same when some choice did not resolve (lib.choices left it out).
choices_of_model[model_id] contains i if {
	not choices_aligned
	some i, c in lib.choices
	model_id := c.model.id
}

# METADATA
# title: Model of each deployment
# description: The id in input.models of the model a deployment belongs to, keyed by the deployment's pointer.
model_of_deployment := {d.pointer: model_id |
	some model_id, m in input.models
	some d in m.deployments
}
