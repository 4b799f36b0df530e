package sansho.rules.vendor.risk_assessment_missing_test

import data.sansho.rules.vendor.risk_assessment_missing as rule
import rego.v1

_vendor(spec) := {"kind": "Organization", "metadata": {"name": "v"}, "spec": object.union({"type": "vendor"}, spec)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["never-assessed", "spec.risk_assessment", "error"],
		["assessed-long-ago", "spec.risk_assessment.performed_on", "warning"],
	}
}

test_age_boundary if {
	# 2025-11-25 is exactly 365 days before 2026-11-25.
	count(rule.deny) == 0 with input as {"organizations": [_vendor({"risk_assessment": {"performed_on": "2025-11-25"}})]} with data.sansho.as_of as "2026-11-25"
	count(rule.deny) == 1 with input as {"organizations": [_vendor({"risk_assessment": {"performed_on": "2025-11-24"}})]} with data.sansho.as_of as "2026-11-25"
}

test_newest_of_record_and_documents_counts if {
	v := _vendor({"risk_assessment": {"performed_on": "2020-01-01"}, "documents": [{"type": "risk_assessment", "title": "t", "reviewed_on": "2026-10-01"}]})
	count(rule.deny) == 0 with input as {"organizations": [v]}
}

test_other_documents_do_not_count if {
	v := _vendor({"documents": [{"type": "security_policy", "title": "t", "approved_on": "2026-10-01"}]})
	count(rule.deny) == 1 with input as {"organizations": [v]}
}

test_maximum_age_is_a_parameter if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor({"risk_assessment": {"performed_on": "2024-01-01"}})]}
		with data.sansho.params.risk_assessment_max_age_days as 1095
}

test_institutions_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}}]}
}

test_counterparty_vendors_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor({"counterparty": true})]}
}
