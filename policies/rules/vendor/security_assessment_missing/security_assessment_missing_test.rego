package sansho.rules.vendor.security_assessment_missing_test

import data.sansho.rules.vendor.security_assessment_missing as rule
import rego.v1

_vendor(audits) := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "audits": audits}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["never-evaluated", "spec.audits", "error"], ["evaluated-long-ago", "spec.audits[1].performed_on", "warning"]}
}

test_age_boundary if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor([{"kind": "external", "performed_on": "2025-11-25"}])]} with data.sansho.as_of as "2026-11-25"
	count(rule.deny) == 1 with input as {"organizations": [_vendor([{"kind": "external", "performed_on": "2025-11-24"}])]} with data.sansho.as_of as "2026-11-25"
}

test_self_assessment_counts if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor([{"kind": "self_assessment", "performed_on": "2026-10-01"}])]}
}

test_empty_audit_list_is_reported if {
	some f in rule.deny with input as {"organizations": [_vendor([])]}
	f.path == "spec.audits"
}

test_subcontractors_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "dc"}, "spec": {"type": "subcontractor"}}]}
}

test_counterparty_vendors_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v]}
}
