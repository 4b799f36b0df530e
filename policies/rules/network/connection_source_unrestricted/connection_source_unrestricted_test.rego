package sansho.rules.network.connection_source_unrestricted_test

import data.sansho.rules.network.connection_source_unrestricted as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.kind, f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["Asset", "open-switch", "spec.connection_restriction.enabled"],
		["Asset", "unrecorded-router", "spec"],
		["System", "open-net", "spec.network.source_restriction.enabled"],
	}
}

test_systems_without_network_placement_and_retired_are_not_asked if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use"}}
	r := {"kind": "System", "metadata": {"name": "r"}, "spec": {"status": "retired", "network": {"zone": "x"}}}
	count(rule.deny) == 0 with input as {"systems": [s, r]}
}

test_terminals_and_spare_devices_are_not_asked if {
	pc := {"kind": "Asset", "metadata": {"name": "pc"}, "spec": {"type": "terminal", "owner": "x"}}
	spare := {"kind": "Asset", "metadata": {"name": "sw"}, "spec": {"type": "network_device", "owner": "x", "status": "spare"}}
	count(rule.deny) == 0 with input as {"assets": [pc, spare]}
}
