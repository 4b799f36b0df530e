package sansho.rules.backup.backup_not_resilient_test

import data.sansho.rules.backup.backup_not_resilient as rule
import rego.v1

_good := {"name": "nightly", "scope": "both", "method": "tape", "generations": 7, "offline": true, "last_restore_test_on": "2026-06-01"}

_deny(bs) := d if {
	d := rule.deny with input as {"systems": [{"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "in_use", "backups": bs}}]}
		with data.sansho.as_of as "2026-11-25"
}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	names := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
	names == {"no-backup", "online-only", "never-restored"}
}

test_good_backup_passes if {
	count(_deny([_good])) == 0
}

test_immutable_copy_counts_as_isolated if {
	count(_deny([object.union(object.remove(_good, ["offline"]), {"immutable": true})])) == 0
}

test_isolation_may_come_from_a_second_backup if {
	online := object.union(_good, {"offline": false})
	vault := {"name": "vault", "generations": 1, "immutable": true}
	count(_deny([online, vault])) == 0
}

test_no_isolated_copy_fails if {
	some f in _deny([object.union(_good, {"offline": false})])
	contains(f.message.en, "no offline or immutable copy")
}

test_generations_boundary if {
	count(_deny([object.union(_good, {"generations": 3})])) == 0
	some f in _deny([object.union(_good, {"generations": 2})])
	contains(f.message.en, "2 generations kept (at least 3 required)")
}

test_restore_test_boundary if {
	count(_deny([object.union(_good, {"last_restore_test_on": "2025-11-25"})])) == 0
	some f in _deny([object.union(_good, {"last_restore_test_on": "2025-11-24"})])
	contains(f.message.en, "restore test more than 365 days ago")
}

test_empty_backups_is_no_backup if {
	some f in _deny([])
	f.path == "spec"
	contains(f.message.en, "no backup recorded")
}
