package sansho.rules.iac.storage_unencrypted_test

import data.sansho.rules.iac.storage_unencrypted as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied_at_the_attribute if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["aws_db_instance.records", "values.storage_encrypted"],
		["aws_efs_file_system.shared", "values.encrypted"],
		["azurerm_mssql_database.karte", "values.transparent_data_encryption_enabled"],
	}
}

test_findings_name_the_file if {
	files := {[f.resource.kind, f.resource.file] | some f in rule.deny} with input as data.sansho.fixtures.fail
	files == {["Configuration", "policies/rules/iac/storage_unencrypted/fixtures/fail/plan.json"]}
}
