package sansho.rules.vendor.data_outside_japan_test

import data.sansho.rules.vendor.data_outside_japan as rule
import rego.v1

_vendor(locs) := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "vendor_profile": {"data_locations": locs}}}

_sys(extra) := {"kind": "System", "metadata": {"name": "s"}, "spec": object.union({"category": "ehr", "hosting": "saas", "status": "in_use", "vendor": "v"}, extra)}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["global-cloud", "spec.vendor_profile.data_locations[1].country", "error"],
		["medicloud-karte", "spec.data_locations[1].country", "warning"],
		["pacs", "spec.backups[0].location.jurisdiction", "error"],
	}
}

test_missing_purpose_is_an_error if {
	some f in rule.deny with input as {"organizations": [_vendor([{"country": "US"}])]}
	not f.level
	contains(f.message.en, "country US (purpose not stated)")
}

test_support_and_primary_abroad_is_an_error_pointing_at_the_list if {
	some f in rule.deny with input as {"organizations": [_vendor([{"country": "US", "purpose": "support"}, {"country": "KR", "purpose": "primary"}])]}
	not f.level
	f.path == "spec.vendor_profile.data_locations"
}

test_japan_in_english_passes if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor([{"country": "JP", "jurisdiction": "Japan"}])]}
}

test_system_with_locations_and_backups_abroad_points_at_spec if {
	s := _sys({"data_locations": [{"country": "US", "purpose": "primary"}], "backups": [{"name": "b", "location": {"country": "US"}}]})
	some f in rule.deny with input as {"systems": [s]}
	f.path == "spec"
}

test_institution_run_system_is_not_asked if {
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "in_use", "data_locations": [{"country": "US"}]}}
	count(rule.deny) == 0 with input as {"systems": [s]}
}

test_operator_that_is_an_institution_is_not_a_vendor if {
	h := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}}
	s := {"kind": "System", "metadata": {"name": "s"}, "spec": {"category": "ehr", "hosting": "on_premise", "status": "in_use", "operator": "h", "data_locations": [{"country": "US"}]}}
	count(rule.deny) == 0 with input as {"systems": [s], "organizations": [h]}
}

test_retired_system_is_not_asked if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"status": "retired", "data_locations": [{"country": "US"}]})]}
}

test_backup_without_location_is_not_reported if {
	count(rule.deny) == 0 with input as {"systems": [_sys({"backups": [{"name": "b"}]})]}
}

test_institutions_own_profile_is_not_asked if {
	h := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "vendor_profile": {"data_locations": [{"country": "US"}]}}}
	count(rule.deny) == 0 with input as {"organizations": [h]}
}
