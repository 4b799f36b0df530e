package sansho.rules.org.required_documents_missing_test

import data.sansho.rules.org.required_documents_missing as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	fs := rule.deny with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
	found := {f.resource.name | some f in fs}
	found == {"bare-clinic", "partial"}
	some f in fs
	f.resource.name == "partial"
	f.requirements == ["g6.gov.1.1.1", "g6.mgmt.1", "g6.sys.1.1", "g6.sys.2.2"]
	contains(f.message.en, "legal requirements register (missing)")
	contains(f.message.en, "network and system diagram (not approved)")
	not contains(f.message.en, "security policy")
}

_all_docs(extra) := [object.union({"type": t, "title": t, "approved_on": "2026-04-01"}, extra) | some t, _ in rule._required]

test_every_type_present_and_current_passes if {
	o := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "documents": _all_docs({})}}
	count(rule.deny) == 0 with input as {"organizations": [o]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
}

test_stale_documents_are_reported if {
	o := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "documents": _all_docs({"approved_on": "2024-01-01"})}}
	some f in rule.deny with input as {"organizations": [o]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
	contains(f.message.en, "security policy (not reviewed in time)")
	count(f.requirements) == count({r | some x in rule._required; some r in x.requirements})
}

test_vendors_and_counterparties_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}
	c := {"kind": "Organization", "metadata": {"name": "c"}, "spec": {"type": "hospital", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v, c]}
}
