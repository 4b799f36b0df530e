# METADATA
# title: Vendor has no recent security evaluation
# description: |
#   A vendor records no evaluation of the security of what it provides — an external
#   (third-party) audit, an internal audit or a self-assessment under spec.audits — or the newest
#   is older than vendor_assessment_max_age_days (365 by default, sansho's default). The vendor
#   guideline 2.0 (4.3) asks vendors to evaluate the security of their systems and services,
#   third-party evaluation for example. No evaluation at all is an error; an old one is a warning,
#   since how often is not verified against the primary text. Vendors described from the other
#   side (spec.counterparty: true, e.g. in an institution's inventory) are not asked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-VENDOR-005
#   severity: medium
#   level: error
#   requirements: [v2.4.3]
#   applies_to: [vendor]
#   resources: [Organization]
#   title_ja: 事業者の安全管理の評価がない、又は古い
#   description_ja: |
#     事業者に、提供するシステム・サービスの安全管理の評価(spec.audits の外部監査・内部監査・自己評価)の記録がない、
#     又は最新のものが vendor_assessment_max_age_days(既定 365 日。sansho の既定値)より古い。提供事業者ガイドライン
#     第2.0版 4.3 は第三者評価等による安全管理の評価を求めている。記録がなければエラー、古いだけなら(頻度は一次資料で
#     未確認のため)警告。取引先として記載された事業者(spec.counterparty: true。医療機関のインベントリの事業者など)は
#     対象外。
#   remediation_en: |
#     Have the security of the systems and services evaluated (preferably by a third party) and
#     record it under spec.audits (kind, performed_on, scope, findings_open).
#   remediation_ja: |
#     提供するシステム・サービスの安全管理を(できれば第三者により)評価し、spec.audits に記録してください
#     (kind、performed_on、scope、findings_open)。
package sansho.rules.vendor.security_assessment_missing

import data.sansho.lib
import rego.v1

deny contains f if {
	some org in lib.vendors
	lib.own(org)
	count(object.get(org.spec, "audits", [])) == 0
	f := lib.finding(
		org, "spec.audits",
		sprintf("事業者 %s に安全管理の評価(監査・自己評価、spec.audits)の記録がありません。提供するシステム・サービスの評価が必要です(提供事業者ガイドライン 4.3)。", [org.metadata.name]),
		sprintf("Vendor %s records no security evaluation (audit or self-assessment, spec.audits); the systems and services it provides must be evaluated (vendor guideline 4.3).", [org.metadata.name]),
	)
}

deny contains f if {
	some org in lib.vendors
	lib.own(org)
	audits := object.get(org.spec, "audits", [])
	count(audits) > 0
	newest := max([a.performed_on | some a in audits])
	age := lib.age_days(newest)
	age > lib.param("vendor_assessment_max_age_days")
	i := [j | some j, a in audits; a.performed_on == newest][0]
	f := lib.finding_at_level(
		org, sprintf("spec.audits[%d].performed_on", [i]),
		sprintf("事業者 %s の最新の安全管理の評価は %s で、%d 日経過しています(%d 日以内が必要)。提供事業者ガイドライン 4.3。", [org.metadata.name, newest, age, lib.param("vendor_assessment_max_age_days")]),
		sprintf("The newest security evaluation of vendor %s is from %s, %d days ago (at most %d; vendor guideline 4.3).", [org.metadata.name, newest, age, lib.param("vendor_assessment_max_age_days")]),
		"warning",
	)
}
