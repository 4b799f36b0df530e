package sansho.rules.governance.duties_not_attested_test

import data.sansho.rules.governance.duties_not_attested as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	fs := rule.deny with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
	{f.resource.name | some f in fs} == {"partly"}
	some f in fs
	count(f.requirements) == count({r | some r, ps in rule._asked; "institution" in ps}) - 2
	not "g6.gov.1.2.2" in f.requirements
	"g6.sys.12.a" in f.requirements
}

test_vendors_are_asked_only_vendor_duties if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}
	some f in rule.deny with input as {"organizations": [v]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
	every r in f.requirements {
		"vendor" in rule._asked[r]
	}
}

test_expired_attestations_do_not_count if {
	o := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}}
	a := {"kind": "Attestation", "metadata": {"name": "a"}, "spec": {"requirements": [r | some r, _ in rule._asked], "attested_on": "2024-01-01"}}
	count(rule.deny) == 1 with input as {"organizations": [o], "attestations": [a]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
}

test_subcontractors_and_counterparties_are_not_asked if {
	s := {"kind": "Organization", "metadata": {"name": "s"}, "spec": {"type": "subcontractor"}}
	c := {"kind": "Organization", "metadata": {"name": "c"}, "spec": {"type": "hospital", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [s, c]}
}
