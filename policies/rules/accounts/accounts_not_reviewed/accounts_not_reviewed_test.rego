package sansho.rules.accounts.accounts_not_reviewed_test

import data.sansho.rules.accounts.accounts_not_reviewed as rule
import rego.v1

_sys(accounts) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "accounts": accounts}}

_reviewed(list) := _sys({"review": {"last_reviewed_on": "2026-11-01"}, "list": list})

_deny(systems) := fs if {
	fs := rule.deny with input as {"systems": systems}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.account_review_max_days as 365
		with data.sansho.params.account_unused_max_days as 90
}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: [f.path, f.level, f.requirements] | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.account_review_max_days as 365
		with data.sansho.params.account_unused_max_days as 90
	found == {
		"never-reviewed": ["spec", "error", ["chk.r7.inst.2.5", "chk.r7.vend.2.5", "g6.sys.14.7"]],
		"stale-review": ["spec.accounts.review.last_reviewed_on", "error", ["chk.r7.inst.2.5", "chk.r7.vend.2.5", "g6.sys.14.7"]],
		"dormant-accounts": ["spec.accounts.list[1]", "warning", ["chk.r7.inst.2.5", "chk.r7.vend.2.5"]],
	}
}

test_review_boundary if {
	count(_deny([_sys({"review": {"last_reviewed_on": "2025-11-25"}})])) == 0
	count(_deny([_sys({"review": {"last_reviewed_on": "2025-11-24"}})])) == 1
}

test_a_shorter_interval_of_the_system_applies if {
	count(_deny([_sys({"review": {"interval_days": 30, "last_reviewed_on": "2026-10-26"}})])) == 0
	some f in _deny([_sys({"review": {"interval_days": 30, "last_reviewed_on": "2026-10-25"}})])
	contains(f.message.en, "31 days ago (at most 30)")
}

test_a_longer_interval_of_the_system_does_not_relax_the_parameter if {
	count(_deny([_sys({"review": {"interval_days": 730, "last_reviewed_on": "2025-06-01"}})])) == 1
}

test_missing_review_points_at_the_nearest_parent if {
	{f.path | some f in _deny([_sys({"list": []})])} == {"spec.accounts"}
	{f.path | some f in _deny([_sys({"review": {"interval_days": 90}})])} == {"spec.accounts.review"}
}

test_unused_boundary if {
	count(_deny([_reviewed([{"id": "a", "status": "active", "last_login_on": "2026-08-27"}])])) == 0
	count(_deny([_reviewed([{"id": "a", "status": "active", "last_login_on": "2026-08-26"}])])) == 1
}

test_several_unused_accounts_make_one_finding_at_the_list if {
	fs := _deny([_reviewed([
		{"id": "a", "status": "active", "last_login_on": "2025-01-01"},
		{"id": "b", "status": "active"},
		{"id": "c", "status": "active", "last_login_on": "2025-02-01"},
	])])
	count(fs) == 1
	some f in fs
	f.path == "spec.accounts.list"
	contains(f.message.en, "active accounts unused for more than 90 days: a, c")
}

test_leavers_service_and_inactive_accounts_are_not_unused if {
	count(_deny([_reviewed([
		{"id": "left", "status": "active", "left_on": "2026-11-25", "last_login_on": "2025-01-01"},
		{"id": "svc", "kind": "service", "status": "active", "last_login_on": "2025-01-01"},
		{"id": "off", "status": "disabled", "last_login_on": "2025-01-01"},
		{"id": "gone", "status": "deleted", "last_login_on": "2025-01-01"},
	])])) == 0
}

test_leaving_in_the_future_is_still_judged_unused if {
	count(_deny([_reviewed([{"id": "a", "status": "active", "left_on": "2026-12-31", "last_login_on": "2025-01-01"}])])) == 1
}

test_both_problems_in_one_error if {
	fs := _deny([_sys({"list": [{"id": "a", "status": "active", "last_login_on": "2025-01-01"}]})])
	count(fs) == 1
	some f in fs
	f.level == "error"
	f.path == "spec.accounts"
	contains(f.message.en, "no review (inventory) of the accounts is recorded; active accounts unused")
}

test_planned_retired_and_non_medical_are_not_asked if {
	planned := {"kind": "System", "metadata": {"name": "p"}, "spec": {"status": "planned"}}
	retired := {"kind": "System", "metadata": {"name": "r"}, "spec": {"status": "retired"}}
	other := {"kind": "System", "metadata": {"name": "n"}, "spec": {"status": "in_use", "handles_medical_information": false}}
	count(_deny([planned, retired, other])) == 0
}
