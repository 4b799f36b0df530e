package sansho.rules.k8s.secret_in_manifest_test

import data.sansho.rules.k8s.secret_in_manifest as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["Secret/karte/karte-db", "stringData"], ["Secret/karte/tls", "data"]}
}

test_the_message_names_the_keys_not_the_values if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	f.resource.name == "Secret/karte/karte-db"
	contains(f.message.en, "password, username")
	not contains(f.message.en, "P@ssw0rd")
}
