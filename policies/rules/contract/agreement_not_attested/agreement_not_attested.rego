# METADATA
# title: Explanation and explicit agreement with the institution not attested
# description: |
#   For a contract in force with a vendor there is no valid attestation that the vendor
#   explained what the institution needs to comply with the MHLW guideline (vendor guideline
#   2.0, 3.1), that both sides reached a shared understanding and an explicit agreement before
#   the contract and re-agree as things change (3.2.1), and that risk information was shared and
#   the residual risks explicitly agreed (5, risk communication). No contract field can show
#   these conversations, so each needs an Attestation (about the contract, or without a subject),
#   valid on the evaluation date. They are mostly the vendor's duties, which an institution can
#   only confirm, so the rule warns.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-018
#   severity: medium
#   level: warning
#   requirements: [v2.3.1, v2.3.2.1, v2.5.5]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   treatment: attested
#   title_ja: 医療機関への説明と明示的な合意の宣誓がない
#   description_ja: |
#     有効な事業者との契約について、事業者が医療機関のガイドライン遵守に必要な説明をしたこと(提供事業者ガイドライン
#     第2.0版 3.1)、契約前に共通理解と明示的な合意を形成し変化に応じて再合意していること(3.2.1)、リスク情報を共有し
#     残存リスクを明示的に合意したこと(5章 リスクコミュニケーション)の、評価日に有効な宣誓がない。
#     これらのやり取りは契約の項目では示せないため、それぞれ宣誓(契約を対象とするか、対象なし)が必要。
#     主に事業者の義務で、医療機関は確認しかできないため、警告にとどめる。
#   remediation_en: |
#     Record an Attestation for each of v2.3.1, v2.3.2.1 and v2.5.5 about the contract (subject
#     kind Contract), signed by the person responsible, with the minutes, explanation material or
#     risk acceptance record as evidence.
#   remediation_ja: |
#     v2.3.1、v2.3.2.1、v2.5.5 のそれぞれについて、契約を対象(subject の kind: Contract)とする宣誓を責任者の名前で
#     記録し、議事録・説明資料・残存リスクの受容記録などを証跡として添付してください。
package sansho.rules.contract.agreement_not_attested

import data.sansho.lib
import rego.v1

_requirements := ["v2.3.1", "v2.3.2.1", "v2.5.5"]

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	gaps := [g | some r in _requirements; g := lib.attestation_gap(r, c)]
	count(gaps) > 0
	f := lib.finding(
		c, "spec",
		sprintf("契約 %s: %s。説明・合意・残存リスクの共有は契約の項目で示せないため宣誓が必要です(提供事業者ガイドライン 3.1、3.2.1、5章)。", [c.metadata.name, concat("、", [g.ja | some g in gaps])]),
		sprintf("Contract %s: %s; explanation, agreement and shared residual risks cannot be shown by the contract's fields and need attestations (vendor guideline 3.1, 3.2.1, ch. 5).", [c.metadata.name, concat("; ", [g.en | some g in gaps])]),
	)
}
