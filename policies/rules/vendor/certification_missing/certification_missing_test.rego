package sansho.rules.vendor.certification_missing_test

import data.sansho.rules.vendor.certification_missing as rule
import rego.v1

_vendor(certs) := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor", "vendor_profile": {"certifications": certs}}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["no-certs", "spec.vendor_profile.certifications"],
		["expired-pmark", "spec.vendor_profile.certifications"],
		["soc2-only", "spec.vendor_profile.certifications"],
	}
}

test_valid_on_the_last_day if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor([{"scheme": "pmark", "valid_until": "2026-11-25"}])]} with data.sansho.as_of as "2026-11-25"
}

test_expired_the_day_before if {
	some f in rule.deny with input as {"organizations": [_vendor([{"scheme": "pmark", "valid_until": "2026-11-24"}])]} with data.sansho.as_of as "2026-11-25"
	contains(f.message.en, "pmark (until 2026-11-24)")
}

test_no_expiry_date_is_not_shown_valid if {
	some f in rule.deny with input as {"organizations": [_vendor([{"scheme": "isms"}])]}
	contains(f.message.en, "isms (no expiry date)")
}

test_accepted_schemes_are_a_parameter if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor([{"scheme": "soc2", "valid_until": "2030-01-01"}])]}
		with data.sansho.params.vendor_accepted_certifications as ["soc2"]
}

test_ismap_and_cloud_security_count if {
	count(rule.deny) == 0 with input as {"organizations": [_vendor([{"scheme": "ismap", "valid_until": "2030-01-01"}])]}
	count(rule.deny) == 0 with input as {"organizations": [_vendor([{"scheme": "cloud_security", "valid_until": "2030-01-01"}])]}
}

test_institutions_are_not_asked if {
	count(rule.deny) == 0 with input as {"organizations": [{"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital"}}]}
}
