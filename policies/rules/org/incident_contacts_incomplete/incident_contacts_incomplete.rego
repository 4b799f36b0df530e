# METADATA
# title: Incident contact chart incomplete
# description: |
#   The institution has no incident contact chart, or its contacts do not reach the vendors, the
#   MHLW and the police; a vendor records no internal incident contact. Checklist item 3-① asks
#   for a chart covering the organization and outside bodies (vendors, MHLW, police), and
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
#     医療機関に連絡体制図がない、または連絡先に事業者・厚生労働省・警察が含まれていない。事業者は社内の
#     インシデント窓口を記録していない。チェックリスト 3-① は組織内と外部関係機関(事業者・厚労省・警察等)への
#     連絡体制図を、経営管理編 3.4.3 は厚労省・警察等へ速やかに報告する体制を求めている。
#   remediation_en: |
#     Record the contact chart (spec.incident_response.contact_chart.reference) and the contacts,
#     with party vendor, mhlw and police for institutions (internal for vendors).
#   remediation_ja: |
#     連絡体制図(spec.incident_response.contact_chart.reference)と連絡先を記録し、医療機関は party に
#     vendor・mhlw・police を、事業者は internal を含めてください。
package sansho.rules.org.incident_contacts_incomplete

import data.sansho.lib
import rego.v1

_required(o) := {"vendor", "mhlw", "police"} if lib.institution(o)

_required(o) := {"internal"} if o.spec.type == "vendor"

_parties(o) := {c.party | some c in object.get(object.get(o.spec, "incident_response", {}), "contacts", [])}

_chart_missing(o) := [{"ja": "連絡体制図の記録がない", "en": "no contact chart is recorded"}] if {
	lib.institution(o)
	not o.spec.incident_response.contact_chart.reference
} else := []

_missing_parties(o) := [{"ja": sprintf("連絡先に %s がない", [concat(", ", sort(m))]), "en": sprintf("no contact for %s", [concat(", ", sort(m))])}] if {
	m := _required(o) - _parties(o)
	count(m) > 0
} else := []

_path(o) := "spec.incident_response" if o.spec.incident_response

_path(o) := "spec" if not o.spec.incident_response

deny contains f if {
	some o in input.organizations
	lib.own(o)
	_required(o)
	rs := array.concat(_chart_missing(o), _missing_parties(o))
	count(rs) > 0
	f := lib.finding(
		o, _path(o),
		sprintf("%s のインシデント連絡体制: %s。チェックリスト 3-① は組織内と事業者・厚労省・警察等への連絡体制図を求めています。", [o.metadata.name, concat("、", [r.ja | some r in rs])]),
		sprintf("Incident contacts of %s: %s. Checklist item 3-① asks for a contact chart reaching the organization, vendors, the MHLW and the police.", [o.metadata.name, concat("; ", [r.en | some r in rs])]),
	)
}
