# METADATA
# title: Remotely maintained device not covered by its system's remote maintenance record
# description: |
#   A device in use records that it is maintained remotely (spec.remote_maintenance.enabled)
#   but none of the systems it belongs to records remote maintenance as used
#   (System spec.remote_maintenance.used: true; the device belongs to a system that names it in
#   spec.assets or spec.remote_maintenance.devices, or that it names in spec.systems), or it is
#   reached over the open internet. Checklist 2-② asks the institution to know, with the vendor,
#   which devices are maintained remotely; a device the system record does not cover escapes
#   the confirmation and the controls SNS-MAINT-001 checks on the system. Retired systems do not
#   count.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-MAINT-002
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.2, chk.r7.vend.2.2, g6.mgmt.9.5]
#   applies_to: [institution, vendor]
#   resources: [Asset]
#   treatment: automated
#   title_ja: リモートメンテナンスされる機器がシステムの記録で把握されていない
#   description_ja: |
#     稼働中の機器がリモートメンテナンスされると記録している(spec.remote_maintenance.enabled)のに、所属する
#     どのシステムもリモートメンテナンスの利用を記録していない(System の spec.remote_maintenance.used: true。
#     所属とは、システムが spec.assets 又は spec.remote_maintenance.devices で機器を挙げるか、機器が spec.systems で
#     システムを挙げること)、又はインターネット経由で接続されている。チェックリスト 2-② はリモートメンテナンスを
#     使う機器を事業者に確認して把握することを求めている。システムの記録から漏れた機器は、SNS-MAINT-001 が
#     システムについて確認する事業者への確認と管理策の対象外になる。廃止済みのシステムは数えない。
#   remediation_en: |
#     Record remote maintenance on the system the device serves (spec.remote_maintenance.used: true,
#     confirmed_with_vendor_on, and the device in devices), or correct the device record if it is not
#     maintained remotely; connect through a VPN or closed line, not the open internet.
#   remediation_ja: |
#     機器が属するシステムにリモートメンテナンスの利用を記録し(spec.remote_maintenance の used: true、
#     confirmed_with_vendor_on、devices に機器名)、リモートメンテナンスされていない場合は機器の記録を直してください。
#     接続はインターネットではなく VPN・専用線等で行ってください。
package sansho.rules.maintenance.remote_maintenance_device_unconfirmed

import data.sansho.lib
import rego.v1

# The systems naming each asset (in spec.assets or spec.remote_maintenance.devices), by asset name.
_named_by[a] contains n if {
	some s in input.systems
	some a in array.concat(object.get(s.spec, "assets", []), object.get(s.spec, ["remote_maintenance", "devices"], []))
	n := s.metadata.name
}

_named(name) := ns if ns := _named_by[name]

else := set()

_systems_of(a) := sort({n | some n in object.get(a.spec, "systems", [])} | _named(a.metadata.name))

# The active systems that record remote maintenance as used, built once.
_maintained contains n if {
	some s in input.systems
	lib.active_system(s)
	s.spec.remote_maintenance.used == true
	n := s.metadata.name
}

_covered(names) if {
	some n in names
	n in _maintained
}

# The assets a maintained system names (spec.assets or spec.remote_maintenance.devices), built
# once: most devices are covered this way or by a system they name, and need no list of their
# systems.
_named_by_maintained contains a if {
	some s in input.systems
	s.metadata.name in _maintained
	some a in array.concat(object.get(s.spec, "assets", []), object.get(s.spec, ["remote_maintenance", "devices"], []))
}

_covered_asset(a) := true if a.metadata.name in _named_by_maintained

else := true if _covered(object.get(a.spec, "systems", []))

_unrecorded(a) := [] if _covered_asset(a)

else := _unrecorded_of(_systems_of(a))

_unrecorded_of(names) := [p] if {
	count(names) == 0
	p := {
		"path": "spec.remote_maintenance.enabled",
		"ja": "どのシステムにも属しておらず、事業者への確認の記録と結び付いていない",
		"en": "it belongs to no system, so no confirmation with the vendor covers it",
	}
} else := [p] if {
	not _covered(names)
	p := {
		"path": "spec.remote_maintenance.enabled",
		"ja": sprintf("所属するシステム(%s)がリモートメンテナンスの利用を記録していない(spec.remote_maintenance.used)", [concat(", ", names)]),
		"en": sprintf("the systems it belongs to (%s) do not record remote maintenance as used (spec.remote_maintenance.used)", [concat(", ", names)]),
	}
} else := []

_internet(a) := [p] if {
	a.spec.remote_maintenance.path == "internet"
	p := {"path": "spec.remote_maintenance.path", "ja": "インターネット経由で接続している", "en": "it is reached over the open internet"}
} else := []

deny contains f if {
	some a in input.assets
	a.spec.remote_maintenance.enabled == true
	object.get(a.spec, "status", "in_use") == "in_use"
	ps := array.concat(_unrecorded(a), _internet(a))
	count(ps) > 0
	f := lib.finding(
		a, ps[0].path,
		sprintf("機器 %s はリモートメンテナンスされていますが、%s。チェックリスト 2-② はリモートメンテナンスを使う機器を事業者に確認して把握することを求めています。", [a.metadata.name, concat("、", [p.ja | some p in ps])]),
		sprintf("Device %s is maintained remotely but %s. Checklist item 2-② asks the institution to confirm with the vendor which devices are maintained remotely.", [a.metadata.name, concat("; ", [p.en | some p in ps])]),
	)
}
