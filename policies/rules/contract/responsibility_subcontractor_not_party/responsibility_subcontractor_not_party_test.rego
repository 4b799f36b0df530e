package sansho.rules.contract.responsibility_subcontractor_not_party_test

import data.sansho.rules.contract.responsibility_subcontractor_not_party as rule
import rego.v1

_contract(parties, rs) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": parties, "responsibilities": rs}}

_vendor := {"organization": "v", "role": "vendor"}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied_at_the_owner if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["kita-clinic-service", "spec.responsibilities[0].owner"]}
}

test_party_in_another_role_does_not_count if {
	c := _contract([_vendor, {"organization": "dc", "role": "vendor"}], [{"requirement": "g6.sys.12.a", "owner": "subcontractor:dc"}])
	some f in rule.deny with input as {"contracts": [c]}
	contains(f.message.en, "dc is not a subcontractor party")
}

test_name_must_match_exactly if {
	c := _contract([_vendor, {"organization": "dc-east", "role": "subcontractor"}], [{"requirement": "g6.sys.12.a", "owner": "subcontractor:dc"}])
	count(rule.deny) == 1 with input as {"contracts": [c]}
}

test_vendor_and_shared_owners_are_not_checked if {
	c := _contract([_vendor], [{"requirement": "a.b", "owner": "vendor"}, {"requirement": "c.d", "owner": "shared", "description": "x"}])
	count(rule.deny) == 0 with input as {"contracts": [c]}
}
