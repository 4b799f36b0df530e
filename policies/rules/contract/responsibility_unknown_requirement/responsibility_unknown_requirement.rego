# METADATA
# title: Responsibility split names a requirement that is not in the catalog
# description: |
#   An entry of a contract's split of responsibilities (spec.responsibilities[].requirement)
#   names a requirement id that is neither in sansho's catalog nor in a custom catalog: the
#   entry assigns nothing anyone can check, often because of a typo or an id from an old edition.
#   The vendor guideline 2.0 (4.2) asks for a clear split; an entry nobody can map to a
#   requirement leaves it unclear.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-CONTRACT-011
#   severity: medium
#   level: error
#   requirements: [v2.4.2]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 責任分界にカタログにない要件IDがある
#   description_ja: |
#     契約の責任分界の項目(spec.responsibilities[].requirement)が、sansho のカタログにもカスタムカタログにもない
#     要件IDを挙げている。誤記や旧版のIDであることが多く、その項目は何も割り当てていない。
#     提供事業者ガイドライン第2.0版 4.2 は明確な役割分担を求めている。
#   remediation_en: |
#     Use an id listed by `sansho requirements` (or declare it in a custom catalog), or remove
#     the entry.
#   remediation_ja: |
#     `sansho requirements` が示すID(又はカスタムカタログで定義したID)に直すか、項目を削除してください。
package sansho.rules.contract.responsibility_unknown_requirement

import data.sansho.lib
import rego.v1

deny contains f if {
	some c in input.contracts
	some i, r in object.get(c.spec, "responsibilities", [])
	not data.sansho.requirements[r.requirement]
	f := lib.finding(
		c, sprintf("spec.responsibilities[%d].requirement", [i]),
		sprintf("契約 %s の責任分界 %d 番目の要件ID %s はカタログにありません。誤記か旧版のIDでないか確認してください(提供事業者ガイドライン 4.2)。", [c.metadata.name, i + 1, r.requirement]),
		sprintf("Entry %d of the responsibility split of contract %s names requirement %s, which is not in the catalog; check for a typo or an id from an old edition (vendor guideline 4.2).", [i + 1, c.metadata.name, r.requirement]),
	)
}
