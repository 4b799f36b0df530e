# METADATA
# title: Operations management rules missing, unapproved or not reviewed
# description: |
#   The institution records no 運用管理規程 (operations management rules for its medical information
#   systems), the rules carry no approval (date and approver), have not been reviewed within document_review_max_days,
#   or are past their own next review date. Checklist 4-① (new in R7; item text from a secondary
#   source) asks for the rules; Guideline 6.0 企画管理編 4 for rules approved by management and
#   reviewed as needed.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-DOC-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.4.1, g6.mgmt.4.1, g6.mgmt.4.2, g6.gov.1.2.1]
#   applies_to: [institution]
#   resources: [Organization]
#   treatment: automated
#   title_ja: 運用管理規程がない、承認・見直しされていない
#   description_ja: |
#     医療機関に医療情報システムの運用管理規程の記録がない、承認の記録(承認日・承認者)がない、document_review_max_days 以内に
#     見直していない、または自ら定めた次回見直し日を過ぎている。チェックリスト 4-①(R7 新設、項目文は二次資料)は
#     規程の整備を、企画管理編 4 は経営層の承認と必要に応じた見直しを求めている。
#   remediation_en: |
#     Record the rules as a document of type operations_management_rules with approved_by,
#     approved_on and reviewed_on (and next_review_on), and review them at least every
#     document_review_max_days.
#   remediation_ja: |
#     運用管理規程を type: operations_management_rules の文書として approved_by・approved_on・reviewed_on
#     (と next_review_on)付きで記録し、document_review_max_days ごとに見直してください。
package sansho.rules.org.operations_rules_missing

import data.sansho.lib
import rego.v1

_rules(o) := [d | some d in object.get(o.spec, "documents", []); d.type == "operations_management_rules"]

_last(d) := max([x | some x in [object.get(d, "approved_on", ""), object.get(d, "reviewed_on", "")]; x != ""])

_ok(d) if {
	d.approved_on
	d.approved_by
	lib.age_days(_last(d)) <= lib.param("document_review_max_days")
	not _overdue(d)
}

_overdue(d) if lib.days_left(d.next_review_on) < 0

_why(d) := {"ja": "承認の記録(approved_on)がない", "en": "no approval (approved_on) is recorded"} if not d.approved_on

else := {"ja": "承認者(approved_by)の記録がない", "en": "no approver (approved_by) is recorded"} if not d.approved_by

else := {"ja": sprintf("次回見直し日 %s を過ぎている", [d.next_review_on]), "en": sprintf("its next review date %s has passed", [d.next_review_on])} if _overdue(d)

else := {"ja": sprintf("%d 日以内に見直されていない(最終 %s)", [lib.param("document_review_max_days"), _last(d)]), "en": sprintf("not reviewed within %d days (latest %s)", [lib.param("document_review_max_days"), _last(d)])}

deny contains f if {
	some o in input.organizations
	lib.institution(o)
	lib.own(o)
	count(_rules(o)) == 0
	f := lib.finding(
		o, _docs_path(o),
		sprintf("%s に運用管理規程(documents の type: operations_management_rules)の記録がありません。チェックリスト 4-① は運用管理規程等の整備を求めています。", [o.metadata.name]),
		sprintf("%s records no operations management rules (a document of type operations_management_rules); checklist item 4-① asks for them.", [o.metadata.name]),
	)
}

_docs_path(o) := "spec.documents" if o.spec.documents

_docs_path(o) := "spec" if not o.spec.documents

deny contains f if {
	some o in input.organizations
	lib.institution(o)
	lib.own(o)
	rules := _rules(o)
	count(rules) > 0
	not _any_ok(rules)
	some i, d in o.spec.documents
	d == rules[0]
	w := _why(d)
	f := lib.finding(
		o, sprintf("spec.documents[%d]", [i]),
		sprintf("%s の運用管理規程「%s」: %s。企画管理編 4 は経営層の承認と必要に応じた見直しを求めています。", [o.metadata.name, d.title, w.ja]),
		sprintf("Operations management rules of %s (%s): %s. Guideline 6.0 planning 4 asks for rules approved by management and reviewed as needed.", [o.metadata.name, d.title, w.en]),
	)
}

_any_ok(rules) if {
	some d in rules
	_ok(d)
}
