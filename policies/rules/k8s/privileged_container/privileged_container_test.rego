package sansho.rules.k8s.privileged_container_test

import data.sansho.rules.k8s.privileged_container as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied_at_the_container if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["Deployment/karte/karte-api", "pod.containers[0].securityContext.privileged"],
		["DaemonSet/ops/log-agent", "pod.hostNetwork"],
		["DaemonSet/ops/log-agent", "pod.initContainers[0].securityContext.capabilities.add"],
		["CronJob/karte/export", "pod.containers[0].securityContext.allowPrivilegeEscalation"],
	}
}
