package sansho.rules.contract.incident_notification_inadequate_test

import data.sansho.rules.contract.incident_notification_inadequate as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

_notice(n) := {"clauses": {"incident_notification": n}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["no-clause", "spec.clauses.incident_notification"],
		["slow-notice", "spec.clauses.incident_notification.within_hours"],
		["no-deadline", "spec.clauses.incident_notification"],
	}
}

test_exactly_the_maximum_passes if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_notice({"within_hours": 24, "contact": "x"}))]}
}

test_one_hour_over_the_maximum_fails if {
	some f in rule.deny with input as {"contracts": [_contract(_notice({"within_hours": 25, "contact": "x"}))]}
	contains(f.message.en, "25 hours (at most 24 required)")
}

test_maximum_is_a_parameter if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_notice({"within_hours": 48, "contact": "x"}))]}
		with data.sansho.params.incident_notification_max_hours as 48
}

test_missing_contact_points_at_contact if {
	some f in rule.deny with input as {"contracts": [_contract(_notice({"within_hours": 4}))]}
	f.path == "spec.clauses.incident_notification.contact"
}

test_contract_ending_today_is_still_in_force if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-25"}})]}
		with data.sansho.as_of as "2026-11-25"
}

test_contract_ended_yesterday_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})]}
		with data.sansho.as_of as "2026-11-25"
}

test_contract_without_vendor_party_is_not_checked if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c]}
}

test_unknown_system_keeps_the_contract_in_scope if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({"systems": ["not-in-inventory"]})], "systems": []}
}

test_one_finding_per_contract_listing_every_issue if {
	findings := rule.deny with input as {"contracts": [_contract(_notice({"within_hours": 100}))]}
	count(findings) == 1
	some f in findings
	f.path == "spec.clauses.incident_notification"
	contains(f.message.en, "100 hours")
	contains(f.message.en, "no contact")
}
