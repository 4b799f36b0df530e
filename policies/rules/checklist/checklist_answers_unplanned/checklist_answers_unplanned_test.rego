package sansho.rules.checklist.checklist_answers_unplanned_test

import data.sansho.rules.checklist.checklist_answers_unplanned as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path, object.get(f, "level", "error")] | some f in rule.deny} with input as data.sansho.fixtures.fail
		with data.sansho.as_of as "2026-01-15"
		with data.sansho.params.checklist_current_edition as "r7"
	found == {
		["h", "spec.checklist.answers[1]", "error"],
		["h", "spec.checklist.answers[2].target_on", "error"],
		["h", "spec.checklist.answers[3].target_on", "warning"],
		["old", "spec.checklist.edition", "warning"],
	}
}

_org(answers) := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "checklist": {"edition": "r7", "answers": answers}}}

test_target_date_boundaries if {
	count(rule.deny) == 0 with input as {"organizations": [_org([{"requirement": "x", "answer": "no", "target_on": "2026-01-15"}])]}
		with data.sansho.as_of as "2026-01-15"
		with data.sansho.params.checklist_current_edition as "r7"
	count(rule.deny) == 0 with input as {"organizations": [_org([{"requirement": "x", "answer": "no", "target_on": "2026-03-31"}])]}
		with data.sansho.as_of as "2026-01-15"
		with data.sansho.params.checklist_current_edition as "r7"
	count(rule.deny) == 1 with input as {"organizations": [_org([{"requirement": "x", "answer": "no", "target_on": "2026-01-14"}])]}
		with data.sansho.as_of as "2026-01-15"
		with data.sansho.params.checklist_current_edition as "r7"
}

test_yes_answers_need_no_target if {
	count(rule.deny) == 0 with input as {"organizations": [_org([{"requirement": "x", "answer": "yes"}])]}
		with data.sansho.params.checklist_current_edition as "r7"
}

test_fiscal_year_end_follows_the_edition if {
	rule._fy_end("r5") == "2024-03-31"
	rule._fy_end("r7") == "2026-03-31"
	rule._fy_end("r8") == "2027-03-31"
	not rule._fy_end("2025")
	o := {"kind": "Organization", "metadata": {"name": "h"}, "spec": {"type": "hospital", "checklist": {"edition": "r8", "answers": [{"requirement": "x", "answer": "no", "target_on": "2027-04-01"}]}}}
	fs := rule.deny with input as {"organizations": [o]}
		with data.sansho.as_of as "2026-06-01"
		with data.sansho.params.checklist_current_edition as "r8"
	[[f.path, f.level] | some f in fs] == [["spec.checklist.answers[0].target_on", "warning"]]
}
