package sansho.rules.k8s.image_not_pinned_test

import data.sansho.rules.k8s.image_not_pinned as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["StatefulSet/karte/karte-db", "pod.initContainers[0].image"],
		["StatefulSet/karte/karte-db", "pod.containers[0].image"],
		["Pod/debug", "pod.containers[0].image"],
	}
}
