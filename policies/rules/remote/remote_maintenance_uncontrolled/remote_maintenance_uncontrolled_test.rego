package sansho.rules.remote.remote_maintenance_uncontrolled_test

import data.sansho.rules.remote.remote_maintenance_uncontrolled as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {"unconfirmed": "spec", "over-internet": "spec.remote_maintenance.path", "unlogged": "spec.remote_maintenance"}
}

_sys(rm) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "vendor": "v", "remote_maintenance": rm}}

test_an_attestation_counts_as_confirmation if {
	att := {"kind": "Attestation", "metadata": {"name": "a"}, "spec": {"requirement": "chk.r7.inst.2.2", "attested_on": "2026-04-01"}}
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "vendor": "v"}}
	count(rule.deny) == 0 with input as {"systems": [s], "attestations": [att]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
}

test_not_used_needs_only_confirmation if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"used": false, "confirmed_with_vendor_on": "2026-04-01"})]}
}

test_all_control_gaps_in_one_finding if {
	fs := rule.deny with input as {"systems": [_sys({"used": true, "confirmed_with_vendor_on": "2026-04-01", "path": "vpn"})]}
	count(fs) == 1
	some f in fs
	contains(f.message.en, "no dedicated maintenance accounts; sessions are not logged; logs are not reconciled with the work plan")
}

test_systems_without_a_vendor_need_no_confirmation if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use"}}
	count(rule.deny) == 0 with input as {"systems": [s]}
}
