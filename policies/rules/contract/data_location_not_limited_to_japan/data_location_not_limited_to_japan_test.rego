package sansho.rules.contract.data_location_not_limited_to_japan_test

import data.sansho.rules.contract.data_location_not_limited_to_japan as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

_sys(name, hosting) := {"kind": "System", "metadata": {"name": name}, "spec": {"category": "ehr", "hosting": hosting, "status": "in_use"}}

_loc(l) := {"clauses": {"data_location": l}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["us-region-allowed", "spec.clauses.data_location.countries"],
		["no-location-clause", "spec.clauses.data_location"],
		["foreign-law", "spec.clauses.data_location.jurisdiction"],
	}
}

test_foreign_country_is_named_in_the_message if {
	some f in rule.deny with input as {"contracts": [_contract(_loc({"countries": ["JP", "SG"]}))]}
	contains(f.message.en, "countries outside Japan: SG")
	contains(f.message.ja, "SG")
}

test_empty_country_list_is_reported if {
	some f in rule.deny with input as {"contracts": [_contract(_loc({"jurisdiction": "日本法"}))]}
	f.path == "spec.clauses.data_location.countries"
}

test_japan_without_jurisdiction_passes if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_loc({"countries": ["JP"]}))]}
}

test_jurisdiction_in_english_passes if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_loc({"countries": ["JP"], "jurisdiction": "Laws of Japan"}))]}
}

test_missing_clause_without_systems_is_reported if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({})]}
}

test_missing_clause_for_a_hybrid_system_is_reported if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({"systems": ["x"]})], "systems": [_sys("x", "hybrid")]}
}

test_missing_clause_for_on_premise_only_passes if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"systems": ["x"]})], "systems": [_sys("x", "on_premise")]}
}

test_on_premise_contract_with_a_foreign_clause_is_reported if {
	count(rule.deny) == 1 with input as {"contracts": [_contract(object.union({"systems": ["x"]}, _loc({"countries": ["US"]})))], "systems": [_sys("x", "on_premise")]}
}

test_ended_contract_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})]} with data.sansho.as_of as "2026-11-25"
}

test_several_issues_point_at_the_clause if {
	some f in rule.deny with input as {"contracts": [_contract(_loc({"countries": ["US"], "jurisdiction": "US law"}))]}
	f.path == "spec.clauses.data_location"
}
