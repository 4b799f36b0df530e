# METADATA
# title: Vendor contract without a split of responsibilities
# description: |
#   A contract in force with a vendor records no split of responsibilities
#   (spec.responsibilities is missing or empty): nothing says which requirements the vendor
#   carries, which the institution keeps and which they share. The vendor guideline 2.0 (4.2)
#   asks vendors to make the split with the institution clear; Guideline 6.0 asks for it in the
#   outsourcing contract (経営管理編 1章・5.2, 企画管理編 2) and for the technical split in normal
#   times, in emergencies and under cyberattack (システム運用編 3 遵守事項③④).
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-010
#   severity: high
#   level: error
#   requirements: [v2.4.2, g6.sys.3.3, g6.sys.3.4, g6.mgmt.2.1, g6.gov.1.3]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約に責任分界がない
#   description_ja: |
#     有効な事業者との契約に責任分界(spec.responsibilities)が記録されていない。どの要件を事業者が担い、
#     どれを医療機関が持ち、どれを共同で担うかが分からない。提供事業者ガイドライン第2.0版 4.2 は医療機関との
#     役割分担の明確化を、ガイドライン第6.0版は委託契約での責任の整理(経営管理編 1章・5.2、企画管理編 2)と、
#     通常時・非常時・サイバー攻撃時の技術的な役割分担の明確化(システム運用編 3 遵守事項③④)を求めている。
#   remediation_en: |
#     Record the split under spec.responsibilities: for each requirement (catalog id) its owner
#     (institution, vendor, shared with a description, or subcontractor:<name>) and the
#     document that backs it (evidence).
#   remediation_ja: |
#     spec.responsibilities に、要件(カタログID)ごとの責任主体(institution、vendor、説明付きの shared、
#     subcontractor:<名前>)と根拠文書(evidence)を記録してください。
package sansho.rules.contract.responsibilities_missing

import data.sansho.lib
import rego.v1

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	count(object.get(c.spec, "responsibilities", [])) == 0
	f := lib.finding(
		c, "spec.responsibilities",
		sprintf("契約 %s に責任分界(spec.responsibilities)が記録されていません。要件ごとに事業者・医療機関のどちらが担うかを明確にする必要があります(提供事業者ガイドライン 4.2、ガイドライン第6.0版 システム運用編 3 遵守事項③④、企画管理編 2)。", [c.metadata.name]),
		sprintf("Contract %s records no split of responsibilities (spec.responsibilities); who carries each requirement, vendor or institution, must be made clear (vendor guideline 4.2, Guideline 6.0 system operation 3 ③④, planning 2).", [c.metadata.name]),
	)
}
