package sansho.rules.contract.exit_terms_missing_test

import data.sansho.rules.contract.exit_terms_missing as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

_full := {"data_return": true, "format": "SS-MIX2", "within_days": 60, "erasure_certificate": true}

_exit(x) := {"clauses": {"exit": x}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["no-exit", "spec.clauses.exit"],
		["no-certificate", "spec.clauses.exit.erasure_certificate"],
		["return-only", "spec.clauses.exit"],
	}
}

test_full_clause_passes if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_exit(_full))]}
}

test_no_data_return_is_reported if {
	some f in rule.deny with input as {"contracts": [_contract(_exit(object.union(_full, {"data_return": false})))]}
	f.path == "spec.clauses.exit.data_return"
}

test_zero_days_is_a_stated_deadline if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_exit(object.union(_full, {"within_days": 0})))]}
}

test_missing_deadline_is_reported if {
	some f in rule.deny with input as {"contracts": [_contract(_exit(object.remove(_full, ["within_days"])))]}
	f.path == "spec.clauses.exit.within_days"
	contains(f.message.en, "within_days")
}

test_missing_parts_are_listed_in_one_finding if {
	findings := rule.deny with input as {"contracts": [_contract(_exit({"data_return": true}))]}
	count(findings) == 1
	some f in findings
	contains(f.message.en, "format")
	contains(f.message.en, "within_days")
	contains(f.message.en, "erasure_certificate")
}

test_contract_ending_today_is_checked if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-25"}})]} with data.sansho.as_of as "2026-11-25"
}

test_institution_only_contract_is_not_checked if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c]}
}
