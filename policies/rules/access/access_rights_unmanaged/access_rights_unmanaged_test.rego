package sansho.rules.access.access_rights_unmanaged_test

import data.sansho.rules.access.access_rights_unmanaged as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.access_review_max_days as 365
	found == {"no-roles": "spec", "stale": "spec.access_control", "hidden-admin": "spec.accounts.list"}
}

test_hidden_admin_is_named if {
	some f in rule.deny with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.access_review_max_days as 365
	f.resource.name == "hidden-admin"
	contains(f.message.en, "not listed as administrators: root")
}

test_disabled_admin_accounts_do_not_count if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "access_control": {"role_based": true, "reviewed_on": "2026-10-01"}, "accounts": {"list": [{"id": "old", "administrator": true, "status": "disabled"}]}}}
	count(rule.deny) == 0 with input as {"systems": [s]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.access_review_max_days as 365
}
