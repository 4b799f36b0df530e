package sansho.rules.contract.disclosure_outdated_test

import data.sansho.rules.contract.disclosure_outdated as rule
import rego.v1

_contract(ds) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}], "disclosures": ds}}

_mds(version, issued) := {"type": "mds", "version": version, "issued_on": issued}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["old-format", "spec.disclosures[0].version"],
		["stale-sds", "spec.disclosures[0].issued_on"],
		["undated", "spec.disclosures"],
	}
}

test_age_boundary if {
	# 2023-11-26 is exactly 1095 days before 2026-11-25.
	count(rule.deny) == 0 with input as {"contracts": [_contract([_mds("5.0", "2023-11-26")])]} with data.sansho.as_of as "2026-11-25"
	count(rule.deny) == 1 with input as {"contracts": [_contract([_mds("5.0", "2023-11-25")])]} with data.sansho.as_of as "2026-11-25"
}

test_version_comparison if {
	count(rule.deny) == 0 with input as {"contracts": [_contract([_mds("5.0", "2026-01-01")])]}
	count(rule.deny) == 0 with input as {"contracts": [_contract([_mds("5", "2026-01-01")])]}
	count(rule.deny) == 0 with input as {"contracts": [_contract([_mds("5.10", "2026-01-01")])]}
	count(rule.deny) == 0 with input as {"contracts": [_contract([_mds("Ver.6.0", "2026-01-01")])]}
	count(rule.deny) == 1 with input as {"contracts": [_contract([_mds("4.9.9", "2026-01-01")])]}
	count(rule.deny) == 1 with input as {"contracts": [_contract([_mds("04.1", "2026-01-01")])]}
}

test_unreadable_version_is_reported if {
	some f in rule.deny with input as {"contracts": [_contract([_mds("最新版", "2026-01-01")])]}
	contains(f.message.en, "format version 最新版")
}

test_minimum_version_is_a_parameter if {
	count(rule.deny) == 0 with input as {"contracts": [_contract([_mds("4.1", "2026-01-01")])]}
		with data.sansho.params.mds_sds_min_format_version as "4.0"
}

test_only_the_newest_of_each_type_counts if {
	ds := [_mds("5.0", "2026-01-01"), _mds("3.0", "2012-01-01"), {"type": "sds", "version": "4.0", "issued_on": "2026-01-01"}]
	some f in rule.deny with input as {"contracts": [_contract(ds)]}
	f.path == "spec.disclosures[2].version"
	contains(f.message.en, "SDS uses format version 4.0")
}

test_no_mds_or_sds_is_left_to_the_missing_rule if {
	count(rule.deny) == 0 with input as {"contracts": [_contract([])]}
}

test_ended_contract_is_not_checked if {
	c := object.union(_contract([_mds("3.0", "2010-01-01")]), {"spec": {"term": {"end_on": "2026-11-24"}}})
	count(rule.deny) == 0 with input as {"contracts": [c]} with data.sansho.as_of as "2026-11-25"
}

test_contract_for_non_medical_systems_only_is_not_checked if {
	pos := {"kind": "System", "metadata": {"name": "pos"}, "spec": {"category": "other", "hosting": "saas", "status": "in_use", "handles_medical_information": false}}
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}], "systems": ["pos"], "disclosures": [{"type": "sds", "version": "1.0", "issued_on": "2001-01-01"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c], "systems": [pos]}
	count(rule.deny) == 1 with input as {"contracts": [c], "systems": [object.union(pos, {"spec": {"handles_medical_information": true}})]}
}
