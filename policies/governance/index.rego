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
# title: The engine sent a table of each model's choices that matches input.choices
# description: >-
#   The OPA engines send input.choices_by_model (model id -> positions in input.choices): OPA
#   evaluates a keyed reference into a partial rule once per key, and computing each model's
#   choices here would scan every choice for each model. Used only when every position holds
#   a choice of its model and the positions cover every choice once.
supplied_choices_by_model if {
	choices_aligned
	supplied := input.choices_by_model
	sum([count({i | some i in ids}) | some ids in supplied]) == count(input.choices)
	every model_id, ids in supplied {
		every i in ids {
			input.choices[i].model == model_id
		}
	}
}

# METADATA
# title: Positions in lib.choices of each model's choices
# description: Keyed by the model's id in input.models; from the engine's table.
choices_of_model[model_id] contains i if {
	supplied_choices_by_model
	some i in input.choices_by_model[model_id]
}

# METADATA
# title: Positions in lib.choices of each model's choices
# description: Computed, when the engine sent no table (regorus builds this rule once).
choices_of_model[model_id] contains i if {
	not supplied_choices_by_model
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
