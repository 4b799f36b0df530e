package sansho.rules.disclosure.mds_sds_format_outdated_test

import data.sansho.rules.disclosure.mds_sds_format_outdated as rule
import rego.v1

_sys(d) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "vendor": "v", "disclosure": {"mds_sds": d}}}

_findings(v) := fs if {
	fs := rule.deny with input as {"systems": [_sys({"received_on": "2026-01-01", "format_version": v})]}
		with data.sansho.params.mds_sds_min_format_version as "5.0"
}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.params.mds_sds_min_format_version as "5.0"
	found == {
		"old-format": "spec.disclosure.mds_sds.format_version",
		"no-version": "spec.disclosure.mds_sds",
		"unreadable-version": "spec.disclosure.mds_sds.format_version",
	}
}

test_versions_compare_numerically if {
	count(_findings("5.0")) == 0
	count(_findings("5")) == 0
	count(_findings("5.0版")) == 0
	count(_findings("Ver.5.1")) == 0
	count(_findings("10.0")) == 0
	count(_findings("4.1")) == 1
	count(_findings("4.10")) == 1
	count(_findings("Ver.4.9.9")) == 1
}

test_the_minimum_is_a_parameter if {
	count(rule.deny) == 1 with input as {"systems": [_sys({"received_on": "2026-01-01", "format_version": "5.0"})]}
		with data.sansho.params.mds_sds_min_format_version as "5.1"
}

test_message_names_the_versions if {
	some f in _findings("Ver.4.1")
	contains(f.message.en, "it uses format version Ver.4.1 (5.0 or later required)")
}

test_unreceived_retired_and_non_medical_are_left_alone if {
	unreceived := _sys({"format_version": "3.0"})
	retired := object.union(_sys({"received_on": "2020-01-01", "format_version": "3.0"}), {"metadata": {"name": "r"}, "spec": {"status": "retired"}})
	other := object.union(_sys({"received_on": "2020-01-01", "format_version": "3.0"}), {"metadata": {"name": "n"}, "spec": {"handles_medical_information": false}})
	count(rule.deny) == 0 with input as {"systems": [unreceived, retired, other]}
}
