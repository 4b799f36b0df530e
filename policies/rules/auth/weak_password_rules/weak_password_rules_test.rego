package sansho.rules.auth.weak_password_rules_test

import data.sansho.rules.auth.weak_password_rules as rule
import rego.v1

_sys(pw, tf) := {"kind": "System", "metadata": {"name": "s"}, "spec": {
	"category": "ehr", "hosting": "on_premise", "status": "in_use",
	"authentication": {"password": pw, "two_factor": tf},
}}

_denied(s) := d if {
	d := rule.deny with input as {"systems": [s]}
}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	names := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
	names == {"short-password", "no-password-rules", "no-rotation"}
}

test_boundary_eight_characters_mixed_with_rotation_passes if {
	count(_denied(_sys({"min_length": 8, "character_classes": ["upper", "lower", "digits", "symbols"], "rotation_days": 90}, {"enabled": false}))) == 0
}

test_seven_characters_fails_at_min_length if {
	some f in _denied(_sys({"min_length": 7, "character_classes": ["letters", "digits", "symbols"], "rotation_days": 90}, {"enabled": false}))
	f.path == "spec.authentication.password.min_length"
	contains(f.message.en, "minimum length is 7")
}

test_missing_symbols_is_named if {
	some f in _denied(_sys({"min_length": 10, "character_classes": ["letters", "digits"], "rotation_days": 90}, {"enabled": false}))
	contains(f.message.en, "symbols")
	contains(f.message.ja, "symbols")
}

test_no_rotation_ok_with_two_factor if {
	count(_denied(_sys({"min_length": 8, "character_classes": ["letters", "digits", "symbols"], "rotation_days": null}, {"enabled": true, "scope": "all_users"}))) == 0
}

test_no_rotation_ok_with_thirteen_characters if {
	count(_denied(_sys({"min_length": 13, "character_classes": ["letters", "digits", "symbols"]}, {"enabled": false}))) == 0
}

test_no_rotation_twelve_characters_without_two_factor_fails if {
	some f in _denied(_sys({"min_length": 12, "character_classes": ["letters", "digits", "symbols"]}, {"enabled": false}))
	f.path == "spec.authentication.password.rotation_days"
}

test_two_factor_scope_none_does_not_count if {
	count(_denied(_sys({"min_length": 8, "character_classes": ["letters", "digits", "symbols"]}, {"enabled": true, "scope": "none"}))) == 1
}

test_parameter_raises_the_minimum if {
	count(rule.deny) == 1 with input as {"systems": [_sys({"min_length": 10, "character_classes": ["letters", "digits", "symbols"], "rotation_days": 90}, {"enabled": false})]}
		with data.sansho.params.password_min_length as 12
}

test_retired_and_non_medical_systems_are_skipped if {
	retired := object.union(_sys({"min_length": 4}, {"enabled": false}), {"spec": {"status": "retired"}})
	other := object.union(_sys({"min_length": 4}, {"enabled": false}), {"spec": {"handles_medical_information": false}})
	count(rule.deny) == 0 with input as {"systems": [retired, other]}
}

test_one_finding_per_system if {
	count(_denied(_sys({"min_length": 4, "character_classes": []}, {"enabled": false}))) == 1
}
