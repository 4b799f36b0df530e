package sansho.rules.accounts.shared_accounts_in_use_test

import data.sansho.rules.accounts.shared_accounts_in_use as rule
import rego.v1

_sys(accounts) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "accounts": accounts}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {"reception": "spec.accounts.list[1]", "pacs-viewer": "spec.accounts.shared_accounts"}
}

test_several_shared_accounts_make_one_finding_at_the_list if {
	fs := rule.deny with input as {"systems": [_sys({"shared_accounts": true, "list": [
		{"id": "a", "kind": "shared", "status": "active"},
		{"id": "b", "kind": "shared", "status": "active"},
	]})]}
	count(fs) == 1
	some f in fs
	f.path == "spec.accounts.list"
	contains(f.message.en, "keeps active shared accounts (a, b)")
}

test_the_list_outweighs_a_false_flag if {
	count(rule.deny) == 1 with input as {"systems": [_sys({"shared_accounts": false, "list": [{"id": "a", "kind": "shared", "status": "active"}]})]}
}

test_nothing_recorded_is_not_a_finding if {
	count(rule.deny) == 0 with input as {"systems": [_sys({}), {"kind": "System", "metadata": {"name": "t"}, "spec": {"status": "in_use"}}]}
}

test_retired_and_non_medical_systems_are_not_asked if {
	r := {"kind": "System", "metadata": {"name": "r"}, "spec": {"status": "retired", "accounts": {"shared_accounts": true}}}
	n := {"kind": "System", "metadata": {"name": "n"}, "spec": {"status": "in_use", "handles_medical_information": false, "accounts": {"shared_accounts": true}}}
	count(rule.deny) == 0 with input as {"systems": [r, n]}
}
