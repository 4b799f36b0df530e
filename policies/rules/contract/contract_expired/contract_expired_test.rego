package sansho.rules.contract.contract_expired_test

import data.sansho.rules.contract.contract_expired as rule
import rego.v1

_contract(end) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "systems": ["s"], "term": {"end_on": end}}}

_sys(extra) := {"kind": "System", "metadata": {"name": "s"}, "spec": object.union({"category": "ehr", "hosting": "on_premise", "status": "in_use"}, extra)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["pacs-maintenance", "error"], ["lab-maintenance", "warning"]}
}

test_ended_yesterday_is_an_error if {
	some f in rule.deny with input as {"contracts": [_contract("2026-11-24")], "systems": [_sys({})]} with data.sansho.as_of as "2026-11-25"
	not f.level
	f.path == "spec.term.end_on"
	contains(f.message.en, "1 days ago")
}

test_ending_today_is_a_warning if {
	some f in rule.deny with input as {"contracts": [_contract("2026-11-25")], "systems": [_sys({})]} with data.sansho.as_of as "2026-11-25"
	f.level == "warning"
	contains(f.message.en, "0 days left")
}

test_warning_window_boundary if {
	# 2027-02-23 is exactly 90 days after 2026-11-25; the day after is outside the window.
	count(rule.deny) == 1 with input as {"contracts": [_contract("2027-02-23")], "systems": [_sys({})]} with data.sansho.as_of as "2026-11-25"
	count(rule.deny) == 0 with input as {"contracts": [_contract("2027-02-24")], "systems": [_sys({})]} with data.sansho.as_of as "2026-11-25"
}

test_system_retiring_by_the_end_date_does_not_need_it if {
	count(rule.deny) == 0 with input as {"contracts": [_contract("2026-10-31")], "systems": [_sys({"retire_on": "2026-10-31"})]}
}

test_system_retiring_after_the_end_date_still_needs_it if {
	count(rule.deny) == 1 with input as {"contracts": [_contract("2026-10-31")], "systems": [_sys({"retire_on": "2026-11-01"})]}
}

test_retired_system_does_not_need_it if {
	count(rule.deny) == 0 with input as {"contracts": [_contract("2020-03-31")], "systems": [_sys({"status": "retired"})]}
}

test_system_naming_the_contract_counts if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "term": {"end_on": "2020-03-31"}}}
	count(rule.deny) == 1 with input as {"contracts": [c], "systems": [_sys({"contracts": ["c"]})]}
}

test_contract_without_end_date_is_not_reported if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {"parties": [{"organization": "v", "role": "vendor"}], "systems": ["s"]}}
	count(rule.deny) == 0 with input as {"contracts": [c], "systems": [_sys({})]}
}
