package sansho.rules.patch.patches_not_applied_test

import data.sansho.rules.patch.patches_not_applied as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.patch_max_age_days as 90
	found == {
		"no-record": "spec.patching",
		"stale": "spec.patching.last_applied_on",
		"pending": "spec.patching.pending_security_updates",
		"eol": "spec.os.end_of_support_on",
		"modality": "spec.patching.last_applied_on",
	}
}

_asset(patching) := {"kind": "Asset", "metadata": {"name": "a"}, "spec": {"type": "server", "owner": "x", "patching": patching}}

test_boundary_age_is_allowed if {
	count(rule.deny) == 0 with input as {"assets": [_asset({"last_applied_on": "2026-08-27"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.patch_max_age_days as 90
	count(rule.deny) == 1 with input as {"assets": [_asset({"last_applied_on": "2026-08-26"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.patch_max_age_days as 90
}

test_exempt_device_is_a_warning if {
	some f in rule.deny with input as {"assets": [_asset({"last_applied_on": "2024-01-01", "exempt_reason": "薬機法の認証"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.patch_max_age_days as 90
	f.level == "warning"
}

test_spares_media_and_disposed_are_not_asked if {
	spare := {"kind": "Asset", "metadata": {"name": "s"}, "spec": {"type": "terminal", "owner": "x", "status": "spare"}}
	medium := {"kind": "Asset", "metadata": {"name": "m"}, "spec": {"type": "storage_medium", "owner": "x"}}
	count(rule.deny) == 0 with input as {"assets": [spare, medium]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.patch_max_age_days as 90
}

test_several_problems_make_one_finding if {
	a := object.union(_asset({"pending_security_updates": 2}), {"spec": {"os": {"end_of_support_on": "2025-10-14"}}})
	fs := rule.deny with input as {"assets": [a]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.patch_max_age_days as 90
	count(fs) == 1
	some f in fs
	contains(f.message.en, "no record")
	contains(f.message.en, "2 security updates pending")
	f.path == "spec.os.end_of_support_on"
}
