package sansho.rules.disclosure.service_spec_disclosure_not_received_test

import data.sansho.rules.disclosure.service_spec_disclosure_not_received as rule
import rego.v1

_sys(hosting) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"status": "in_use", "vendor": "v", "hosting": hosting}}

_contract(end_on) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "systems": ["s"], "term": {"end_on": end_on}}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
	found == {
		"web-questionnaire": "spec",
		"cloud-lab": "spec.disclosure",
		"hybrid-pharmacy": "spec.disclosure.service_spec_disclosure",
	}
}

test_every_cloud_hosting_is_asked if {
	every h in ["saas", "public_cloud", "private_cloud", "hybrid"] {
		count(rule.deny) == 1 with input as {"systems": [_sys(h)]}
	}
	count(rule.deny) == 0 with input as {"systems": [_sys("on_premise")]}
}

test_a_contract_in_force_hands_the_system_to_the_contract_rule if {
	count(rule.deny) == 0 with input as {"systems": [_sys("saas")], "contracts": [_contract("2026-11-25")]}
		with data.sansho.as_of as "2026-11-25"
	count(rule.deny) == 1 with input as {"systems": [_sys("saas")], "contracts": [_contract("2026-11-24")]}
		with data.sansho.as_of as "2026-11-25"
}

test_a_contract_without_a_vendor_party_does_not_count if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}], "systems": ["s"]}}
	count(rule.deny) == 1 with input as {"systems": [_sys("saas")], "contracts": [c]}
}

test_without_vendor_retired_or_non_medical_is_not_asked if {
	own := {"kind": "System", "metadata": {"name": "own"}, "spec": {"status": "in_use", "hosting": "saas"}}
	retired := object.union(_sys("saas"), {"metadata": {"name": "r"}, "spec": {"status": "retired"}})
	other := object.union(_sys("saas"), {"metadata": {"name": "n"}, "spec": {"handles_medical_information": false}})
	count(rule.deny) == 0 with input as {"systems": [own, retired, other]}
}
