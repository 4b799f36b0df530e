# METADATA
# title: Remote maintenance not confirmed or not controlled
# description: |
#   A system supplied by a vendor has no record that the institution confirmed with the vendor
#   whether remote maintenance is used (checklist 2-②; a valid attestation for chk.r7.inst.2.2
#   also counts), or remote maintenance is used over the open internet, without dedicated
#   maintenance accounts, or without the sessions being logged and checked against the work plan
#   (Guideline 6.0 システム運用編 10, 企画管理編 9.5 and 15).
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-MAINT-001
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.2, chk.r7.vend.2.2, g6.sys.10.3, g6.sys.10.4, g6.mgmt.9.5, g6.mgmt.15.8]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: リモートメンテナンスが確認・管理されていない
#   description_ja: |
#     事業者が提供するシステムについて、リモートメンテナンスの有無を事業者に確認した記録がない(チェックリスト 2-②。
#     chk.r7.inst.2.2 の有効な宣誓でも可)、またはリモートメンテナンスをインターネット経由で行っている、
#     保守専用アカウントを使っていない、接続記録を取得して作業計画と照合していない(システム運用編 10、
#     企画管理編 9.5・15)。
#   remediation_en: |
#     Record the confirmation (spec.remote_maintenance.used and confirmed_with_vendor_on); when it is
#     used, connect through a VPN or closed line (path), with dedicated accounts, logged sessions and
#     logs reconciled with the work plan.
#   remediation_ja: |
#     確認結果を記録し(spec.remote_maintenance の used と confirmed_with_vendor_on)、利用する場合は VPN・専用線等の
#     経路(path)、保守専用アカウント、接続記録と作業計画との照合を行ってください。
package sansho.rules.remote.remote_maintenance_uncontrolled

import data.sansho.lib
import rego.v1

# A recorded confirmation; else a valid attestation (looked up only when there is no record).
_confirmed(s) := true if s.spec.remote_maintenance.confirmed_with_vendor_on

else := true if lib.attested("chk.r7.inst.2.2", s)

_unconfirmed(s) := [{"path": p, "ja": "事業者への確認の記録がない", "en": "no record that it was confirmed with the vendor"}] if {
	s.spec.vendor
	not _confirmed(s)
	p := _rm_path(s)
} else := []

_rm_path(s) := "spec.remote_maintenance" if s.spec.remote_maintenance

_rm_path(s) := "spec" if not s.spec.remote_maintenance

_controls(rm) := [c |
	some c in [
		{"bad": rm.path == "internet", "path": "spec.remote_maintenance.path", "ja": "インターネット経由で接続している", "en": "it connects over the open internet"},
		{"bad": object.get(rm, "dedicated_accounts", false) != true, "path": "spec.remote_maintenance", "ja": "保守専用アカウントを使っていない", "en": "no dedicated maintenance accounts"},
		{"bad": object.get(rm, "logged", false) != true, "path": "spec.remote_maintenance", "ja": "接続記録を取得していない", "en": "sessions are not logged"},
		{"bad": object.get(rm, "work_plan_reconciled", false) != true, "path": "spec.remote_maintenance", "ja": "記録を作業計画と照合していない", "en": "logs are not reconciled with the work plan"},
	]
	c.bad
]

_used(s) := _controls(object.union({"path": ""}, s.spec.remote_maintenance)) if s.spec.remote_maintenance.used == true

else := []

deny contains f if {
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	rs := array.concat(_unconfirmed(s), _used(s))
	count(rs) > 0
	f := lib.finding(
		s, rs[0].path,
		sprintf("%s のリモートメンテナンス: %s。チェックリスト 2-② とシステム運用編 10 は事業者への確認と、利用時の経路・アカウント・記録の管理を求めています。", [s.metadata.name, concat("、", [r.ja | some r in rs])]),
		sprintf("Remote maintenance of %s: %s. Checklist item 2-② and Guideline 6.0 system operation 10 ask for confirmation with the vendor and, when used, a restricted path, dedicated accounts and logged sessions.", [s.metadata.name, concat("; ", [r.en | some r in rs])]),
	)
}
