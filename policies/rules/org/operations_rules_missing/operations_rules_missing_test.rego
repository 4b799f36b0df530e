package sansho.rules.org.operations_rules_missing_test

import data.sansho.rules.org.operations_rules_missing as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
	found == {"no-rules": "spec", "unapproved": "spec.documents[1]", "stale": "spec.documents[0]", "overdue": "spec.documents[0]", "no-approver": "spec.documents[0]"}
}

_org(d) := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "documents": [object.union({"type": "operations_management_rules", "title": "規程", "approved_by": "院長"}, d)]}}

test_messages_say_why if {
	some f in rule.deny with input as {"organizations": [_org({"approved_on": "2026-01-01", "next_review_on": "2026-10-01"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
	contains(f.message.en, "next review date 2026-10-01 has passed")
}

test_approver_is_required if {
	o := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "documents": [{"type": "operations_management_rules", "title": "規程", "approved_on": "2026-04-01"}]}}
	some f in rule.deny with input as {"organizations": [o]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
	contains(f.message.en, "no approver (approved_by) is recorded")
}

test_review_boundary if {
	count(rule.deny) == 0 with input as {"organizations": [_org({"approved_on": "2020-01-01", "reviewed_on": "2025-11-25"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
	count(rule.deny) == 1 with input as {"organizations": [_org({"approved_on": "2020-01-01", "reviewed_on": "2025-11-24"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.document_review_max_days as 365
}

test_vendors_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}]}
}
