package sansho.rules.iac.region_outside_japan_test

import data.sansho.rules.iac.region_outside_japan as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["aws_s3_bucket.dr", "region"],
		["aws_backup_plan.daily", "values.rule[0].copy_action[0].destination_vault_arn"],
		["aws_dynamodb_table.sessions", "values.replica[1].region_name"],
		["azurerm_storage_account.docs", "region"],
		["google_storage_bucket.images", "region"],
	}
}

test_global_services_are_not_reported if {
	role := {"format": "terraform", "mode": "managed", "type": "aws_iam_role", "address": "aws_iam_role.x", "region": "us-east-1", "file": "p.json", "values": {}}
	count(rule.deny) == 0 with input as {"configurations": {"terraform": [role]}}
}
