package sansho.rules.vendor.bcp_missing_test

import data.sansho.rules.vendor.bcp_missing as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["no-continuity", "spec.continuity.bcp.exists"], ["bcp-absent", "spec.continuity.bcp.exists"]}
}

test_absent_is_quoted if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "continuity": {"bcp": {"exists": false}}}}
	some f in rule.deny with input as {"organizations": [v]}
	contains(f.message.en, "exists: false")
}

test_bcp_without_exists_is_reported if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "continuity": {"bcp": {"reference": "x"}}}}
	count(rule.deny) == 1 with input as {"organizations": [v]}
}

test_institutions_are_left_to_the_institution_rules if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}}]}
}

test_counterparty_vendors_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v]}
}
