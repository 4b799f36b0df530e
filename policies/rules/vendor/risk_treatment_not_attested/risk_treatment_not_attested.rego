# METADATA
# title: Vendor's risk treatment and design not attested
# description: |
#   A vendor has no valid attestation that it chose a treatment for each identified risk
#   (reduce, avoid, share or retain, keeping residual risks knowingly; vendor guideline 2.0, 5.2)
#   and that it designed and evaluated its measures so that institutions can comply with the MHLW
#   guideline (5, design and evaluation of measures). No inventory field shows these decisions,
#   so each needs an Attestation about the vendor (or without a subject), valid on the evaluation
#   date. Vendors described from the other side (spec.counterparty: true, e.g. in an
#   institution's inventory) are not asked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-VENDOR-007
#   severity: medium
#   level: error
#   requirements: [v2.5.3, v2.5.4]
#   applies_to: [vendor]
#   resources: [Organization]
#   treatment: attested
#   title_ja: 事業者のリスク対応と対策の設計の宣誓がない
#   description_ja: |
#     事業者について、特定したリスクごとに対応(低減・回避・共有・保有。残存リスクは認識したうえで保有)を選んだこと
#     (提供事業者ガイドライン第2.0版 5.2)と、医療機関が厚生労働省ガイドラインを遵守できるよう対策を設計・評価した
#     こと(5章 対応策の設計・評価)の、評価日に有効な宣誓がない。これらの判断はインベントリの項目では示せないため、
#     それぞれ事業者を対象とする(又は対象なしの)宣誓が必要。取引先として記載された事業者(spec.counterparty: true。
#     医療機関のインベントリの事業者など)は対象外。
#   remediation_en: |
#     Record an Attestation for v2.5.3 and one for v2.5.4 about the vendor (subject kind
#     Organization), with the risk treatment plan and the mapping of measures to the MHLW
#     guideline as evidence.
#   remediation_ja: |
#     v2.5.3 と v2.5.4 のそれぞれについて、事業者を対象(subject の kind: Organization)とする宣誓を記録し、
#     リスク対応計画と厚生労働省ガイドラインへの対策の対応表を証跡として添付してください。
package sansho.rules.vendor.risk_treatment_not_attested

import data.sansho.lib
import rego.v1

_requirements := ["v2.5.3", "v2.5.4"]

deny contains f if {
	some org in lib.vendors
	lib.own(org)
	gaps := [g | some r in _requirements; g := lib.attestation_gap(r, org)]
	count(gaps) > 0
	f := lib.finding(
		org, "spec.risk_assessment",
		sprintf("事業者 %s: %s。リスク対応の選択と、医療機関がガイドラインを遵守できる対策の設計・評価は、宣誓で示す必要があります(提供事業者ガイドライン 5章)。", [org.metadata.name, concat("、", [g.ja | some g in gaps])]),
		sprintf("Vendor %s: %s; the choice of risk treatments and the design and evaluation of measures that let institutions comply must be attested (vendor guideline ch. 5).", [org.metadata.name, concat("; ", [g.en | some g in gaps])]),
	)
}
