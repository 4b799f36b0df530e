package sansho.rules.iac.backup_not_immutable_test

import data.sansho.rules.iac.backup_not_immutable as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["aws_backup_vault.main", "", "error"],
		["aws_backup_vault_lock_configuration.archive", "values.min_retention_days", "error"],
		["aws_backup_vault_lock_configuration.archive", "values", "warning"],
		["aws_s3_bucket.backup", "values.object_lock_enabled", "error"],
		["aws_s3_bucket_object_lock_configuration.dumps", "values.rule[0].default_retention[0]", "error"],
		["aws_s3_bucket_object_lock_configuration.dumps", "values.rule[0].default_retention[0].mode", "warning"],
		["azurerm_recovery_services_vault.main", "values.immutability", "error"],
		["google_storage_bucket.backup", "values.retention_policy", "error"],
	}
}

test_retention_follows_the_parameter if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.pass with data.sansho.params.iac_backup_min_retention_days as 90
	found == {
		["aws_backup_vault_lock_configuration.main", "values.min_retention_days"],
		["aws_s3_bucket_object_lock_configuration.backup", "values.rule[0].default_retention[0]"],
		["google_storage_bucket.backup", "values.retention_policy"],
	}
}
