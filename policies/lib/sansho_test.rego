package sansho.lib_test

import data.sansho.lib
import rego.v1

test_days_known_values if {
	lib.days("1970-01-01") == 0
	lib.days("2000-03-01") == 11017
	lib.days("2028-03-31") == 21274
	lib.days("1969-12-31") == -1
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

test_assets_of_both_directions if {
	sys := {"metadata": {"name": "ehr"}, "spec": {"assets": ["pc-2"]}}
	assets := [
		{"metadata": {"name": "srv-1"}, "spec": {"systems": ["ehr"]}},
		{"metadata": {"name": "pc-2"}, "spec": {}},
		{"metadata": {"name": "other"}, "spec": {"systems": ["pacs"]}},
	]
	names := {a.metadata.name | some a in lib.assets_of(sys)} with input.assets as assets
	names == {"srv-1", "pc-2"}
}
