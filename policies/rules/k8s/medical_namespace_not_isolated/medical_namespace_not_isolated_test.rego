package sansho.rules.k8s.medical_namespace_not_isolated_test

import data.sansho.rules.k8s.medical_namespace_not_isolated as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {"Deployment/karte/karte-api", "StatefulSet/karte-db/karte-db"}
}

test_workloads_of_retired_systems_are_not_medical_workloads if {
	systems := [object.union(s, {"spec": {"status": "retired"}}) | some s in data.sansho.fixtures.fail.systems]
	count(rule.deny) == 0 with input as object.union(data.sansho.fixtures.fail, {"systems": systems})
}
