package sansho.rules.access.screen_lock_missing_test

import data.sansho.rules.access.screen_lock_missing as rule
import rego.v1

_pc(sl) := {"kind": "Asset", "metadata": {"name": "pc"}, "spec": {"type": "terminal", "owner": "x", "screen_lock": sl}}

_deny(assets) := fs if {
	fs := rule.deny with input as {"assets": assets}
		with data.sansho.params.screen_lock_max_idle_minutes as 10
}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
		with data.sansho.params.screen_lock_max_idle_minutes as 10
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.params.screen_lock_max_idle_minutes as 10
	found == {
		"unrecorded-pc": "spec",
		"nurse-station-pc": "spec.screen_lock.enabled",
		"slow-lock-pc": "spec.screen_lock.idle_minutes",
	}
}

test_idle_boundary if {
	count(_deny([_pc({"enabled": true, "idle_minutes": 10})])) == 0
	some f in _deny([_pc({"enabled": true, "idle_minutes": 11})])
	contains(f.message.en, "it locks only after 11 idle minutes (at most 10)")
}

test_missing_values_point_at_the_record if {
	{f.path | some f in _deny([_pc({"idle_minutes": 5})])} == {"spec.screen_lock"}
	{f.path | some f in _deny([_pc({"enabled": true})])} == {"spec.screen_lock"}
}

test_disabled_lock_with_short_idle_is_still_a_finding if {
	count(_deny([_pc({"enabled": false, "idle_minutes": 1})])) == 1
}

test_only_terminals_in_use_are_asked if {
	srv := {"kind": "Asset", "metadata": {"name": "srv"}, "spec": {"type": "server", "owner": "x"}}
	gone := {"kind": "Asset", "metadata": {"name": "gone"}, "spec": {"type": "terminal", "owner": "x", "status": "disposed"}}
	count(_deny([srv, gone])) == 0
}
