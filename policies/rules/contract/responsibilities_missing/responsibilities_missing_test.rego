package sansho.rules.contract.responsibilities_missing_test

import data.sansho.rules.contract.responsibilities_missing as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["pacs-maintenance", "spec.responsibilities"], ["empty-split", "spec.responsibilities"]}
}

test_one_entry_is_enough if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"responsibilities": [{"requirement": "chk.r7.inst.3.2", "owner": "institution"}]})]}
}

test_contract_ending_today_is_checked if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-25"}})]} with data.sansho.as_of as "2026-11-25"
}

test_contract_ended_yesterday_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})]} with data.sansho.as_of as "2026-11-25"
}

test_contract_without_vendor_party_is_not_checked if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "dc", "role": "subcontractor"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c]}
}

test_contract_for_non_medical_systems_only_is_not_checked if {
	pos := {"kind": "System", "metadata": {"name": "pos"}, "spec": {"category": "other", "hosting": "saas", "status": "in_use", "handles_medical_information": false}}
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}], "systems": ["pos"], "disclosures": [{"type": "sds", "version": "1.0", "issued_on": "2001-01-01"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c], "systems": [pos]}
	count(rule.deny) == 1 with input as {"contracts": [c], "systems": [object.union(pos, {"spec": {"handles_medical_information": true}})]}
}
