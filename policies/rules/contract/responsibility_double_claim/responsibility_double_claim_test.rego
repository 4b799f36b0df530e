package sansho.rules.contract.responsibility_double_claim_test

import data.sansho.rules.contract.responsibility_double_claim as rule
import rego.v1

_contract(name, systems, rs) := {"kind": "Contract", "metadata": {"name": name}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "systems": systems, "responsibilities": rs}}

_r(req, owner) := {"requirement": req, "owner": owner}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_reports_the_later_contract_at_its_entry if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["pacs-maintenance", "spec.responsibilities[1].owner"]}
}

test_message_names_both_contracts_and_owners if {
	a := _contract("a", ["pacs"], [_r("chk.r7.inst.3.2", "vendor")])
	b := _contract("b", ["pacs", "ris"], [_r("chk.r7.inst.3.2", "subcontractor:dc")])
	some f in rule.deny with input as {"contracts": [b, a]}
	f.resource.name == "b"
	contains(f.message.en, "Contract b gives chk.r7.inst.3.2 to subcontractor:dc, but contract a for the same system (pacs) gives it to vendor;")
}

test_both_with_the_institution_is_no_double_claim if {
	a := _contract("a", ["pacs"], [_r("chk.r7.inst.3.2", "institution")])
	b := _contract("b", ["pacs"], [_r("chk.r7.inst.3.2", "institution")])
	count(rule.deny) == 0 with input as {"contracts": [a, b]}
}

test_vendor_against_institution_is_a_double_claim if {
	a := _contract("a", ["pacs"], [_r("chk.r7.inst.3.2", "institution")])
	b := _contract("b", ["pacs"], [_r("chk.r7.inst.3.2", "vendor")])
	count(rule.deny) == 1 with input as {"contracts": [a, b]}
}

test_different_systems_do_not_clash if {
	a := _contract("a", ["pacs"], [_r("chk.r7.inst.3.2", "vendor")])
	b := _contract("b", ["ehr"], [_r("chk.r7.inst.3.2", "vendor")])
	count(rule.deny) == 0 with input as {"contracts": [a, b]}
}

test_ended_contract_does_not_clash if {
	a := _contract("a", ["pacs"], [_r("chk.r7.inst.3.2", "vendor")])
	b := object.union(_contract("b", ["pacs"], [_r("chk.r7.inst.3.2", "vendor")]), {"spec": {"term": {"end_on": "2025-03-31"}}})
	count(rule.deny) == 0 with input as {"contracts": [a, b]} with data.sansho.as_of as "2026-11-25"
}
