# METADATA
# title: Vendor contract without a confidentiality clause
# description: |
#   A contract in force with a vendor does not bind the vendor to confidentiality
#   (spec.clauses.confidentiality is missing or false). Guideline 6.0 (企画管理編 7) asks the
#   institution to secure the human side of outsourcing through the choice of vendor and the
#   contract, confidentiality of the vendor's staff included.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-006
#   severity: medium
#   level: error
#   requirements: [g6.mgmt.7]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約に守秘義務条項がない
#   description_ja: |
#     有効な事業者との契約に、事業者の守秘義務(spec.clauses.confidentiality)が定められていない。
#     ガイドライン第6.0版 企画管理編 7 は、事業者の選定と契約を通じた人的安全管理(事業者の要員の守秘を含む)を
#     求めている。
#   remediation_en: Add a confidentiality clause binding the vendor and its staff (spec.clauses.confidentiality true).
#   remediation_ja: |
#     事業者とその要員の守秘義務を定める条項を設けてください(spec.clauses.confidentiality: true)。
package sansho.rules.contract.confidentiality_missing

import data.sansho.lib
import rego.v1

_state(c) := ["定められていません", "is not stated"] if not is_boolean(c.spec.clauses.confidentiality)

_state(c) := ["ないとされています(confidentiality: false)", "is excluded (confidentiality: false)"] if c.spec.clauses.confidentiality == false

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	not c.spec.clauses.confidentiality == true
	st := _state(c)
	f := lib.finding(
		c, "spec.clauses.confidentiality",
		sprintf("契約 %s で事業者の守秘義務が%s。委託契約で事業者とその要員の守秘を定める必要があります(ガイドライン第6.0版 企画管理編 7)。", [c.metadata.name, st[0]]),
		sprintf("In contract %s the vendor's duty of confidentiality %s; the contract must bind the vendor and its staff to confidentiality (Guideline 6.0 planning 7).", [c.metadata.name, st[1]]),
	)
}
