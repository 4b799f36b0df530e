package sansho.rules.contract.subcontracting_uncontrolled_test

import data.sansho.rules.contract.subcontracting_uncontrolled as rule
import rego.v1

_parties := [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]

_contract(spec) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": object.union({"parties": _parties}, spec)}

_sub(x) := {"clauses": {"subcontracting": x}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["silent", "spec.clauses.subcontracting"],
		["no-approval", "spec.clauses.subcontracting.approval_required"],
		["forbidden-but-used", "spec.clauses.subcontracting.allowed"],
	}
}

test_allowed_without_flow_down_is_reported if {
	some f in rule.deny with input as {"contracts": [_contract(_sub({"allowed": true, "approval_required": true}))]}
	f.path == "spec.clauses.subcontracting.flow_down"
}

test_allowed_with_nothing_else_lists_both_gaps if {
	some f in rule.deny with input as {"contracts": [_contract(_sub({"allowed": true}))]}
	f.path == "spec.clauses.subcontracting"
	contains(f.message.en, "approval_required")
	contains(f.message.en, "flow_down")
}

test_clause_without_allowed_is_reported if {
	some f in rule.deny with input as {"contracts": [_contract(_sub({"approval_required": true}))]}
	f.path == "spec.clauses.subcontracting.allowed"
}

test_subcontractor_party_without_clause_is_named if {
	parties := array.concat(_parties, [{"organization": "dc", "role": "subcontractor"}])
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": parties}}
	some f in rule.deny with input as {"contracts": [c]}
	contains(f.message.en, "names subcontractors (dc)")
}

test_subcontractor_party_while_forbidden_is_reported if {
	parties := array.concat(_parties, [{"organization": "dc", "role": "subcontractor"}])
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": parties, "clauses": {"subcontracting": {"allowed": false}}}}
	some f in rule.deny with input as {"contracts": [c]}
	f.path == "spec.clauses.subcontracting.allowed"
}

test_forbidden_without_subcontractors_passes if {
	count(rule.deny) == 0 with input as {"contracts": [_contract(_sub({"allowed": false}))]}
}

test_ended_contract_is_not_checked if {
	count(rule.deny) == 0 with input as {"contracts": [_contract({"term": {"end_on": "2026-11-24"}})]} with data.sansho.as_of as "2026-11-25"
}

test_contract_for_non_medical_systems_only_is_not_checked if {
	pos := {"kind": "System", "metadata": {"name": "pos"}, "spec": {"category": "other", "hosting": "saas", "status": "in_use", "handles_medical_information": false}}
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}], "systems": ["pos"], "disclosures": [{"type": "sds", "version": "1.0", "issued_on": "2001-01-01"}]}}
	count(rule.deny) == 0 with input as {"contracts": [c], "systems": [pos]}
	count(rule.deny) == 1 with input as {"contracts": [c], "systems": [object.union(pos, {"spec": {"handles_medical_information": true}})]}
}
