package sansho.rules.org.asset_ledger_stale_test

import data.sansho.rules.org.asset_ledger_stale as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.asset_ledger_max_age_days as 365
	found == {"no-ledger": "spec", "not-maintained": "spec.asset_ledger.maintained", "stale": "spec.asset_ledger", "undated": "spec.asset_ledger", "nowhere": "spec.asset_ledger"}
}

_org(l) := {"kind": "Organization", "metadata": {"name": "o"}, "spec": {"type": "clinic", "asset_ledger": object.union({"reference": "ledger.xlsx"}, l)}}

test_boundary_and_latest_date_wins if {
	count(rule.deny) == 0 with input as {"organizations": [_org({"maintained": true, "updated_on": "2020-01-01", "reviewed_on": "2025-11-25"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.asset_ledger_max_age_days as 365
	count(rule.deny) == 1 with input as {"organizations": [_org({"maintained": true, "reviewed_on": "2025-11-24"})]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.asset_ledger_max_age_days as 365
}

test_subcontractors_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "dc"}, "spec": {"type": "subcontractor"}}]}
}

test_counterparties_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v]}
}

test_ledger_must_be_referenced_or_listed_as_assets if {
	o := {"kind": "Organization", "metadata": {"name": "o"}, "spec": {"type": "clinic", "asset_ledger": {"maintained": true, "updated_on": "2026-10-01"}}}
	a := {"kind": "Asset", "metadata": {"name": "pc-01"}, "spec": {"type": "terminal", "owner": "o"}}
	fs := rule.deny with input as {"organizations": [o]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.asset_ledger_max_age_days as 365
	[f.path | some f in fs] == ["spec.asset_ledger"]
	some f in fs
	contains(f.message.en, "neither its location")
	count(rule.deny) == 0 with input as {"organizations": [o], "assets": [a]}
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.asset_ledger_max_age_days as 365
}
