# METADATA
# title: No recent audit or self-assessment
# description: |
#   The institution records no internal or external audit or self-assessment (spec.audits) within
#   audit_max_age_days, and no valid attestation for g6.gov.3.3.2. Guideline 6.0 経営管理編 3.3 asks
#   management to order regular self-inspections and internal and external audits and to act on
#   the results.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-AUDIT-001
#   severity: medium
#   level: error
#   requirements: [g6.gov.3.3.1, g6.gov.3.3.2]
#   applies_to: [institution]
#   resources: [Organization]
#   treatment: automated
#   title_ja: 監査・自己点検が行われていない
#   description_ja: |
#     医療機関に audit_max_age_days 以内の内部監査・外部監査・自己点検の記録(spec.audits)がなく、g6.gov.3.3.2 の
#     有効な宣誓もない。経営管理編 3.3 は定期的な自己点検と内部・外部監査の実施と、その結果に基づく改善を求めている。
#   remediation_en: |
#     Perform an audit or self-assessment and record it under spec.audits (kind, performed_on, scope, findings_open), or attest it.
#   remediation_ja: |
#     監査または自己点検を実施して spec.audits(kind・performed_on・scope・findings_open)に記録するか、宣誓で示してください。
package sansho.rules.governance.audit_not_performed

import data.sansho.lib
import rego.v1

_dates(o) := [a.performed_on | some a in object.get(o.spec, "audits", [])]

_recent(o) if {
	some d in _dates(o)
	lib.age_days(d) >= 0
	lib.age_days(d) <= lib.param("audit_max_age_days")
}

_recent(o) if lib.attested("g6.gov.3.3.2", o)

_latest(o) := max(_dates(o)) if count(_dates(o)) > 0

_latest(o) := "なし / none" if count(_dates(o)) == 0

_path(o) := "spec.audits" if o.spec.audits

_path(o) := "spec" if not o.spec.audits

deny contains f if {
	some o in input.organizations
	lib.institution(o)
	lib.own(o)
	not _recent(o)
	f := lib.finding(
		o, _path(o),
		sprintf("%s: 監査・自己点検の記録(最終 %s)が %d 日以内になく、有効な宣誓もありません。", [o.metadata.name, _latest(o), lib.param("audit_max_age_days")]),
		sprintf("%s: no audit or self-assessment is recorded within %d days (latest: %s) and none is attested.", [o.metadata.name, lib.param("audit_max_age_days"), _latest(o)]),
	)
}
