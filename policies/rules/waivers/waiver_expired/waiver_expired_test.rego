package sansho.rules.waivers.waiver_expired_test

import data.sansho.rules.waivers.waiver_expired as rule
import rego.v1

_w(expires) := {"kind": "Waiver", "metadata": {"name": "w"}, "spec": {"rule": "SNS-AUTH-002", "selector": {}, "reason": "0123456789", "approver": "a", "expires": expires}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	f.resource == {"kind": "Waiver", "name": "usb-until-replacement"}
	f.path == "spec.expires"
	contains(f.message.en, "25 days ago")
}

test_expiry_day_is_still_valid if {
	count(rule.deny) == 0 with input as {"waivers": [_w("2026-11-25")]} with data.sansho.as_of as "2026-11-25"
}

test_day_after_expiry_is_expired if {
	count(rule.deny) == 1 with input as {"waivers": [_w("2026-11-24")]} with data.sansho.as_of as "2026-11-25"
}
