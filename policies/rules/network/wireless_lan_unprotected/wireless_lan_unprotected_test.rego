package sansho.rules.network.wireless_lan_unprotected_test

import data.sansho.rules.network.wireless_lan_unprotected as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.message.en | some f in rule.deny} with input as data.sansho.fixtures.fail
	count(found) == 2
	contains(found["wpa2-psk"], "encryption is wpa2_personal; ANY connections are not refused")
	contains(found["open-ap"], "encryption is none; ANY connections are not refused; any terminal may join")
}

test_unused_wireless_is_not_asked if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "network": {"wireless": {"used": false}}}}
	count(rule.deny) == 0 with input as {"systems": [s]}
}
