package sansho.rules.org.bcp_not_ready_test

import data.sansho.rules.org.bcp_not_ready as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.message.en | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.bcp_drill_max_days as 365
		with data.sansho.params.document_review_max_days as 365
	count(found) == 4
	contains(found["no-bcp"], "no BCP is recorded")
	contains(found["not-cyber"], "it does not assume a cyberattack; no approval or review date (approved_on, reviewed_on) is recorded; no drill recorded or attested within 365 days")
	contains(found["undrilled"], ": no drill recorded or attested within 365 days")
	contains(found["unreviewed"], ": not approved or reviewed within 365 days (latest 2024-10-01). ")
}

_org(bcp) := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "continuity": {"bcp": object.union({"approved_on": "2026-04-01"}, bcp)}}}

test_an_attested_drill_counts if {
	att := {"kind": "Attestation", "metadata": {"name": "a"}, "spec": {"requirement": "chk.r7.inst.3.3", "attested_on": "2026-09-20"}}
	count(rule.deny) == 0 with input as {"organizations": [_org({"exists": true, "assumes_cyberattack": true})], "attestations": [att]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.bcp_drill_max_days as 365
		with data.sansho.params.attestation_max_age_days as 365
		with data.sansho.params.document_review_max_days as 365
}

test_drill_boundary if {
	count(rule.deny) == 0 with input as {"organizations": [_org({"exists": true, "assumes_cyberattack": true, "last_drill_on": "2025-11-25"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.bcp_drill_max_days as 365
		with data.sansho.params.document_review_max_days as 365
	count(rule.deny) == 1 with input as {"organizations": [_org({"exists": true, "assumes_cyberattack": true, "last_drill_on": "2025-11-24"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.bcp_drill_max_days as 365
		with data.sansho.params.document_review_max_days as 365
}

test_review_boundary_and_latest_date_wins if {
	ok := {"exists": true, "assumes_cyberattack": true, "last_drill_on": "2026-09-01", "approved_on": "2020-01-01", "reviewed_on": "2025-11-25"}
	count(rule.deny) == 0 with input as {"organizations": [_org(ok)]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.bcp_drill_max_days as 365
		with data.sansho.params.document_review_max_days as 365
	fs := rule.deny with input as {"organizations": [_org(object.union(ok, {"reviewed_on": "2025-11-24"}))]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.bcp_drill_max_days as 365
		with data.sansho.params.document_review_max_days as 365
	some f in fs
	contains(f.message.en, "not approved or reviewed within 365 days (latest 2025-11-24)")
	f.path == "spec.continuity.bcp"
}

test_vendors_and_counterparties_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}
	c := {"kind": "Organization", "metadata": {"name": "c"}, "spec": {"type": "clinic", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v, c]}
}

test_continuity_without_bcp_points_at_continuity if {
	o := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "continuity": {"critical_information_identified": true}}}
	fs := rule.deny with input as {"organizations": [o]}
	[f.path | some f in fs] == ["spec.continuity"]
}
