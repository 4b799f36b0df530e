# METADATA
# title: Shared responsibility without a description of who does what
# description: |
#   An entry of a contract's split of responsibilities is owned by `shared` but has no
#   description of how the work is divided. A shared requirement with no split is the usual
#   source of gaps — each side assumes the other does it. The vendor guideline 2.0 (4.2) asks for
#   a clear split; Guideline 6.0 (システム運用編 3 遵守事項③) asks for the technical roles to be
#   made clear.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-CONTRACT-012
#   severity: medium
#   level: error
#   requirements: [v2.4.2, g6.sys.3.3]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 共同で担う責任に分担の説明がない
#   description_ja: |
#     契約の責任分界の項目が shared(共同)なのに、どう分担するかの説明(description)がない。分担のない共同責任は、
#     互いに相手が行うと考えて抜けが生じやすい。提供事業者ガイドライン第2.0版 4.2 は明確な役割分担を、
#     ガイドライン第6.0版 システム運用編 3 遵守事項③は技術的な役割分担の明確化を求めている。
#   remediation_en: Describe in the entry's description which part the vendor does and which the institution does.
#   remediation_ja: |
#     項目の description に、事業者が行う部分と医療機関が行う部分を記述してください。
package sansho.rules.contract.responsibility_shared_undescribed

import data.sansho.lib
import rego.v1

_described(r) if trim_space(r.description) != ""

deny contains f if {
	some c in input.contracts
	some i, r in object.get(c.spec, "responsibilities", [])
	r.owner == "shared"
	not _described(r)
	f := lib.finding(
		c, sprintf("spec.responsibilities[%d].description", [i]),
		sprintf("契約 %s の責任分界で %s は共同(shared)とされていますが、分担の説明(description)がありません(提供事業者ガイドライン 4.2、ガイドライン第6.0版 システム運用編 3 遵守事項③)。", [c.metadata.name, r.requirement]),
		sprintf("In contract %s, %s is shared but no description says who does what (vendor guideline 4.2, Guideline 6.0 system operation 3 ③).", [c.metadata.name, r.requirement]),
	)
}
