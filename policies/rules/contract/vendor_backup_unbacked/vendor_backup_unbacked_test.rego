package sansho.rules.contract.vendor_backup_unbacked_test

import data.sansho.rules.contract.vendor_backup_unbacked as rule
import rego.v1

_vendor := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}

_contract(owner) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {
	"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}],
	"systems": ["karte"],
	"responsibilities": [{"requirement": "chk.r7.inst.2.6", "owner": "vendor"}, {"requirement": "chk.r7.inst.3.2", "owner": owner}],
}}

_system(backups) := {"kind": "System", "metadata": {"name": "karte"}, "spec": {"backups": backups}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied_at_the_backup_entry if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["standard-agreement", "spec.responsibilities[1].owner"]}
}

test_an_immutable_copy_backs_the_claim if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor], "contracts": [_contract("vendor")], "systems": [_system([{"name": "a", "immutable": true}])]}
}

test_an_online_copy_alone_does_not if {
	some f in rule.deny with input as {"organizations": [_vendor], "contracts": [_contract("subcontractor:dc")], "systems": [_system([{"name": "a", "offline": false}])]}
	contains(f.message.en, "gives chk.r7.inst.3.2 (backups) to subcontractor:dc, but no system of the contract in this inventory (karte)")
}

test_a_system_missing_from_the_inventory_does_not if {
	count(rule.deny) == 1 with input as {"organizations": [_vendor], "contracts": [_contract("shared")], "systems": []}
}

test_institution_owned_backups_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor], "contracts": [_contract("institution")], "systems": []}
}

test_the_institutions_inventory_is_not_asked if {
	counterparty := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [counterparty], "contracts": [_contract("vendor")], "systems": []}
}
