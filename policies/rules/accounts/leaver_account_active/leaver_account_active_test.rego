package sansho.rules.accounts.leaver_account_active_test

import data.sansho.rules.accounts.leaver_account_active as rule
import rego.v1

_sys(accts) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "in_use", "accounts": {"list": accts}}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied_at_the_account if {
	paths := {f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
	paths == {"spec.accounts.list[1]"}
}

test_leaving_today_counts if {
	count(rule.deny) == 1 with input as {"systems": [_sys([{"id": "a", "status": "active", "left_on": "2026-11-25"}])]} with data.sansho.as_of as "2026-11-25"
}

test_leaving_tomorrow_does_not_count_yet if {
	count(rule.deny) == 0 with input as {"systems": [_sys([{"id": "a", "status": "active", "left_on": "2026-11-26"}])]} with data.sansho.as_of as "2026-11-25"
}

test_disabled_leaver_passes if {
	count(rule.deny) == 0 with input as {"systems": [_sys([{"id": "a", "status": "disabled", "left_on": "2020-01-01"}])]}
}

test_one_finding_per_account if {
	accts := [{"id": "a", "status": "active", "left_on": "2020-01-01"}, {"id": "b", "status": "active", "left_on": "2021-01-01"}]
	count(rule.deny) == 2 with input as {"systems": [_sys(accts)]}
}
