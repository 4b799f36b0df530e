package sansho.rules.media.usb_storage_unrestricted_test

import data.sansho.rules.media.usb_storage_unrestricted as rule
import rego.v1

_sys(media) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "in_use", "external_media": media}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.kind, f.resource.name] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["System", "usb-open"], ["System", "usb-unknown"], ["Asset", "pc-open"]}
}

test_allowlisted_and_blocked_pass if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"usb_storage": "blocked"}), _sys({"usb_storage": "allowlisted"})]}
}

test_allowed_points_at_the_field if {
	some f in rule.deny with input as {"systems": [_sys({"usb_storage": "allowed"})]}
	f.path == "spec.external_media.usb_storage"
}

test_network_devices_and_spares_are_not_asked if {
	router := {"kind": "Asset", "metadata": {"name": "r"}, "spec": {"type": "network_device", "owner": "x", "usb_storage": "allowed"}}
	spare := {"kind": "Asset", "metadata": {"name": "p"}, "spec": {"type": "terminal", "owner": "x", "usb_storage": "allowed", "status": "spare"}}
	count(rule.deny) == 0 with input as {"assets": [router, spare]}
}
