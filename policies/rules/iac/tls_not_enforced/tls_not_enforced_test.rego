package sansho.rules.iac.tls_not_enforced_test

import data.sansho.rules.iac.tls_not_enforced as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["aws_s3_bucket.records", ""],
		["aws_s3_bucket.images", ""],
		["aws_lb_listener.http", "values.protocol"],
		["aws_elasticache_replication_group.sessions", "values.transit_encryption_enabled"],
		["azurerm_storage_account.docs", "values.https_traffic_only_enabled"],
		["azurerm_storage_account.docs", "values.min_tls_version"],
		["google_sql_database_instance.main", "values.settings[0].ip_configuration[0]"],
	}
}

test_a_policy_unknown_until_apply_is_not_judged if {
	fixture := data.sansho.fixtures.pass
	items := [_without_policy(r) | some r in fixture.configurations.terraform]
	count(rule.deny) == 0 with input as {"configurations": {"terraform": items}}
}

_without_policy(r) := object.union(object.remove(r, ["values"]), {"values": object.remove(r.values, ["policy"])}) if r.type == "aws_s3_bucket_policy"

_without_policy(r) := r if r.type != "aws_s3_bucket_policy"
