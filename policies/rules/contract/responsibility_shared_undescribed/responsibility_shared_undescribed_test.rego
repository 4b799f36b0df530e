package sansho.rules.contract.responsibility_shared_undescribed_test

import data.sansho.rules.contract.responsibility_shared_undescribed as rule
import rego.v1

_contract(rs) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "responsibilities": rs}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied_at_the_entry if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["ehr-maintenance", "spec.responsibilities[0].description"]}
}

test_blank_description_counts_as_missing if {
	count(rule.deny) == 1 with input as {"contracts": [_contract([{"requirement": "chk.r7.inst.3.2", "owner": "shared", "description": "   "}])]}
}

test_vendor_owner_needs_no_description if {
	count(rule.deny) == 0 with input as {"contracts": [_contract([{"requirement": "chk.r7.inst.3.2", "owner": "vendor"}])]}
}

test_one_finding_per_entry if {
	rs := [{"requirement": "chk.r7.inst.3.2", "owner": "shared"}, {"requirement": "chk.r7.inst.2.6", "owner": "shared"}]
	count(rule.deny) == 2 with input as {"contracts": [_contract(rs)]}
}
