# METADATA
# title: Checklist answers without a valid target date, or an old edition
# description: |
#   The answers kept for the MHLW checklist (spec.checklist) include an item answered いいえ with no
#   target date (目標日), a target date that has already passed, or one after the end of the
#   edition's fiscal year (the R7 sheet asks for dates within 令和7年度, i.e. by 2026-03-31: a
#   warning); or they were given on an edition other than checklist_current_edition (the checklist
#   is revised every year: a warning).
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-CHK-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.meta.target_date, chk.r7.meta.annual]
#   applies_to: [institution, vendor]
#   resources: [Organization]
#   treatment: automated
#   title_ja: チェックリストの「いいえ」に有効な目標日がない、または旧版で回答している
#   description_ja: |
#     記録したチェックリストの回答(spec.checklist)に、目標日のない「いいえ」、既に過ぎた目標日、
#     または版の年度末より後の目標日(R7 版は令和7年度中 = 2026-03-31 まで。警告)がある。あるいは回答が
#     checklist_current_edition 以外の版による(チェックリストは毎年改定される。警告)。
#   remediation_en: |
#     Give every いいえ answer a target date (target_on) within the edition's fiscal year, move past
#     ones forward with a plan, and answer the current edition.
#   remediation_ja: |
#     「いいえ」の各項目に版の年度内の目標日(target_on)を記入し、過ぎた目標日は計画を見直して更新し、
#     最新版のチェックリストで回答してください。
package sansho.rules.checklist.checklist_answers_unplanned

import data.sansho.lib
import rego.v1

# The last day of the fiscal year an edition is answered for: edition rN is 令和N年度, which ends
# on 31 March of 2019 + N (R7 = 令和7年度 = FY2025, ends 2026-03-31).
_fy_end(ed) := sprintf("%d-03-31", [2019 + to_number(substring(ed, 1, -1))]) if regex.match(`^r[1-9][0-9]*$`, ed)

deny contains f if {
	some o in input.organizations
	lib.own(o)
	some i, a in o.spec.checklist.answers
	a.answer == "no"
	not a.target_on
	f := lib.finding(
		o, sprintf("spec.checklist.answers[%d]", [i]),
		sprintf("%s のチェックリスト回答 %s は「いいえ」ですが目標日(target_on)がありません。チェックリストは「いいえ」に目標日の記入を求めています。", [o.metadata.name, a.requirement]),
		sprintf("Checklist answer %s of %s is いいえ (no) without a target date (target_on); the checklist asks for one.", [a.requirement, o.metadata.name]),
	)
}

deny contains f if {
	some o in input.organizations
	lib.own(o)
	some i, a in o.spec.checklist.answers
	a.answer == "no"
	late := 0 - lib.days_left(a.target_on)
	late > 0
	f := lib.finding(
		o, sprintf("spec.checklist.answers[%d].target_on", [i]),
		sprintf("%s のチェックリスト回答 %s の目標日 %s を %d 日過ぎています。対応するか、計画を見直して目標日を更新してください。", [o.metadata.name, a.requirement, a.target_on, late]),
		sprintf("The target date %s of checklist answer %s of %s passed %d days ago; fix the item or revise the plan.", [a.target_on, a.requirement, o.metadata.name, late]),
	)
}

deny contains f if {
	some o in input.organizations
	lib.own(o)
	end := _fy_end(o.spec.checklist.edition)
	some i, a in o.spec.checklist.answers
	a.answer == "no"
	lib.days_left(a.target_on) >= 0
	lib.days_between(end, a.target_on) > 0
	f := lib.finding_at_level(
		o, sprintf("spec.checklist.answers[%d].target_on", [i]),
		sprintf("%s のチェックリスト回答 %s の目標日 %s は %s 版の年度末(%s)より後です。", [o.metadata.name, a.requirement, a.target_on, o.spec.checklist.edition, end]),
		sprintf("The target date %s of checklist answer %s of %s is after the end of the %s edition's fiscal year (%s).", [a.target_on, a.requirement, o.metadata.name, o.spec.checklist.edition, end]),
		"warning",
	)
}

deny contains f if {
	some o in input.organizations
	lib.own(o)
	ed := o.spec.checklist.edition
	ed != lib.param("checklist_current_edition")
	f := lib.finding_at_level(
		o, "spec.checklist.edition",
		sprintf("%s のチェックリスト回答は %s 版です。最新の %s 版で確認し直してください(チェックリストは毎年改定されます)。", [o.metadata.name, ed, lib.param("checklist_current_edition")]),
		sprintf("The checklist answers of %s are for the %s edition; answer the current %s edition (the checklist is revised every year).", [o.metadata.name, ed, lib.param("checklist_current_edition")]),
		"warning",
	)
}
