package governance.index_test

import data.governance.index
import data.governance.test_fixtures as fx

# two models, three choices: gpt-oss-20b at 0 and 2, other-model at 1
three_choices := object.union(fx.input_with({}), {
	"models": {"other-model": {"id": "other-model", "deployments": {"api": {"id": "api"}}}},
	"choices": [
		fx.base_choice,
		object.union(fx.base_choice, {"id": "internal-search/other-model/api", "model": "other-model", "deployment": "api"}),
		object.union(fx.base_choice, {"id": "internal-search/gpt-oss-20b/on-prem-2"}),
	],
})

computed := {"gpt-oss-20b": {0, 2}, "other-model": {1}}

test_computed_without_a_table if {
	index.choices_of_model == computed with input as three_choices
	not index.supplied_choices_by_model with input as three_choices
}

test_the_engines_table_is_used_when_it_matches if {
	inp := object.union(three_choices, {"choices_by_model": {"gpt-oss-20b": [0, 2], "other-model": [1]}})
	index.supplied_choices_by_model with input as inp
	index.choices_of_model == computed with input as inp
}

test_a_stale_table_is_ignored if {
	# wrong model at a position, a position missing, a position twice
	stale := [
		{"gpt-oss-20b": [0, 1], "other-model": [2]},
		{"gpt-oss-20b": [0], "other-model": [1]},
		{"gpt-oss-20b": [0, 0, 2], "other-model": []},
	]
	every table in stale {
		inp := object.union(three_choices, {"choices_by_model": table})
		not index.supplied_choices_by_model with input as inp
		index.choices_of_model == computed with input as inp
	}
}
