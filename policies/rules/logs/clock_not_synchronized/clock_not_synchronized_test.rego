package sansho.rules.logs.clock_not_synchronized_test

import data.sansho.rules.logs.clock_not_synchronized as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {"unsynced": "spec.access_logs.time_synchronized", "unrecorded": "spec.access_logs"}
}

test_systems_without_logs_are_left_to_the_log_rule if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "access_logs": {"enabled": false}}}
	count(rule.deny) == 0 with input as {"systems": [s]}
}
