package sansho.lib_test

import data.sansho.lib
import rego.v1

test_days_known_values if {
	lib.days("1970-01-01") == 0
	lib.days("2000-03-01") == 11017
	lib.days("2028-03-31") == 21274
	lib.days("1969-12-31") == -1
}

test_days_parser_and_arithmetic_agree if {
	every d in ["1678-01-01", "1970-01-01", "2000-02-29", "2024-12-31", "2026-11-25", "2261-12-31"] {
		lib.days(d) == lib._days_arith(d)
	}
	lib.days("9999-12-31") == 2932896
	lib.days("0001-01-01") == -719162
}

test_attestations_are_indexed_by_requirement if {
	idx := lib.attestations_by_requirement with input.attestations as [
		_att("a", "r.1", "2026-01-10", {}),
		json.remove(_att("b", "x", "2026-01-10", {"requirements": ["r.1", "r.2"]}), ["spec/requirement"]),
	]
	{a.metadata.name | some a in idx["r.1"]} == {"a", "b"}
	{a.metadata.name | some a in idx["r.2"]} == {"b"}
	not idx["r.3"]
}

test_date_of_days_inverts_days if {
	every d in ["0001-01-01", "0999-12-31", "1677-12-31", "1970-01-01", "2000-02-29", "2024-12-31", "2026-03-01", "2100-02-28", "2100-03-01", "9999-12-31"] {
		lib.date_of_days(lib.days(d)) == d
	}
	lib.date_of_days(-1) == "1969-12-31"
}

test_cutoff_agrees_with_age_days if {
	every today in ["2026-11-25", "2024-03-01", "2000-01-01"] {
		every n in [0, 1, 30, 59, 365, 366, 1000] {
			every d in ["1999-02-28", "2023-03-01", "2024-02-29", "2025-11-25", "2026-10-26", "2026-11-24", "2026-11-25", "2026-11-26"] {
				older := d < lib.date_days_before_as_of(n) with data.sansho.as_of as today
				aged := lib.age_days(d) > n with data.sansho.as_of as today
				older == aged
				past := d < lib.as_of with data.sansho.as_of as today
				ended := lib.days_left(d) < 0 with data.sansho.as_of as today
				past == ended
			}
		}
	}
}

test_days_between_leap_year if {
	lib.days_between("2024-02-28", "2024-03-01") == 2
	lib.days_between("2026-02-28", "2026-03-01") == 1
}

test_age_and_days_left_use_as_of if {
	lib.age_days("2026-11-01") == 24 with data.sansho.as_of as "2026-11-25"
	lib.days_left("2028-03-31") == 492 with data.sansho.as_of as "2026-11-25"
}

test_finding_shape if {
	doc := {"kind": "System", "metadata": {"name": "ehr"}}
	lib.finding(doc, "spec.x", "日本語", "English") == {
		"resource": {"kind": "System", "name": "ehr"},
		"path": "spec.x",
		"message": {"ja": "日本語", "en": "English"},
	}
	lib.finding_at_level(doc, "spec", "a", "b", "warning").level == "warning"
}

test_active_and_medical if {
	lib.active_system({"spec": {"status": "in_use"}})
	not lib.active_system({"spec": {"status": "retired"}})
	lib.medical({"spec": {}})
	not lib.medical({"spec": {"handles_medical_information": false}})
}

_att(name, req, on, extra) := object.union({"kind": "Attestation", "metadata": {"name": name}, "spec": {"requirement": req, "attested_on": on}}, {"spec": extra})

_org := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}}

test_attested_by_a_recent_attestation if {
	lib.attested("r.1", _org) with input.attestations as [_att("a", "r.1", "2026-01-10", {})]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
}

test_not_attested_when_too_old_or_in_the_future_or_expired if {
	not lib.attested("r.1", _org) with input.attestations as [_att("a", "r.1", "2025-11-24", {})]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
	not lib.attested("r.1", _org) with input.attestations as [_att("a", "r.1", "2026-11-26", {})]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
	not lib.attested("r.1", _org) with input.attestations as [_att("a", "r.1", "2026-01-01", {"valid_until": "2026-11-24"})]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
}

# The last valid day on each side: dated on the evaluation date, exactly the maximum age
# old (2025-11-25 is 365 days before 2026-11-25), valid until the evaluation date.
test_attestation_validity_boundaries if {
	every a in [
		_att("a", "r.1", "2026-11-25", {}),
		_att("a", "r.1", "2025-11-25", {}),
		_att("a", "r.1", "2020-01-01", {"valid_until": "2026-11-25"}),
	] {
		lib.attested("r.1", _org) with input.attestations as [a]
			with data.sansho.as_of as "2026-11-25"
			with data.sansho.params.attestation_max_age_days as 365
	}
	lib.attested("r.1", _org) with input.attestations as [_att("a", "r.1", "2024-02-29", {})]
		with data.sansho.as_of as "2025-02-28"
		with data.sansho.params.attestation_max_age_days as 365
	not lib.attested("r.1", _org) with input.attestations as [_att("a", "r.1", "2024-02-28", {})]
		with data.sansho.as_of as "2025-02-28"
		with data.sansho.params.attestation_max_age_days as 365
}

test_valid_until_overrides_the_age_limit if {
	lib.attested("r.1", _org) with input.attestations as [_att("a", "r.1", "2024-01-01", {"valid_until": "2026-11-25"})]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
}

