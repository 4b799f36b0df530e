package sansho.rules.iac.audit_log_unprotected_test

import data.sansho.rules.iac.audit_log_unprotected as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["aws_cloudtrail.main", "values.is_multi_region_trail", "error"],
		["aws_cloudtrail.main", "values.enable_log_file_validation", "error"],
		["aws_s3_bucket.trail", "", "error"],
		["aws_s3_bucket_acl.trail", "values.acl", "error"],
		["aws_s3_bucket_lifecycle_configuration.trail", "values.rule[0].expiration[0].days", "error"],
		["aws_cloudwatch_log_group.trail", "values.retention_in_days", "error"],
		["azurerm_log_analytics_workspace.audit", "values.retention_in_days", "error"],
		# app.json has AWS resources and no trail: a warning on its first resource.
		["aws_db_instance.records", "", "warning"],
		# No Activity Log export; data access logs without DATA_READ.
		["azurerm_log_analytics_workspace.audit", "", "warning"],
		["google_project_iam_audit_config.all", "", "warning"],
	}
}
