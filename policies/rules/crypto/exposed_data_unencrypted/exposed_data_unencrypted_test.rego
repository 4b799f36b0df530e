package sansho.rules.crypto.exposed_data_unencrypted_test

import data.sansho.rules.crypto.exposed_data_unencrypted as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.message.en | some f in rule.deny} with input as data.sansho.fixtures.fail
	count(found) == 2
	contains(found["saas-plain"], "no encryption in transit or at rest")
	contains(found["portal"], "no encryption at rest")
}

test_closed_on_premise_systems_are_not_asked if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "hosting": "on_premise"}}
	count(rule.deny) == 0 with input as {"systems": [s]}
}
