package sansho.rules.contract.audit_rights_missing_test

import data.sansho.rules.contract.audit_rights_missing as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["silent", "spec.clauses.audit_rights"], ["excluded", "spec.clauses.audit_rights"]}
}

test_false_is_quoted if {
	some f in rule.deny with input as {"contracts": [_contract({"clauses": {"audit_rights": false}})]}
	contains(f.message.en, "audit_rights: false")
}

test_no_clauses_at_all_is_reported if {
	some f in rule.deny with input as {"contracts": [_contract({})]}
	contains(f.message.en, "is not stated")
}

test_ended_contract_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})]} with data.sansho.as_of as "2026-11-25"
}

test_non_medical_contract_is_not_checked if {
	s := {"kind": "System", "metadata": {"name": "pos"}, "spec": {"category": "other", "hosting": "on_premise", "status": "in_use", "handles_medical_information": false}}
	count(rule.deny) == 0 with input as {"contracts": [_contract({"systems": ["pos"]})], "systems": [s]}
}
