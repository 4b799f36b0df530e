package sansho.rules.services.unneeded_services_running_test

import data.sansho.rules.services.unneeded_services_running as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.services_review_max_days as 365
	found == {"unrecorded": "spec", "still-running": "spec.services", "stale": "spec.services"}
}

test_review_boundary if {
	a := {"kind": "Asset", "metadata": {"name": "a"}, "spec": {"type": "server", "owner": "x", "services": {"unneeded_disabled": true, "reviewed_on": "2025-11-25"}}}
	count(rule.deny) == 0 with input as {"assets": [a]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.services_review_max_days as 365
}

test_network_devices_and_spares_are_not_asked if {
	a := {"kind": "Asset", "metadata": {"name": "a"}, "spec": {"type": "network_device", "owner": "x"}}
	b := {"kind": "Asset", "metadata": {"name": "b"}, "spec": {"type": "server", "owner": "x", "status": "spare"}}
	count(rule.deny) == 0 with input as {"assets": [a, b]}
}
