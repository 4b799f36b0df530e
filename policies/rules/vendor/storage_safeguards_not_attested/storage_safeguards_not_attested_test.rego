package sansho.rules.vendor.storage_safeguards_not_attested_test

import data.sansho.rules.vendor.storage_safeguards_not_attested as rule
import rego.v1

_vendor := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}

_sys(extra) := {"kind": "System", "metadata": {"name": "s"}, "spec": object.union({"category": "ehr", "status": "in_use"}, extra)}

_att := {"kind": "Attestation", "metadata": {"name": "a"}, "spec": {"requirements": ["v2.6.2", "v2.6.3"], "statement": "x", "attested_by": {"name": "n"}, "attested_on": "2026-06-01", "evidence": [{"reference": "r"}]}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["medicloud", "spec", "error"], ["archive-vendor", "spec", "warning"]}
}

test_operator_keeps_data if {
	count(rule.deny) == 1 with input as {"organizations": [_vendor], "systems": [_sys({"operator": "v", "hosting": "public_cloud"})]}
}

test_on_premise_supplier_keeps_no_data if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor], "systems": [_sys({"vendor": "v", "hosting": "on_premise"})]}
}

test_hybrid_supplier_is_not_assumed_to_keep_data if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor], "systems": [_sys({"vendor": "v", "hosting": "hybrid"})]}
}

test_retired_cloud_system_does_not_count if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor], "systems": [_sys({"vendor": "v", "hosting": "saas", "status": "retired"})]}
}

test_attested_vendor_passes if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor], "systems": [_sys({"vendor": "v", "hosting": "saas"})], "attestations": [_att]}
}

test_counterparty_vendors_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v], "systems": [_sys({"vendor": "v", "hosting": "saas"})]}
}

test_missing_v2_6_2_alone_is_an_error if {
	a := {"kind": "Attestation", "metadata": {"name": "a"}, "spec": {"requirement": "v2.6.3", "statement": "x", "attested_by": {"name": "n"}, "attested_on": "2026-06-01", "evidence": [{"reference": "r"}]}}
	some f in rule.deny with input as {"organizations": [_vendor], "systems": [_sys({"operator": "v", "hosting": "saas"})], "attestations": [a]}
	not f.level
	contains(f.message.en, "v2.6.2")
	not contains(f.message.en, "v2.6.3")
}
