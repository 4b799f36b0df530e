package sansho.rules.auth.two_factor_missing_test

import data.sansho.rules.auth.two_factor_missing as rule
import rego.v1

_sys(extra) := object.union({"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "in_use"}}, {"spec": extra})

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	names := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
	names == {"no-2fa", "admins-only", "disabled-2fa"}
}

test_before_deadline_is_a_warning_with_days_left if {
	some f in rule.deny with input as {"systems": [_sys({})]} with data.sansho.as_of as "2026-11-25"
	f.level == "warning"
	contains(f.message.en, "492 days from now")
	contains(f.message.ja, "残り 492 日")
}

test_on_the_deadline_day_still_a_warning if {
	some f in rule.deny with input as {"systems": [_sys({})]} with data.sansho.as_of as "2028-03-31"
	f.level == "warning"
	contains(f.message.en, "0 days from now")
}

test_after_deadline_is_an_error if {
	some f in rule.deny with input as {"systems": [_sys({})]} with data.sansho.as_of as "2028-04-01"
	not f.level
	contains(f.message.en, "passed 1 days ago")
}

test_retired_before_fy2027_is_not_asked if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"retire_on": "2027-03-31"})]}
}

test_retiring_during_fy2027_is_asked if {
	count(rule.deny) == 1 with input as {"systems": [_sys({"retire_on": "2027-04-01"})]}
}

test_missing_two_factor_points_at_authentication if {
	some f in rule.deny with input as {"systems": [_sys({})]}
	f.path == "spec.authentication"
}

test_all_users_two_factor_passes if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"authentication": {"two_factor": {"enabled": true, "scope": "all_users", "methods": ["totp"]}}})]}
}
