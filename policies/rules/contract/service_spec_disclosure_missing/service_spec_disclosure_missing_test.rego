package sansho.rules.contract.service_spec_disclosure_missing_test

import data.sansho.rules.contract.service_spec_disclosure_missing as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "v", "role": "vendor"}], "systems": ["x"]}, spec)}

_sys(hosting, status) := {"kind": "System", "metadata": {"name": "x"}, "spec": {"category": "ehr", "hosting": hosting, "status": status}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, f.message.en] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["cloud-service", "spec.disclosures", "Contract cloud-service covers the cloud service cloud-karte but lists no service specification conformity disclosure (type service_spec; vendor guideline 4.1)."]}
}

test_hybrid_counts_as_a_service if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({})], "systems": [_sys("hybrid", "in_use")]}
}

test_on_premise_is_not_asked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({})], "systems": [_sys("on_premise", "in_use")]}
}

test_retired_service_is_not_asked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({})], "systems": [_sys("saas", "retired")]}
}

test_unknown_system_is_not_asked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({})], "systems": []}
}

test_ended_contract_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})], "systems": [_sys("saas", "in_use")]} with data.sansho.as_of as "2026-11-25"
}
