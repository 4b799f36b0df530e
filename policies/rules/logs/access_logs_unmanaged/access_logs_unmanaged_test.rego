package sansho.rules.logs.access_logs_unmanaged_test

import data.sansho.rules.logs.access_logs_unmanaged as rule
import rego.v1

_good := {"enabled": true, "tamper_protected": true, "retention_days": 1825, "review": {"interval_days": 30, "last_reviewed_on": "2026-10-31"}}

_sys(logs) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "in_use", "access_logs": logs}}

_deny(logs) := d if {
	d := rule.deny with input as {"systems": [_sys(logs)]} with data.sansho.as_of as "2026-11-25"
}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	names := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
	names == {"logs-off", "logs-unprotected", "logs-stale", "logs-unknown"}
}

test_good_logs_pass if {
	count(_deny(_good)) == 0
}

test_review_exactly_at_interval_passes if {
	count(_deny(object.union(_good, {"review": {"last_reviewed_on": "2026-08-27"}}))) == 0
}

test_review_one_day_past_interval_fails if {
	some f in _deny(object.union(_good, {"review": {"last_reviewed_on": "2026-08-26"}}))
	f.path == "spec.access_logs.review.last_reviewed_on"
	contains(f.message.en, "within 90 days")
}

test_missing_review_points_at_review if {
	some f in _deny(object.remove(_good, ["review"]))
	f.path == "spec.access_logs.review"
}

test_short_retention_is_named if {
	some f in _deny(object.union(_good, {"retention_days": 30}))
	contains(f.message.en, "kept for 30 days")
}

test_retention_parameter_is_used if {
	count(rule.deny) == 0 with input as {"systems": [_sys(object.union(_good, {"retention_days": 30}))]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.access_log_min_retention_days as 30
}

test_planned_systems_are_not_asked if {
	s := object.union(_sys({"enabled": false}), {"spec": {"status": "planned"}})
	count(rule.deny) == 0 with input as {"systems": [s]}
}
