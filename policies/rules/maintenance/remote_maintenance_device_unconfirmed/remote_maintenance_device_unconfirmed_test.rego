package sansho.rules.maintenance.remote_maintenance_device_unconfirmed_test

import data.sansho.rules.maintenance.remote_maintenance_device_unconfirmed as rule
import rego.v1

_asset(spec) := {"kind": "Asset", "metadata": {"name": "dev"}, "spec": object.union({"type": "server", "owner": "x", "remote_maintenance": {"enabled": true, "path": "vpn"}}, spec)}

_sys(name, status, rm, extra) := {"kind": "System", "metadata": {"name": name}, "spec": object.union({"status": status, "remote_maintenance": rm}, extra)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.kind, f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["Asset", "lab-analyser-gw", "spec.remote_maintenance.enabled"],
		["Asset", "stray-gateway", "spec.remote_maintenance.enabled"],
		["Asset", "ct-console", "spec.remote_maintenance.path"],
	}
}

test_contradiction_names_the_systems if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	f.resource.name == "lab-analyser-gw"
	contains(f.message.en, "the systems it belongs to (lab) do not record remote maintenance as used")
	contains(f.message.ja, "所属するシステム(lab)")
}

test_membership_from_the_system_side_counts if {
	s := _sys("s", "in_use", {"used": true}, {"assets": ["dev"]})
	count(rule.deny) == 0 with input as {"systems": [s], "assets": [_asset({})]}
	d := _sys("d", "in_use", {"used": true, "devices": ["dev"]}, {})
	count(rule.deny) == 0 with input as {"systems": [d], "assets": [_asset({})]}
}

test_system_without_a_record_does_not_cover_the_device if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use"}}
	fs := rule.deny with input as {"systems": [s], "assets": [_asset({"systems": ["s"]})]}
	count(fs) == 1
}

test_one_covering_system_is_enough if {
	a := _sys("a", "in_use", {"used": false}, {})
	b := _sys("b", "in_use", {"used": true}, {})
	count(rule.deny) == 0 with input as {"systems": [a, b], "assets": [_asset({"systems": ["a", "b"]})]}
}

test_retired_system_does_not_cover if {
	r := _sys("r", "retired", {"used": true}, {})
	fs := rule.deny with input as {"systems": [r], "assets": [_asset({"systems": ["r"]})]}
	count(fs) == 1
}

test_unknown_system_name_does_not_cover if {
	fs := rule.deny with input as {"systems": [], "assets": [_asset({"systems": ["ghost"]})]}
	count(fs) == 1
	some f in fs
	contains(f.message.en, "(ghost)")
}

test_both_problems_in_one_finding_at_the_first if {
	fs := rule.deny with input as {"assets": [_asset({"remote_maintenance": {"enabled": true, "path": "internet"}})]}
	count(fs) == 1
	some f in fs
	f.path == "spec.remote_maintenance.enabled"
	contains(f.message.en, "it belongs to no system, so no confirmation with the vendor covers it; it is reached over the open internet")
}

test_disabled_unrecorded_and_spare_devices_are_not_asked if {
	off := object.union(_asset({}), {"metadata": {"name": "off"}, "spec": {"remote_maintenance": {"enabled": false, "path": "internet"}}})
	none := {"kind": "Asset", "metadata": {"name": "none"}, "spec": {"type": "terminal", "owner": "x"}}
	spare := object.union(_asset({"status": "spare"}), {"metadata": {"name": "spare"}})
	count(rule.deny) == 0 with input as {"assets": [off, none, spare]}
}