test_subject_and_requirements_list if {
	other := {"kind": "Organization", "metadata": {"name": "v"}}
	a := _att("a", "x", "2026-10-01", {"requirements": ["r.1", "r.2"], "subject": {"kind": "Organization", "name": "h"}})
	b := json.remove(a, ["spec/requirement"])
	lib.attested("r.2", _org) with input.attestations as [b]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
	not lib.attested("r.2", other) with input.attestations as [b]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
}

test_attestation_gap_says_missing_or_stale if {
	gap := lib.attestation_gap("r.1", _org) with input.attestations as []
	contains(gap.en, "no attestation")
	stale := lib.attestation_gap("r.1", _org) with input.attestations as [_att("a", "r.1", "2020-04-01", {})]
		with data.sansho.as_of as "2026-11-25"
		with data.sansho.params.attestation_max_age_days as 365
	contains(stale.en, "2020-04-01")
}

test_own_excludes_counterparties if {
	lib.own({"spec": {"type": "hospital"}})
	lib.own({"spec": {"type": "vendor", "counterparty": false}})
	not lib.own({"spec": {"type": "vendor", "counterparty": true}})
}

test_japanese_regions_of_the_three_clouds if {
	every r in ["ap-northeast-1", "ap-northeast-3", "japaneast", "Japan West", "asia-northeast1", "ASIA-NORTHEAST2", "asia-northeast1-b", "ASIA1"] {
		lib.japanese_region(r)
	}
	every r in ["us-east-1", "ap-northeast-2", "eastus", "ASIA", "asia-east1", "asia-northeast3"] {
		not lib.japanese_region(r)
	}
}

test_attached_resources_join_by_reference_and_by_value if {
	bucket := {"address": "aws_s3_bucket.logs[0]", "module": "", "file": "p.json", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "logs"}}
	by_ref := {"address": "aws_s3_bucket_versioning.a", "module": "", "file": "p.json", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {}, "references": {"bucket": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}}
	by_value := {"address": "aws_s3_bucket_versioning.b", "module": "", "file": "p.json", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": "logs"}}
	other_file := object.union(by_value, {"address": "aws_s3_bucket_versioning.c", "file": "q.json"})
	unrelated := object.union(by_value, {"address": "aws_s3_bucket_versioning.d", "values": {"bucket": "other"}})
	found := {r.address | some r in lib.tf_attached("aws_s3_bucket_versioning", "bucket", bucket)} with input as {"configurations": {"terraform": [bucket, by_ref, by_value, other_file, unrelated]}}
	found == {"aws_s3_bucket_versioning.a", "aws_s3_bucket_versioning.b"}
}

test_contract_in_force_until_its_last_day if {
	lib.contract_in_force({"spec": {"term": {"start_on": "2020-04-01"}}}) with data.sansho.as_of as "2026-11-25"
	lib.contract_in_force({"spec": {"term": {"end_on": "2026-11-25"}}}) with data.sansho.as_of as "2026-11-25"
	not lib.contract_in_force({"spec": {"term": {"end_on": "2026-11-24"}}}) with data.sansho.as_of as "2026-11-25"
	lib.contract_in_force({"spec": {"term": {"end_on": "9999-12-31"}}}) with data.sansho.as_of as "2026-11-25"
}

test_vendor_contract_has_a_vendor_party if {
	lib.vendor_contract({"spec": {"parties": [{"organization": "h", "role": "institution"}, {"organization": "v", "role": "vendor"}]}})
	not lib.vendor_contract({"spec": {"parties": [{"organization": "h", "role": "institution"}]}})
}

test_non_medical_contract_needs_every_system_known_and_non_medical if {
	systems := [
		{"metadata": {"name": "acct"}, "spec": {"handles_medical_information": false}},
		{"metadata": {"name": "ehr"}, "spec": {}},
	]
	lib.non_medical_contract({"spec": {"systems": ["acct"]}}) with input.systems as systems
	not lib.non_medical_contract({"spec": {"systems": ["acct", "ehr"]}}) with input.systems as systems
	not lib.non_medical_contract({"spec": {"systems": ["acct", "ghost"]}}) with input.systems as systems
	not lib.non_medical_contract({"spec": {"systems": []}}) with input.systems as systems
	not lib.non_medical_contract({"spec": {}}) with input.systems as systems
}

test_configurations_of_a_system_in_item_order if {
	items := {
		"terraform": [
			{"address": "aws_s3_bucket.a", "systems": ["ehr", "pacs"]},
			{"address": "aws_s3_bucket.b", "systems": []},
		],
		"kubernetes": [{"address": "Deployment/default/api", "systems": ["ehr"]}],
		"generic": [{"address": "firewall", "systems": ["pacs"]}],
	}
	[i.address | some i in lib.configurations_of({"metadata": {"name": "ehr"}})] == ["aws_s3_bucket.a", "Deployment/default/api"] with input.configurations as items
	[i.address | some i in lib.configurations_of({"metadata": {"name": "pacs"}})] == ["aws_s3_bucket.a", "firewall"] with input.configurations as items
	lib.configurations_of({"metadata": {"name": "ris"}}) == [] with input.configurations as items
	lib.configurations_of({"metadata": {"name": "ris"}}) == [] with input as {}
}
