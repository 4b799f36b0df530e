package sansho.rules.auth.password_reuse_allowed_test

import data.sansho.rules.auth.password_reuse_allowed as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		"reuse-allowed": "spec.authentication.password.reuse_prohibited",
		"defaults-kept": "spec.authentication.password",
		"not-recorded": "spec.authentication",
	}
}

_sys(pw) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "authentication": {"password": pw}}}

test_both_reasons_in_one_finding if {
	fs := rule.deny with input as {"systems": [_sys({"reuse_prohibited": false, "default_changed": false})]}
	count(fs) == 1
	some f in fs
	contains(f.message.en, "reuse is not prohibited; default passwords were not changed")
}

test_unrecorded_default_change_is_not_a_finding if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"reuse_prohibited": true})]}
}

test_retired_and_non_medical_systems_are_not_asked if {
	r := {"kind": "System", "metadata": {"name": "r"}, "spec": {"status": "retired"}}
	n := {"kind": "System", "metadata": {"name": "n"}, "spec": {"status": "in_use", "handles_medical_information": false}}
	count(rule.deny) == 0 with input as {"systems": [r, n]}
}
