package sansho.rules.contract.confidentiality_missing_test

import data.sansho.rules.contract.confidentiality_missing as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["silent", "spec.clauses.confidentiality"], ["excluded", "spec.clauses.confidentiality"]}
}

test_false_is_quoted if {
	some f in rule.deny with input as {"contracts": [_contract({"clauses": {"confidentiality": false}})]}
	contains(f.message.en, "confidentiality: false")
}

test_contract_ending_today_is_checked if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-25"}})]} with data.sansho.as_of as "2026-11-25"
}

test_ended_contract_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})]} with data.sansho.as_of as "2026-11-25"
}

test_contract_without_vendor_is_not_checked if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c]}
}

test_contract_for_non_medical_systems_only_is_not_checked if {
	pos := {"kind": "System", "metadata": {"name": "pos"}, "spec": {"category": "other", "hosting": "saas", "status": "in_use", "handles_medical_information": false}}
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}], "systems": ["pos"], "disclosures": [{"type": "sds", "version": "1.0", "issued_on": "2001-01-01"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c], "systems": [pos]}
	count(rule.deny) == 1 with input as {"contracts": [c], "systems": [object.union(pos, {"spec": {"handles_medical_information": true}})]}
}
