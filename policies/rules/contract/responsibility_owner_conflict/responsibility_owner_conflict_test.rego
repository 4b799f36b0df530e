package sansho.rules.contract.responsibility_owner_conflict_test

import data.sansho.rules.contract.responsibility_owner_conflict as rule
import rego.v1

_contract(rs) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "responsibilities": rs}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_reports_once_at_the_first_contradiction if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["ehr-maintenance", "spec.responsibilities[2].owner"]}
}

test_message_names_both_owners if {
	rs := [{"requirement": "chk.r7.inst.3.2", "owner": "institution"}, {"requirement": "chk.r7.inst.3.2", "owner": "subcontractor:dc"}]
	some f in rule.deny with input as {"contracts": [_contract(rs)]}
	contains(f.message.en, "to institution (entry 1) and to subcontractor:dc (entry 2)")
}

test_each_contradicted_requirement_is_reported if {
	rs := [
		{"requirement": "a.b", "owner": "institution"}, {"requirement": "a.b", "owner": "vendor"},
		{"requirement": "c.d", "owner": "vendor"}, {"requirement": "c.d", "owner": "institution"},
	]
	count(rule.deny) == 2 with input as {"contracts": [_contract(rs)]}
}

test_same_requirement_in_two_contracts_is_not_a_contradiction if {
	a := _contract([{"requirement": "a.b", "owner": "vendor"}])
	b := {"kind": "Contract", "metadata": {"name": "d"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "responsibilities": [{"requirement": "a.b", "owner": "institution"}]}}
	count(rule.deny) == 0 with input as {"contracts": [a, b]}
}
