package sansho.rules.waivers.waiver_unused_test

import data.sansho.rules.waivers.waiver_unused as rule
import rego.v1

_w(name, expires) := {"kind": "Waiver", "metadata": {"name": name}, "spec": {"rule": "SNS-AUTH-002", "selector": {}, "reason": "0123456789", "approver": "a", "expires": expires}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass with data.sansho.waiver_matches as {"usb-until-replacement": 1}
}

test_unmatched_waiver_is_reported if {
	names := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.waiver_matches as {"usb-until-replacement": 1, "stale-2fa": 0}
	names == {"stale-2fa"}
}

test_missing_count_means_unused if {
	count(rule.deny) == 1 with input as {"waivers": [_w("w", "2027-01-01")]} with data.sansho.waiver_matches as {}
}

test_expired_unmatched_waiver_is_left_to_the_expiry_rule if {
	count(rule.deny) == 0 with input as {"waivers": [_w("w", "2026-01-01")]} with data.sansho.waiver_matches as {"w": 0}
}
