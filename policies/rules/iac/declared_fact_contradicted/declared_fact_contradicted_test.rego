package sansho.rules.iac.declared_fact_contradicted_test

import data.sansho.rules.iac.declared_fact_contradicted as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_reports_each_contradiction_on_both_sides if {
	found := {[f.resource.kind, f.resource.name, f.path, f.requirements[0]] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["System", "karte", "spec.backups[0].immutable", "g6.sys.11.1.f"],
		["Configuration", "aws_backup_vault.main", "", "g6.sys.11.1.f"],
		["System", "karte", "spec.data_locations", "v2.6.1"],
		["Configuration", "aws_s3_bucket.dr", "region", "v2.6.1"],
		["System", "karte", "spec.encryption.at_rest", "g6.sys.13.b"],
		["Configuration", "aws_db_instance.records", "values.storage_encrypted", "g6.sys.13.b"],
	}
}

test_unlinked_configurations_are_not_compared if {
	items := [object.union(i, {"systems": []}) | some i in data.sansho.fixtures.fail.configurations.terraform]
	count(rule.deny) == 0 with input as {"systems": data.sansho.fixtures.fail.systems, "configurations": {"terraform": items}}
}

test_support_only_places_do_not_hide_a_contradiction if {
	sys := object.union(data.sansho.fixtures.fail.systems[0], {"spec": {"data_locations": [{"country": "JP", "purpose": "primary"}, {"country": "US", "purpose": "support"}]}})
	found := {f.path | some f in rule.deny; f.resource.kind == "System"} with input as object.union(data.sansho.fixtures.fail, {"systems": [sys]})
	"spec.data_locations" in found
}
