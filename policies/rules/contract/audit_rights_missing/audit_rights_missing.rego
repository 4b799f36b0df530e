# METADATA
# title: Vendor contract gives the institution no right to audit
# description: |
#   A contract in force with a vendor does not let the institution audit or inspect how the
#   vendor handles its information (spec.clauses.audit_rights is missing or false). Guideline 6.0
#   (経営管理編 5.2) asks the outsourcing contract to let the institution keep track of how its
#   information is handled. An audit right is the usual way, but regular reports can serve too,
#   so this rule only warns.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-005
#   severity: medium
#   level: warning
#   requirements: [g6.gov.5.2]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約に医療機関の監査権がない
#   description_ja: |
#     有効な事業者との契約で、医療機関が事業者の情報の取扱状況を監査・確認する権利(spec.clauses.audit_rights)が
#     定められていない。ガイドライン第6.0版 経営管理編 5.2 は、委託契約で取扱状況を把握できるようにすることを
#     求めている。監査権が一般的な手段だが定期報告などでも足りうるため、警告にとどめる。
#   remediation_en: |
#     Add an audit clause (spec.clauses.audit_rights: true) letting the institution audit or
#     inspect the vendor's handling of its information, or record how else it keeps track of it.
#   remediation_ja: |
#     医療機関が事業者の取扱状況を監査・確認できる条項(spec.clauses.audit_rights: true)を設けるか、
#     他の方法で把握している場合はその方法を記録してください。
package sansho.rules.contract.audit_rights_missing

import data.sansho.lib
import rego.v1

_state(c) := ["定められていません", "is not stated"] if not is_boolean(c.spec.clauses.audit_rights)

_state(c) := ["ないとされています(audit_rights: false)", "is excluded (audit_rights: false)"] if c.spec.clauses.audit_rights == false

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	not c.spec.clauses.audit_rights == true
	st := _state(c)
	f := lib.finding(
		c, "spec.clauses.audit_rights",
		sprintf("契約 %s で医療機関の監査権が%s。委託先での取扱状況を把握できるようにする必要があります(ガイドライン第6.0版 経営管理編 5.2)。", [c.metadata.name, st[0]]),
		sprintf("In contract %s the institution's right to audit %s; the institution must be able to keep track of how the vendor handles its information (Guideline 6.0 governance 5.2).", [c.metadata.name, st[1]]),
	)
}
