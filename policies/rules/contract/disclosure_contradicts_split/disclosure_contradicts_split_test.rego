package sansho.rules.contract.disclosure_contradicts_split_test

import data.sansho.rules.contract.disclosure_contradicts_split as rule
import rego.v1

_questions := {"mds5.csup-1": {"requirements": ["chk.r7.inst.2.6", "chk.r7.vend.2.6"], "text": {"ja": "パッチ", "en": "patches"}}}

_contract(owner, answer) := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {
	"parties": [{"organization": "v", "role": "vendor"}],
	"responsibilities": [{"requirement": "chk.r7.inst.2.6", "owner": owner}],
	"disclosures": [{"type": "mds", "answers": [{"question": "mds5.dtbk-1", "answer": "no"}, {"question": "mds5.csup-1", "answer": answer}]}],
}}

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_reported_at_the_answer if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {["pacs-maintenance", "spec.disclosures[0].answers[1].answer"]}
}

test_message_names_the_requirement_owner_and_question if {
	some f in rule.deny with input as {"contracts": [_contract("shared", "no")]} with data.sansho.disclosure_questions as _questions
	f.message.en == "Contract c places chk.r7.inst.2.6 (shared) with the vendor side, but its MDS answers no to mds5.csup-1 (patches); either the split or the disclosure is wrong (vendor guideline 4.1, 4.2, MDS/SDS guide)."
}

test_yes_or_an_institution_owner_is_no_contradiction if {
	count(rule.deny) == 0 with input as {"contracts": [_contract("vendor", "yes")]} with data.sansho.disclosure_questions as _questions
	count(rule.deny) == 0 with input as {"contracts": [_contract("institution", "no")]} with data.sansho.disclosure_questions as _questions
}

test_a_self_contradicting_split_does_not_break_the_rule if {
	c := {"kind": "Contract", "metadata": {"name": "c"}, "spec": {
		"responsibilities": [{"requirement": "chk.r7.inst.2.6", "owner": "vendor"}, {"requirement": "chk.r7.inst.2.6", "owner": "shared"}],
		"disclosures": [{"type": "sds", "answers": [{"question": "mds5.csup-1", "answer": "no"}]}],
	}}
	some f in rule.deny with input as {"contracts": [c]} with data.sansho.disclosure_questions as _questions
	contains(f.message.en, "places chk.r7.inst.2.6 (shared), chk.r7.inst.2.6 (vendor) with the vendor side, but its SDS answers no")
}
