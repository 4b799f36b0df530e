package sansho.rules.vendor.security_contact_missing_test

import data.sansho.rules.vendor.security_contact_missing as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["no-profile", "spec.vendor_profile.security_contact"], ["blank-contact", "spec.vendor_profile.security_contact"]}
}

test_subcontractors_and_institutions_are_not_asked if {
	orgs := [
		{"kind": "Organization", "metadata": {"name": "dc"}, "spec": {"type": "subcontractor"}},
		{"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}},
	]
	count(rule.deny) == 0 with input as {"organizations": orgs}
}

test_profile_without_contact_is_reported if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "vendor_profile": {"services": ["保守"]}}}
	count(rule.deny) == 1 with input as {"organizations": [v]}
}
