package sansho.rules.contract.disclosure_missing_test

import data.sansho.rules.contract.disclosure_missing as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

_sys(name, hosting) := {"kind": "System", "metadata": {"name": name}, "spec": {"category": "ehr", "hosting": hosting, "status": "in_use"}}

_disc(types) := [{"type": t, "version": "5.0", "issued_on": "2026-01-01"} | some t in types]

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["pacs-maintenance", "spec.disclosures"], ["cloud-service", "spec.disclosures"]}
}

test_saas_with_mds_only_asks_for_sds if {
	some f in rule.deny with input as {"contracts": [_contract({"systems": ["x"], "disclosures": _disc(["mds"])})], "systems": [_sys("x", "saas")]}
	contains(f.message.en, "no SDS (for x) disclosure")
}

test_hybrid_accepts_either if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"systems": ["x"], "disclosures": _disc(["sds"])})], "systems": [_sys("x", "hybrid")]}
	count(rule.deny) == 0 with input as {"contracts": [_contract({"systems": ["x"], "disclosures": _disc(["mds"])})], "systems": [_sys("x", "hybrid")]}
}

test_mixed_contract_needs_both if {
	c := _contract({"systems": ["a", "b"], "disclosures": _disc(["mds"])})
	some f in rule.deny with input as {"contracts": [c], "systems": [_sys("a", "on_premise"), _sys("b", "public_cloud")]}
	contains(f.message.en, "SDS (for b)")
	not contains(f.message.en, "MDS (for")
}

test_contract_without_known_systems_accepts_either if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"disclosures": _disc(["sds"])})]}
	some f in rule.deny with input as {"contracts": [_contract({})]}
	contains(f.message.en, "no MDS or SDS disclosure")
}

test_service_spec_alone_is_not_an_mds_or_sds if {
	count(rule.deny) == 1 with input as {"contracts": [_contract({"disclosures": _disc(["service_spec"])})]}
}

test_retired_systems_need_nothing if {
	s := {"kind": "System", "metadata": {"name": "x"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "retired"}}
	count(rule.deny) == 0 with input as {"contracts": [_contract({"systems": ["x"]})], "systems": [s]}
}

test_ended_contract_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})]} with data.sansho.as_of as "2026-11-25"
}
