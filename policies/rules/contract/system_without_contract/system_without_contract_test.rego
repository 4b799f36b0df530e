package sansho.rules.contract.system_without_contract_test

import data.sansho.rules.contract.system_without_contract as rule
import rego.v1

_sys(extra) := {"kind": "System", "metadata": {"name": "s"}, "spec": object.union({"category": "ehr", "hosting": "on_premise", "status": "in_use", "vendor": "v"}, extra)}

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "v", "role": "vendor"}]}, spec)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["lab", "spec.vendor"], ["receipt", "spec.contracts"]}
}

test_contract_listing_the_system_covers_it if {
	count(rule.deny) == 0 with input as {"systems": [_sys({})], "contracts": [_contract({"systems": ["s"]})]}
}

test_contract_for_other_systems_does_not_cover_it if {
	count(rule.deny) == 1 with input as {"systems": [_sys({})], "contracts": [_contract({"systems": ["other"]})]}
}

test_system_naming_an_existing_contract_is_covered if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"contracts": ["c"]})], "contracts": [_contract({})]}
}

test_missing_contract_is_named if {
	some f in rule.deny with input as {"systems": [_sys({"contracts": ["gone"]})], "contracts": []}
	contains(f.message.en, "names contract gone")
}

test_retired_system_is_not_asked if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"status": "retired"})]}
}

test_non_medical_system_is_not_asked if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"handles_medical_information": false})]}
}
