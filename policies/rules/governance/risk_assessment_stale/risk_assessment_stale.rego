# METADATA
# title: No recent risk assessment
# description: |
#   The institution records no risk assessment (spec.risk_assessment.performed_on) within
#   risk_assessment_max_age_days, and no valid attestation for g6.mgmt.6. Guideline 6.0 企画管理編 6
#   asks for information to be classified and its risks analysed and managed in a PDCA cycle, and
#   経営管理編 3.2 for measures and training designed from that risk management.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-RISK-001
#   severity: medium
#   level: error
#   requirements: [g6.mgmt.6, g6.gov.3.2]
#   applies_to: [institution]
#   resources: [Organization]
#   treatment: automated
#   title_ja: リスク分析が行われていない
#   description_ja: |
#     医療機関に risk_assessment_max_age_days 以内のリスク分析の記録(spec.risk_assessment.performed_on)がなく、
#     g6.mgmt.6 の有効な宣誓もない。企画管理編 6 は情報の重要度分類とリスク分析を PDCA で管理することを、
#     経営管理編 3.2 はリスク管理に基づく対策・教育の設計を求めている。
#   remediation_en: |
#     Assess the risks and record the date and report (spec.risk_assessment: performed_on, reference), or attest it.
#   remediation_ja: |
#     リスク分析を実施して spec.risk_assessment(performed_on・reference)に記録するか、宣誓で示してください。
package sansho.rules.governance.risk_assessment_stale

import data.sansho.lib
import rego.v1

_dates(o) := [d | d := o.spec.risk_assessment.performed_on]

_recent(o) if {
	some d in _dates(o)
	lib.age_days(d) >= 0
	lib.age_days(d) <= lib.param("risk_assessment_max_age_days")
}

_recent(o) if lib.attested("g6.mgmt.6", o)

_latest(o) := max(_dates(o)) if count(_dates(o)) > 0

_latest(o) := "なし / none" if count(_dates(o)) == 0

_path(o) := "spec.risk_assessment" if o.spec.risk_assessment

_path(o) := "spec" if not o.spec.risk_assessment

deny contains f if {
	some o in input.organizations
	lib.institution(o)
	lib.own(o)
	not _recent(o)
	f := lib.finding(
		o, _path(o),
		sprintf("%s: リスク分析の記録(最終 %s)が %d 日以内になく、有効な宣誓もありません。", [o.metadata.name, _latest(o), lib.param("risk_assessment_max_age_days")]),
		sprintf("%s: no risk assessment is recorded within %d days (latest: %s) and none is attested.", [o.metadata.name, lib.param("risk_assessment_max_age_days"), _latest(o)]),
	)
}
