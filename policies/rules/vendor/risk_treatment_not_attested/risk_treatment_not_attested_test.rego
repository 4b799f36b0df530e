package sansho.rules.vendor.risk_treatment_not_attested_test

import data.sansho.rules.vendor.risk_treatment_not_attested as rule
import rego.v1

_vendor := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}

_att(reqs, on, subject) := {"kind": "Attestation", "metadata": {"name": "a"}, "spec": object.union({"requirements": reqs, "statement": "x", "attested_by": {"name": "n"}, "attested_on": on, "evidence": [{"reference": "r"}]}, subject)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["medicloud", "spec.risk_assessment"]}
}

test_fail_fixture_names_the_missing_and_the_expired if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	contains(f.message.en, "there is no attestation for requirement v2.5.3")
	contains(f.message.en, "the attestation for requirement v2.5.4 (latest 2024-06-15) has expired")
}

test_attestation_about_another_vendor_does_not_count if {
	a := _att(["v2.5.3", "v2.5.4"], "2026-06-01", {"subject": {"kind": "Organization", "name": "other"}})
	count(rule.deny) == 1 with input as {"organizations": [_vendor], "attestations": [a]}
}

test_attestation_without_subject_counts if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor], "attestations": [_att(["v2.5.3", "v2.5.4"], "2026-06-01", {})]}
}

test_attestation_dated_after_the_evaluation_date_does_not_count if {
	count(rule.deny) == 1 with input as {"organizations": [_vendor], "attestations": [_att(["v2.5.3", "v2.5.4"], "2026-11-26", {})]} with data.sansho.as_of as "2026-11-25"
}

test_institutions_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "clinic"}}]}
}

test_counterparty_vendors_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v], "attestations": []}
}
