package sansho.rules.contract.agreement_not_attested_test

import data.sansho.rules.contract.agreement_not_attested as rule
import rego.v1

_contract := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}}

_att(reqs, on, extra) := object.union({"kind": "Attestation", "metadata": {"name": "a"}, "spec": {"requirements": reqs, "statement": "x", "attested_by": {"name": "n"}, "attested_on": on, "evidence": [{"reference": "r"}]}}, {"spec": extra})

_all := ["v2.3.1", "v2.3.2.1", "v2.5.5"]

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.kind, f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["Contract", "cloud-service", "spec"]}
}

test_attestation_without_subject_covers_the_contract if {
	count(rule.deny) == 0 with input as {"contracts": [_contract], "attestations": [_att(_all, "2026-04-01", {})]}
}

test_each_missing_requirement_is_named if {
	some f in rule.deny with input as {"contracts": [_contract], "attestations": [_att(["v2.3.1"], "2026-04-01", {})]}
	contains(f.message.en, "requirement v2.3.2.1")
	contains(f.message.en, "requirement v2.5.5")
	not contains(f.message.en, "requirement v2.3.1 ")
}

test_attestation_older_than_the_maximum_age_expires if {
	# 2025-11-25 is 365 days before 2026-11-25: still valid; a day earlier it has lapsed.
	count(rule.deny) == 0 with input as {"contracts": [_contract], "attestations": [_att(_all, "2025-11-25", {})]} with data.sansho.as_of as "2026-11-25"
	some f in rule.deny with input as {"contracts": [_contract], "attestations": [_att(_all, "2025-11-24", {})]} with data.sansho.as_of as "2026-11-25"
	contains(f.message.en, "has expired")
}

test_valid_until_is_honoured if {
	count(rule.deny) == 0 with input as {"contracts": [_contract], "attestations": [_att(_all, "2024-01-01", {"valid_until": "2026-11-25"})]} with data.sansho.as_of as "2026-11-25"
	count(rule.deny) == 1 with input as {"contracts": [_contract], "attestations": [_att(_all, "2024-01-01", {"valid_until": "2026-11-24"})]} with data.sansho.as_of as "2026-11-25"
}

test_ended_contract_is_not_asked if {
	c := object.union(_contract, {"spec": {"term": {"end_on": "2026-11-24"}}})
	count(rule.deny) == 0 with input as {"contracts": [c], "attestations": []} with data.sansho.as_of as "2026-11-25"
}

test_contract_for_non_medical_systems_only_is_not_checked if {
	pos := {"kind": "System", "metadata": {"name": "pos"}, "spec": {"category": "other", "hosting": "saas", "status": "in_use", "handles_medical_information": false}}
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}], "systems": ["pos"], "disclosures": [{"type": "sds", "version": "1.0", "issued_on": "2001-01-01"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c], "systems": [pos]}
	count(rule.deny) == 1 with input as {"contracts": [c], "systems": [object.union(pos, {"spec": {"handles_medical_information": true}})]}
}
