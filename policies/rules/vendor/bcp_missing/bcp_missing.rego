# METADATA
# title: Vendor has no business continuity plan on record
# description: |
#   A vendor records no business continuity plan (spec.continuity.bcp.exists is not true). The
#   vendor guideline 2.0 (5, considerations ⑥) lists business continuity planning among the
#   considerations of a vendor's risk treatment. The catalog knows that item only from its
#   heading, so this rule only warns. Vendors described from the other side
#   (spec.counterparty: true, e.g. in an institution's inventory) are not asked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-VENDOR-006
#   severity: medium
#   level: warning
#   requirements: [v2.5.7]
#   applies_to: [vendor]
#   resources: [Organization]
#   title_ja: 事業者の事業継続計画(BCP)が記録されていない
#   description_ja: |
#     事業者に事業継続計画(spec.continuity.bcp.exists: true)が記録されていない。提供事業者ガイドライン第2.0版
#     5章(考慮事項⑥)は、リスク対応の考慮事項として BCP への配慮を挙げている。カタログはこの項目を見出しでしか
#     把握していないため、警告にとどめる。取引先として記載された事業者(spec.counterparty: true。医療機関の
#     インベントリの事業者など)は対象外。
#   remediation_en: |
#     Plan how the service continues or is restored after an outage or a cyberattack and record
#     it under spec.continuity.bcp (exists true, reference, approved_on).
#   remediation_ja: |
#     障害やサイバー攻撃の際にサービスを継続・復旧する計画を定め、spec.continuity.bcp に記録してください
#     (exists: true、reference、approved_on)。
package sansho.rules.vendor.bcp_missing

import data.sansho.lib
import rego.v1

_state(org) := ["記録されていません", "is not recorded"] if not is_boolean(org.spec.continuity.bcp.exists)

_state(org) := ["ないとされています(exists: false)", "is recorded as absent (exists: false)"] if org.spec.continuity.bcp.exists == false

deny contains f if {
	some org in lib.vendors
	lib.own(org)
	not org.spec.continuity.bcp.exists == true
	st := _state(org)
	f := lib.finding(
		org, "spec.continuity.bcp.exists",
		sprintf("事業者 %s の事業継続計画(BCP)が%s。リスク対応で BCP への配慮が求められています(提供事業者ガイドライン 5章 考慮事項⑥)。", [org.metadata.name, st[0]]),
		sprintf("The business continuity plan of vendor %s %s; risk treatment must take business continuity into account (vendor guideline ch. 5, consideration ⑥).", [org.metadata.name, st[1]]),
	)
}
