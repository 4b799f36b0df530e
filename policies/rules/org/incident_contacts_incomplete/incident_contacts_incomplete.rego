# METADATA
# title: Incident contact chart incomplete
# description: |
#   The institution has no incident contact chart, has not updated it within
#   incident_contacts_max_age_days, or its contacts do not reach its own staff or management, the
#   vendors, the MHLW and the police; a vendor records no internal incident contact (the desk its
#   customer institutions call). Checklist item 3-① asks for a chart covering the organization and
#   outside bodies (vendors, MHLW, police), and
#   Guideline 6.0 経営管理編 3.4.3 for a procedure to report promptly to the MHLW and the police.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ORG-003
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.3.1, chk.r7.vend.3.1, g6.gov.3.4.3.1]
#   applies_to: [institution, vendor]
#   resources: [Organization]
#   treatment: automated
#   title_ja: インシデント時の連絡体制が不十分
#   description_ja: |
#     医療機関に連絡体制図がない、incident_contacts_max_age_days 以内に更新されていない、または連絡先に
#     組織内(担当者・経営層)・事業者・厚生労働省・警察が含まれていない。事業者は社内のインシデント窓口
#     (契約医療機関からの連絡を受ける窓口)を記録していない。チェックリスト 3-① は組織内と外部関係機関(事業者・厚労省・警察等)への
#     連絡体制図を、経営管理編 3.4.3 は厚労省・警察等へ速やかに報告する体制を求めている。
#   remediation_en: |
#     Record the contact chart (spec.incident_response.contact_chart: reference, updated_on) and
#     keep it current; record the contacts, with party internal or management, vendor, mhlw and
#     police for institutions (internal for vendors).
#   remediation_ja: |
#     連絡体制図(spec.incident_response.contact_chart の reference・updated_on)を記録して最新に保ち、
#     連絡先を記録してください。医療機関は party に internal 又は management と vendor・mhlw・police を、
#     事業者は internal を含めてください。
package sansho.rules.org.incident_contacts_incomplete

import data.sansho.lib
import rego.v1

_required(o) := {"vendor", "mhlw", "police"} if lib.institution(o)

_required(o) := {"internal"} if o.spec.type == "vendor"

_parties(o) := {c.party | some c in object.get(object.get(o.spec, "incident_response", {}), "contacts", [])}

# At least one contact inside the organization (staff or management), as the chart starts there.
_inside := {"internal", "management"}

_missing(o) := (_required(o) - _parties(o)) | {"internal/management" |
	lib.institution(o)
	count(_inside & _parties(o)) == 0
}

_chart(o) := object.get(object.get(o.spec, "incident_response", {}), "contact_chart", {})

_chart_problems(o) := [{"ja": "連絡体制図の記録がない", "en": "no contact chart is recorded"}] if {
	lib.institution(o)
	not _chart(o).reference
} else := [{"ja": "連絡体制図の更新日(updated_on)がない", "en": "the contact chart has no update date (updated_on)"}] if {
	lib.institution(o)
	not _chart(o).updated_on
} else := [{
	"ja": sprintf("連絡体制図が %d 日以内に更新されていない(最終 %s)", [lib.param("incident_contacts_max_age_days"), _chart(o).updated_on]),
	"en": sprintf("the contact chart was not updated within %d days (latest %s)", [lib.param("incident_contacts_max_age_days"), _chart(o).updated_on]),
}] if {
	lib.institution(o)
	lib.age_days(_chart(o).updated_on) > lib.param("incident_contacts_max_age_days")
} else := []

_missing_parties(o) := [{"ja": sprintf("連絡先に %s がない", [concat(", ", sort(m))]), "en": sprintf("no contact for %s", [concat(", ", sort(m))])}] if {
	m := _missing(o)
	count(m) > 0
} else := []

_path(o) := "spec.incident_response" if o.spec.incident_response

_path(o) := "spec" if not o.spec.incident_response

deny contains f if {
	some o in input.organizations
	lib.own(o)
	_required(o)
	rs := array.concat(_chart_problems(o), _missing_parties(o))
	count(rs) > 0
	f := lib.finding(
		o, _path(o),
		sprintf("%s のインシデント連絡体制: %s。チェックリスト 3-① は組織内と事業者・厚労省・警察等への連絡体制図を求めています。", [o.metadata.name, concat("、", [r.ja | some r in rs])]),
		sprintf("Incident contacts of %s: %s. Checklist item 3-① asks for a contact chart reaching the organization, vendors, the MHLW and the police.", [o.metadata.name, concat("; ", [r.en | some r in rs])]),
	)
}
