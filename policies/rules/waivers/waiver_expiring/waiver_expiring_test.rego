package sansho.rules.waivers.waiver_expiring_test

import data.sansho.rules.waivers.waiver_expiring as rule
import rego.v1

_w(expires) := {"kind": "Waiver", "metadata": {"name": "w"}, "spec": {"rule": "SNS-AUTH-002", "selector": {}, "reason": "0123456789", "approver": "a", "expires": expires}}

_deny(expires) := d if {
	d := rule.deny with input as {"waivers": [_w(expires)]} with data.sansho.as_of as "2026-11-25"
}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	contains(f.message.en, "15 days left")
}

test_window_boundaries if {
	count(_deny("2026-12-25")) == 1
	count(_deny("2026-12-26")) == 0
	count(_deny("2026-11-25")) == 1
	count(_deny("2026-11-24")) == 0
}

test_window_is_a_parameter if {
	count(rule.deny) == 0 with input as {"waivers": [_w("2026-12-10")]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.waiver_expiry_warning_days as 7
}
