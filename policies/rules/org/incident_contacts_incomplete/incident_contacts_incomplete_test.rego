package sansho.rules.org.incident_contacts_incomplete_test

import data.sansho.rules.org.incident_contacts_incomplete as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.message.en | some f in rule.deny} with input as data.sansho.fixtures.fail
	count(found) == 3
	contains(found["no-response"], "no contact chart is recorded; no contact for mhlw, police, vendor")
	found["no-police"] == "Incident contacts of no-police: no contact for police. Checklist item 3-① asks for a contact chart reaching the organization, vendors, the MHLW and the police."
	contains(found["vendor-without-csirt"], "no contact for internal")
}

test_subcontractors_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "dc"}, "spec": {"type": "subcontractor"}}]}
}

test_missing_response_points_at_spec if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	f.resource.name == "no-response"
	f.path == "spec"
}

test_counterparties_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v]}
}
