# METADATA
# title: No recent security training for staff
# description: |
#   The institution records no security training for its staff (spec.training with audience
#   all_staff or new_staff) within training_max_age_days, and no valid attestation for
#   g6.mgmt.11.6. Guideline 6.0 企画管理編 11.6 asks for education and regular drills of staff, and
#   経営管理編 1.1 for staff to be made to follow the rules.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-TRAIN-001
#   severity: medium
#   level: error
#   requirements: [g6.mgmt.11.6, g6.gov.1.1.2]
#   applies_to: [institution]
#   resources: [Organization]
#   treatment: automated
#   title_ja: 職員への教育・訓練が行われていない
#   description_ja: |
#     医療機関に training_max_age_days 以内の職員向けセキュリティ研修の記録(audience が all_staff 又は new_staff の
#     spec.training)がなく、g6.mgmt.11.6 の有効な宣誓もない。企画管理編 11.6 は職員への教育と定期的な訓練を、
#     経営管理編 1.1 は職員に法令等を遵守させることを求めている。
#   remediation_en: |
#     Hold security training for all staff and record it (spec.training: held_on, audience, participants), or attest it.
#   remediation_ja: |
#     全職員向けのセキュリティ研修を実施して spec.training(held_on・audience・participants)に記録するか、宣誓で示してください。
package sansho.rules.governance.training_not_held

import data.sansho.lib
import rego.v1

_dates(o) := [t.held_on | some t in object.get(o.spec, "training", []); object.get(t, "audience", "all_staff") in {"all_staff", "new_staff"}]

_recent(o) if {
	some d in _dates(o)
	lib.age_days(d) >= 0
	lib.age_days(d) <= lib.param("training_max_age_days")
}

_recent(o) if lib.attested("g6.mgmt.11.6", o)

_latest(o) := max(_dates(o)) if count(_dates(o)) > 0

_latest(o) := "なし / none" if count(_dates(o)) == 0

_path(o) := "spec.training" if o.spec.training

_path(o) := "spec" if not o.spec.training

deny contains f if {
	some o in input.organizations
	lib.institution(o)
	lib.own(o)
	not _recent(o)
	f := lib.finding(
		o, _path(o),
		sprintf("%s: 職員向けセキュリティ研修の記録(最終 %s)が %d 日以内になく、有効な宣誓もありません。", [o.metadata.name, _latest(o), lib.param("training_max_age_days")]),
		sprintf("%s: no staff security training is recorded within %d days (latest: %s) and none is attested.", [o.metadata.name, lib.param("training_max_age_days"), _latest(o)]),
	)
}
