package sansho.rules.org.no_security_officer_test

import data.sansho.rules.org.no_security_officer as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	names := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
	names == {"no-officer-clinic", "blank-officer-vendor"}
}

test_subcontractors_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "dc"}, "spec": {"type": "subcontractor"}}]}
}

test_finding_points_at_security_officer if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	f.path == "spec.security_officer"
}
