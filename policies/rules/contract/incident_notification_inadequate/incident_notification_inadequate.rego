# METADATA
# title: Vendor contract without a prompt incident notification duty
# description: |
#   A contract in force with a vendor does not oblige the vendor to notify the institution of a
#   security incident, sets no deadline, sets a deadline longer than the
#   incident_notification_max_hours parameter (24 hours by default — sansho's default: the
#   guidelines leave the value to the contract), or names no contact. The vendor guideline 2.0
#   (3.2) asks both sides to agree on crisis handling when confidentiality, integrity or
#   availability is impaired; Guideline 6.0 (経営管理編 3.4.2) asks the institution to arrange
#   information sharing with vendors for emergencies; the vendor checklist 3-① asks for an
#   incident contact line with the institution. Contracts whose systems all hold no medical
#   information are not asked.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-CONTRACT-001
#   severity: high
#   level: error
#   requirements: [v2.3.2.2, g6.gov.3.4.2.1, chk.r7.vend.3.1]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: 事業者との契約にインシデント通知の取決めがない、又は通知期限が長すぎる
#   description_ja: |
#     有効な事業者との契約に、セキュリティインシデント発生時の医療機関への通知義務がない、通知期限がない、
#     通知期限がパラメータ incident_notification_max_hours(既定 24 時間。ガイドラインは値を定めず契約に
#     委ねており、これは sansho の既定値)を超える、又は連絡先がない。提供事業者ガイドライン第2.0版 3.2 は
#     機密性・完全性・可用性が損なわれた際の危機管理対応の合意を、ガイドライン第6.0版 経営管理編 3.4.2 は
#     非常時の事業者との情報共有の取決めを、事業者確認用チェックリスト 3-① は医療機関との連絡体制を求めている。
#     対象システムがすべて医療情報を扱わない契約は対象外。
#   remediation_en: |
#     Add an incident notification clause (spec.clauses.incident_notification) with the
#     deadline in hours (within_hours, at most incident_notification_max_hours) and the contact
#     to notify (contact).
#   remediation_ja: |
#     インシデント通知条項(spec.clauses.incident_notification)を設け、通知期限(within_hours、
#     incident_notification_max_hours 以内)と通知先(contact)を定めてください。
package sansho.rules.contract.incident_notification_inadequate

import data.sansho.lib
import rego.v1

# Every system the contract names is known and holds no medical information.
_clause := "spec.clauses.incident_notification"

_issues(c) := [{"path": _clause, "ja": "インシデント通知条項がありません", "en": "there is no incident notification clause"}] if {
	not c.spec.clauses.incident_notification
}

_issues(c) := array.concat(
	array.concat(
		[i |
			not c.spec.clauses.incident_notification.within_hours
			i := {"path": sprintf("%s.within_hours", [_clause]), "ja": "通知期限(within_hours)がありません", "en": "no notification deadline (within_hours)"}
		],
		[i |
			h := c.spec.clauses.incident_notification.within_hours
			h > lib.param("incident_notification_max_hours")
			i := {
				"path": sprintf("%s.within_hours", [_clause]),
				"ja": sprintf("通知期限が %v 時間です(%v 時間以内が必要)", [h, lib.param("incident_notification_max_hours")]),
				"en": sprintf("the notification deadline is %v hours (at most %v required)", [h, lib.param("incident_notification_max_hours")]),
			}
		],
	),
	[i |
		not c.spec.clauses.incident_notification.contact
		i := {"path": sprintf("%s.contact", [_clause]), "ja": "通知先(contact)がありません", "en": "no contact to notify (contact)"}
	],
) if c.spec.clauses.incident_notification

_path(issues) := issues[0].path if count(issues) == 1

_path(issues) := _clause if count(issues) > 1

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	issues := _issues(c)
	count(issues) > 0
	f := lib.finding(
		c, _path(issues),
		sprintf("契約 %s: %s。事業者からのインシデント通知を %v 時間以内とし通知先を定める必要があります(提供事業者ガイドライン 3.2、ガイドライン第6.0版 経営管理編 3.4.2、事業者確認用 3-①)。", [c.metadata.name, concat("、", [i.ja | some i in issues]), lib.param("incident_notification_max_hours")]),
		sprintf("Contract %s: %s; the vendor must notify incidents within %v hours to a named contact (vendor guideline 3.2, Guideline 6.0 governance 3.4.2, vendor checklist 3-①).", [c.metadata.name, concat("; ", [i.en | some i in issues]), lib.param("incident_notification_max_hours")]),
	)
}
