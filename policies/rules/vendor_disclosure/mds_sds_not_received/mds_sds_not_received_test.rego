package sansho.rules.vendor_disclosure.mds_sds_not_received_test

import data.sansho.rules.vendor_disclosure.mds_sds_not_received as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: [f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.disclosure_max_age_days as 1095
	found == {
		"no-disclosure": ["spec", "error"],
		"no-mds": ["spec.disclosure", "error"],
		"old-mds": ["spec.disclosure.mds_sds.received_on", "warning"],
	}
}

test_age_boundary if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "vendor": "v", "disclosure": {"mds_sds": {"received_on": "2023-11-26"}}}}
	count(rule.deny) == 0 with input as {"systems": [s]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.disclosure_max_age_days as 1095
}

test_in_house_and_retired_systems_are_not_asked if {
	a := {"kind": "System", "metadata": {"name": "a"}, "spec": {"status": "in_use"}}
	b := {"kind": "System", "metadata": {"name": "b"}, "spec": {"status": "retired", "vendor": "v"}}
	count(rule.deny) == 0 with input as {"systems": [a, b]}
}
