package sansho.rules.iac.console_mfa_missing_test

import data.sansho.rules.iac.console_mfa_missing as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_a_warning_before_the_deadline if {
	found := {[f.resource.name, f.path, f.level] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["aws_cognito_user_pool.clinics", "values.mfa_configuration", "warning"],
		["aws_cognito_user_pool.patients", "values.mfa_configuration", "warning"],
		["aws_iam_user_login_profile.ops", "", "warning"],
		["azuread_conditional_access_policy.mfa", "values.state", "warning"],
	}
}

test_after_the_deadline_mfa_off_is_an_error if {
	found := {[f.resource.name, f.level] | some f in rule.deny} with input as data.sansho.fixtures.fail with data.sansho.as_of as "2028-04-01"
	["aws_cognito_user_pool.clinics", "error"] in found
	["aws_cognito_user_pool.patients", "warning"] in found
}
