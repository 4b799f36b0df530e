package sansho.rules.governance.training_not_held_test

import data.sansho.rules.governance.training_not_held as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.training_max_age_days as 365
	found == {"none", "old"}
}

test_an_attestation_counts if {
	o := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}}
	a := {"kind": "Attestation", "metadata": {"name": "a"}, "spec": {"requirement": "g6.mgmt.11.6", "attested_on": "2026-06-01"}}
	count(rule.deny) == 0 with input as {"organizations": [o], "attestations": [a]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.training_max_age_days as 365
		with data.sansho.params.attestation_max_age_days as 365
}

test_vendors_and_counterparties_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}
	c := {"kind": "Organization", "metadata": {"name": "c"}, "spec": {"type": "clinic", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v, c]}
}
