# METADATA
# title: No business continuity plan for a cyberattack, or not drilled
# description: |
#   The institution has no business continuity plan (BCP), its BCP does not assume a cyberattack,
#   has not been approved or reviewed within document_review_max_days, or it has not been drilled
#   within bcp_drill_max_days (recorded as
#   spec.continuity.bcp.last_drill_on, or a valid attestation for chk.r7.inst.3.3). Checklist 3-③
#   asks for a BCP that assumes a cyberattack; Guideline 6.0 経営管理編 3.4.1 for the plan and for
#   regular drills.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ORG-004
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.3.3, g6.gov.3.4.1.1, g6.gov.3.4.1.3, g6.mgmt.11.2]
#   applies_to: [institution]
#   resources: [Organization]
#   treatment: automated
#   title_ja: サイバー攻撃を想定した BCP がない、または訓練されていない
#   description_ja: |
#     医療機関に事業継続計画(BCP)がない、BCP がサイバー攻撃を想定していない、document_review_max_days 以内に
#     承認・見直しされていない、または bcp_drill_max_days 以内に
#     訓練した記録(spec.continuity.bcp.last_drill_on、又は chk.r7.inst.3.3 の有効な宣誓)がない。チェックリスト 3-③ は
#     サイバー攻撃を想定した BCP を、経営管理編 3.4.1 は BCP の整備と定期的な訓練を求めている。
#   remediation_en: |
#     Write a BCP that assumes a cyberattack (spec.continuity.bcp: exists, assumes_cyberattack,
#     reference, approved_on), review it at least every document_review_max_days (reviewed_on),
#     drill it and record the drill (last_drill_on) or attest it.
#   remediation_ja: |
#     サイバー攻撃を想定した BCP を策定し(spec.continuity.bcp の exists・assumes_cyberattack・reference・approved_on)、
#     document_review_max_days ごとに見直して reviewed_on に記録し、訓練を行って last_drill_on に記録するか、
#     宣誓(Attestation)で示してください。
package sansho.rules.org.bcp_not_ready

import data.sansho.lib
import rego.v1

_drilled(o) if lib.age_days(o.spec.continuity.bcp.last_drill_on) <= lib.param("bcp_drill_max_days")

_drilled(o) if lib.attested("chk.r7.inst.3.3", o)

_problems(o) := [{"path": _path(o), "ja": "BCP が記録されていない", "en": "no BCP is recorded"}] if {
	not o.spec.continuity.bcp.exists == true
} else := [p |
	some p in [
		{"bad": object.get(o.spec.continuity.bcp, "assumes_cyberattack", false) != true, "path": "spec.continuity.bcp", "ja": "サイバー攻撃を想定していない", "en": "it does not assume a cyberattack"},
		{"bad": _not_reviewed(o), "path": "spec.continuity.bcp", "ja": _review_text(o).ja, "en": _review_text(o).en},
		{"bad": _not_drilled(o), "path": "spec.continuity.bcp", "ja": sprintf("%d 日以内の訓練の記録・宣誓がない", [lib.param("bcp_drill_max_days")]), "en": sprintf("no drill recorded or attested within %d days", [lib.param("bcp_drill_max_days")])},
	]
	p.bad
]

_review_dates(o) := [d | some d in [object.get(o.spec.continuity.bcp, "approved_on", ""), object.get(o.spec.continuity.bcp, "reviewed_on", "")]; d != ""]

_reviewed(o) if lib.age_days(max(_review_dates(o))) <= lib.param("document_review_max_days")

_not_reviewed(o) := false if _reviewed(o)

else := true

_review_text(o) := {"ja": "承認日・見直し日(approved_on、reviewed_on)の記録がない", "en": "no approval or review date (approved_on, reviewed_on) is recorded"} if {
	count(_review_dates(o)) == 0
} else := {
	"ja": sprintf("%d 日以内に承認・見直しされていない(最終 %s)", [lib.param("document_review_max_days"), max(_review_dates(o))]),
	"en": sprintf("not approved or reviewed within %d days (latest %s)", [lib.param("document_review_max_days"), max(_review_dates(o))]),
}

_not_drilled(o) := false if _drilled(o)

else := true

_path(o) := "spec.continuity.bcp" if o.spec.continuity.bcp

_path(o) := "spec.continuity" if {
	o.spec.continuity
	not o.spec.continuity.bcp
}

_path(o) := "spec" if not o.spec.continuity

deny contains f if {
	some o in input.organizations
	lib.institution(o)
	lib.own(o)
	ps := _problems(o)
	count(ps) > 0
	f := lib.finding(
		o, ps[0].path,
		sprintf("%s の事業継続計画: %s。チェックリスト 3-③ はサイバー攻撃を想定した BCP を、経営管理編 3.4.1 は定期的な訓練を求めています。", [o.metadata.name, concat("、", [p.ja | some p in ps])]),
		sprintf("Business continuity plan of %s: %s. Checklist item 3-③ asks for a BCP that assumes a cyberattack and Guideline 6.0 management 3.4.1 for regular drills.", [o.metadata.name, concat("; ", [p.en | some p in ps])]),
	)
}
