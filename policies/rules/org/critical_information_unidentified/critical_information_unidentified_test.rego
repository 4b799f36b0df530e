package sansho.rules.org.critical_information_unidentified_test

import data.sansho.rules.org.critical_information_unidentified as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {f.resource.name: f.path | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		"no-continuity": "spec",
		"not-identified": "spec.continuity.critical_information_identified",
		"empty-list": "spec.continuity.critical_information",
	}
}

_org(c) := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "continuity": c}}

test_messages_say_why if {
	some f in rule.deny with input as {"organizations": [_org({"critical_information_identified": true})]}
	f.path == "spec.continuity.critical_information"
	contains(f.message.en, "lists none")
	contains(f.message.ja, "一覧(critical_information)が空")
}

test_flag_missing_but_list_given_is_reported if {
	fs := rule.deny with input as {"organizations": [_org({"critical_information": ["患者基本情報"]})]}
	[f.path | some f in fs] == ["spec.continuity.critical_information_identified"]
}

test_one_item_is_enough if {
	count(rule.deny) == 0 with input as {"organizations": [_org({"critical_information_identified": true, "critical_information": ["患者基本情報"]})]}
}

test_vendors_subcontractors_and_counterparties_are_not_asked if {
	v := {"kind": "Organization", "metadata": {"name": "v"}, "spec": {"type": "vendor"}}
	s := {"kind": "Organization", "metadata": {"name": "s"}, "spec": {"type": "subcontractor"}}
	c := {"kind": "Organization", "metadata": {"name": "c"}, "spec": {"type": "clinic", "counterparty": true}}
	count(rule.deny) == 0 with input as {"organizations": [v, s, c]}
}
