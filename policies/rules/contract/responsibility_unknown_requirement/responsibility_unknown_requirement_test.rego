package sansho.rules.contract.responsibility_unknown_requirement_test

import data.sansho.rules.contract.responsibility_unknown_requirement as rule
import rego.v1

_contract(rs) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "responsibilities": rs}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied_at_each_unknown_entry if {
	paths := {f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
	paths == {"spec.responsibilities[1].requirement", "spec.responsibilities[2].requirement"}
}

test_unknown_id_is_quoted if {
	some f in rule.deny with input as {"contracts": [_contract([{"requirement": "chk.r7.inst.9.9", "owner": "vendor"}])]}
	contains(f.message.en, "chk.r7.inst.9.9")
	contains(f.message.en, "Entry 1")
}

test_custom_catalog_ids_are_known if {
	count(rule.deny) == 0 with input as {"contracts": [_contract([{"requirement": "acme.local.1", "owner": "vendor"}])]}
		with data.sansho.requirements as {"acme.local.1": {"due": null}}
}

test_ended_contracts_are_checked_too if {
	c := object.union(_contract([{"requirement": "x.y", "owner": "vendor"}]), {"spec": {"term": {"end_on": "2020-01-01"}}})
	count(rule.deny) == 1 with input as {"contracts": [c]}
}

test_no_responsibilities_no_finding if {
	count(rule.deny) == 0 with input as {"contracts": [{"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}]}}]}
}
