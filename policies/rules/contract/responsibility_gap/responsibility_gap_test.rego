package sansho.rules.contract.responsibility_gap_test

import data.sansho.rules.contract.responsibility_gap as rule
import rego.v1

_contract(rs, clauses) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "clauses": clauses, "responsibilities": rs}}

_both := [{"requirement": "chk.r7.inst.2.6", "owner": "vendor"}, {"requirement": "chk.r7.inst.3.2", "owner": "institution"}]

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_names_the_missing_requirement if {
	found := [[f.resource.name, f.path, f.message.en] | some f in rule.deny] with input as data.sansho.fixtures.fail
	count(found) == 1
	found[0][0] == "pacs-maintenance"
	found[0][1] == "spec.responsibilities"
	contains(found[0][2], "assigns no owner to chk.r7.inst.2.2, chk.r7.inst.2.6;")
}

test_remote_maintenance_brings_its_devices_into_scope if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_both, {})]}
	count(rule.deny) == 1 with input as {"contracts": [_contract(_both, {"remote_maintenance": {"permitted": true}})]}
}

test_parameter_sets_the_scope if {
	rs := [{"requirement": "chk.r7.inst.2.11", "owner": "institution"}]
	some f in rule.deny with input as {"contracts": [_contract(rs, {})]}
		with data.sansho.params.contract_required_responsibilities as ["chk.r7.inst.2.11", "v2.6.1"]
	contains(f.message.en, "assigns no owner to v2.6.1;")
}

test_empty_split_is_left_to_responsibilities_missing if {
	count(rule.deny) == 0 with input as {"contracts": [_contract([], {})]}
}

test_ended_contract_is_not_checked if {
	c := object.union(_contract([], {}), {"spec": {"parties": [{"organization": "v", "role": "vendor"}], "term": {"end_on": "2020-01-01"}, "responsibilities": [{"requirement": "x.y", "owner": "vendor"}]}})
	count(rule.deny) == 0 with input as {"contracts": [c]} with data.sansho.as_of as "2026-11-25"
}

test_a_sibling_contract_for_the_same_system_fills_the_gap if {
	main := {"kind": "Contract", "metadata": {"name": "ehr-maintenance"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "systems": ["ehr"], "responsibilities": [{"requirement": "chk.r7.inst.2.6", "owner": "vendor"}]}}
	backup := {"kind": "Contract", "metadata": {"name": "ehr-backup"}, "spec": {"parties": [{"organization": "b", "role": "vendor"}], "systems": ["ehr", "pacs"], "responsibilities": [{"requirement": "chk.r7.inst.3.2", "owner": "vendor"}]}}
	found := {f.resource.name | some f in rule.deny} with input as {"contracts": [main, backup]}
	found == {"ehr-backup"}
	other := object.union(backup, {"spec": {"systems": ["pacs"]}})
	count(rule.deny) == 2 with input as {"contracts": [main, other]}
}

test_unassigned_lists_the_same_gaps_for_the_matrix if {
	gaps := rule.unassigned with input as data.sansho.fixtures.fail
	gaps == {"pacs-maintenance": ["chk.r7.inst.2.2", "chk.r7.inst.2.6"]}
	count(rule.unassigned) == 0 with input as data.sansho.fixtures.pass
}
