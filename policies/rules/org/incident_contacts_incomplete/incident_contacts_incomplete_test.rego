package sansho.rules.org.incident_contacts_incomplete_test

import data.sansho.rules.org.incident_contacts_incomplete as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.incident_contacts_max_age_days as 365
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.message.en | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.incident_contacts_max_age_days as 365
	count(found) == 4
	contains(found["no-response"], "no contact chart is recorded; no contact for internal/management, mhlw, police, vendor")
	found["no-police"] == "Incident contacts of no-police: no contact for police. Checklist item 3-① asks for a contact chart reaching the organization, vendors, the MHLW and the police."
	contains(found["stale-chart"], "the contact chart was not updated within 365 days (latest 2024-04-01); no contact for internal/management")
	contains(found["vendor-without-csirt"], "no contact for internal")
	startswith(found["vendor-without-csirt"], "Incident contacts of vendor-without-csirt: no contact for internal. ")
}

_org(r) := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "incident_response": r}}

_all := [{"party": "internal", "name": "a"}, {"party": "vendor", "name": "b"}, {"party": "mhlw", "name": "c"}, {"party": "police", "name": "d"}]

test_chart_update_boundary if {
	count(rule.deny) == 0 with input as {"organizations": [_org({"contact_chart": {"reference": "x", "updated_on": "2025-11-25"}, "contacts": _all})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.incident_contacts_max_age_days as 365
	count(rule.deny) == 1 with input as {"organizations": [_org({"contact_chart": {"reference": "x", "updated_on": "2025-11-24"}, "contacts": _all})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.incident_contacts_max_age_days as 365
}

test_undated_chart_is_reported if {
	some f in rule.deny with input as {"organizations": [_org({"contact_chart": {"reference": "x"}, "contacts": _all})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.incident_contacts_max_age_days as 365
	contains(f.message.en, "no update date (updated_on)")
	f.path == "spec.incident_response"
}

test_management_counts_as_inside if {
	cs := [{"party": "management", "name": "a"}, {"party": "vendor", "name": "b"}, {"party": "mhlw", "name": "c"}, {"party": "police", "name": "d"}]
	count(rule.deny) == 0 with input as {"organizations": [_org({"contact_chart": {"reference": "x", "updated_on": "2026-04-01"}, "contacts": cs})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.incident_contacts_max_age_days as 365
}

test_subcontractors_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "dc"}, "spec": {"type": "subcontractor"}}]}
}

test_missing_response_points_at_spec if {
	some f in rule.deny with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.incident_contacts_max_age_days as 365
	f.resource.name == "no-response"
	f.path == "spec"
}

test_counterparties_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v]}
}
