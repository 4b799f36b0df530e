package sansho.rules.contract.service_levels_missing_test

import data.sansho.rules.contract.service_levels_missing as rule
import rego.v1

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}, spec)}

_sys(hosting, status) := {"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": hosting, "status": status}}

_backup_by(owner) := {"responsibilities": [{"requirement": "chk.r7.inst.3.2", "owner": owner, "description": "x"}]}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["saas-no-sla", "spec.clauses.service_levels"],
		["shared-backup-no-rto", "spec.clauses.service_levels.rto_hours"],
	}
}

test_subcontractor_owned_backup_counts_as_the_vendors if {
	some f in rule.deny with input as {"contracts": [_contract(_backup_by("subcontractor:dc"))]}
	contains(f.message.en, "owned by subcontractor:dc")
}

test_zero_hours_is_a_target if {
	c := _contract(object.union(_backup_by("vendor"), {"clauses": {"service_levels": {"rpo_hours": 0, "rto_hours": 0}}}))
	count(rule.deny) == 0 with input as {"contracts": [c]}
}

test_institution_backup_on_premise_is_not_asked if {
	c := _contract(object.union(_backup_by("institution"), {"systems": ["s"]}))
	count(rule.deny) == 0 with input as {"contracts": [c], "systems": [_sys("on_premise", "in_use")]}
}

test_retired_cloud_system_is_not_a_reason if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"systems": ["s"]})], "systems": [_sys("public_cloud", "retired")]}
}

test_private_cloud_system_is_a_reason if {
	some f in rule.deny with input as {"contracts": [_contract({"systems": ["s"]})], "systems": [_sys("private_cloud", "in_use")]}
	contains(f.message.en, "s is provided as private_cloud")
}

test_ended_contract_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(object.union(_backup_by("vendor"), {"term": {"end_on": "2026-11-24"}}))]} with data.sansho.as_of as "2026-11-25"
}
