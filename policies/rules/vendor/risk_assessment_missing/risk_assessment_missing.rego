# METADATA
# title: Vendor has no recent risk assessment
# description: |
#   A vendor records no risk assessment of what it provides (spec.risk_assessment.performed_on,
#   or a document of type risk_assessment with its approval or review date), or the newest is
#   older than risk_assessment_max_age_days (365 by default, sansho's default). The vendor
#   guideline 2.0 (5.1) asks vendors to map the configuration and data flows of what they provide,
#   identify the risks, and analyse and evaluate them. No assessment at all is an error; an old
#   one is a warning, since the guideline sets no interval. Vendors described from the other side
#   (spec.counterparty: true, e.g. in an institution's inventory) are not asked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
# custom:
#   id: SNS-VENDOR-004
#   severity: medium
#   level: error
#   requirements: [v2.5.1, v2.5.2]
#   applies_to: [vendor]
#   resources: [Organization]
#   title_ja: 事業者のリスクアセスメントがない、又は古い
#   description_ja: |
#     事業者に、提供するシステム・サービスのリスクアセスメントの記録(spec.risk_assessment.performed_on、又は type が
#     risk_assessment の文書の承認日・見直し日)がない、又は最新のものが risk_assessment_max_age_days(既定 365 日。
#     sansho の既定値)より古い。提供事業者ガイドライン第2.0版 5.1 は、全体構成と医療情報の流れを明らかにしたうえでの
#     リスクの特定・分析・評価を求めている。記録がなければエラー、古いだけなら(ガイドラインは間隔を定めないため)警告。
#     取引先として記載された事業者(spec.counterparty: true。医療機関のインベントリの事業者など)は対象外。
#   remediation_en: |
#     Assess the risks of the systems and services provided (configuration, data flows,
#     identified risks, analysis and evaluation) and record the date under
#     spec.risk_assessment (performed_on, reference).
#   remediation_ja: |
#     提供するシステム・サービスのリスク(構成、データの流れ、特定したリスクとその分析・評価)をアセスメントし、
#     spec.risk_assessment に実施日(performed_on)と参照(reference)を記録してください。
package sansho.rules.vendor.risk_assessment_missing

import data.sansho.lib
import rego.v1

_dates(org) := array.concat(
	[d | d := org.spec.risk_assessment.performed_on],
	[d |
		some doc in object.get(org.spec, "documents", [])
		doc.type == "risk_assessment"
		some d in [object.get(doc, "approved_on", ""), object.get(doc, "reviewed_on", "")]
		d != ""
	],
)

deny contains f if {
	some org in lib.vendors
	lib.own(org)
	count(_dates(org)) == 0
	f := lib.finding(
		org, "spec.risk_assessment",
		sprintf("事業者 %s にリスクアセスメントの記録(spec.risk_assessment.performed_on)がありません。提供するシステム・サービスのリスクの特定・分析・評価が必要です(提供事業者ガイドライン 5.1)。", [org.metadata.name]),
		sprintf("Vendor %s records no risk assessment (spec.risk_assessment.performed_on); the risks of what it provides must be identified, analysed and evaluated (vendor guideline 5.1).", [org.metadata.name]),
	)
}

deny contains f if {
	some org in lib.vendors
	lib.own(org)
	dates := _dates(org)
	count(dates) > 0
	newest := max(dates)
	age := lib.age_days(newest)
	age > lib.param("risk_assessment_max_age_days")
	f := lib.finding_at_level(
		org, "spec.risk_assessment.performed_on",
		sprintf("事業者 %s の最新のリスクアセスメントは %s で、%d 日経過しています(%d 日以内が必要)。提供事業者ガイドライン 5.1。", [org.metadata.name, newest, age, lib.param("risk_assessment_max_age_days")]),
		sprintf("The newest risk assessment of vendor %s is from %s, %d days ago (at most %d; vendor guideline 5.1).", [org.metadata.name, newest, age, lib.param("risk_assessment_max_age_days")]),
		"warning",
	)
}
