# METADATA
# title: Security updates not applied
# description: |
#   A server, terminal or network device in use has no record of security updates, has not had
#   one applied within patch_max_age_days, has security updates pending, or runs an operating
#   system or firmware past its end of support (checklist 2-⑥; Guideline 6.0 システム運用編 8,
#   企画管理編 9.2). A device whose updates are withheld for a recorded reason (e.g. a medical
#   device whose certification forbids changes: spec.patching.exempt_reason) is reported as a
#   warning instead, so the compensating control stays visible.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-PATCH-001
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.6, chk.r7.vend.2.6, g6.sys.8.a, g6.mgmt.9.2]
#   applies_to: [institution, vendor]
#   resources: [Asset]
#   treatment: automated
#   title_ja: セキュリティパッチが適用されていない
#   description_ja: |
#     稼働中のサーバ・端末・ネットワーク機器について、修正プログラムの適用記録がない、patch_max_age_days 以内に適用していない、
#     未適用のセキュリティ更新がある、またはサポート終了した OS・ファームウェアを使っている(チェックリスト 2-⑥、
#     システム運用編 8、企画管理編 9.2)。適用できない理由(医療機器の認証等)を spec.patching.exempt_reason に
#     記録した機器は警告とし、代替策を確認できるようにする。
#   remediation_en: |
#     Apply security updates and record the date (spec.patching.last_applied_on, pending_security_updates: 0);
#     replace or upgrade systems past end of support; when updates cannot be applied, record why in
#     spec.patching.exempt_reason and isolate the device.
#   remediation_ja: |
#     修正プログラムを適用して適用日を記録し(spec.patching.last_applied_on、pending_security_updates: 0)、
#     サポート終了した OS は更新・更改してください。適用できない場合は spec.patching.exempt_reason に理由を記録し、
#     ネットワークから隔離するなどの代替策をとってください。
package sansho.rules.patch.patches_not_applied

import data.sansho.lib
import rego.v1

# The assets in scope, by index in input.assets: servers, terminals and network devices in use.
_in_scope contains i if {
	some i, a in input.assets
	a.spec.type in {"server", "terminal", "network_device"}
	object.get(a.spec, "status", "in_use") == "in_use"
}

# Dates are YYYY-MM-DD, so string order is date order: one cutoff, no conversion per asset.
_patch_cutoff := lib.date_days_before_as_of(lib.param("patch_max_age_days"))

# Each problem of an asset in scope, by its index. One rule body per problem, each a plain
# scan: on a large inventory, functions called for every asset (most of which have no
# problem) cost more than the checks themselves. Package rules used in a scan are bound before
# it (a reference inside a loop is looked up on every element).
_problems[i] contains p if {
	as_of := lib.as_of
	some i in _in_scope
	eos := input.assets[i].spec.os.end_of_support_on
	eos < as_of
	p := {"order": 0, "path": "spec.os.end_of_support_on", "ja": sprintf("OS・ファームウェアのサポートが %s に終了している", [eos]), "en": sprintf("its operating system or firmware left support on %s", [eos])}
}

_problems[i] contains p if {
	some i in _in_scope
	not input.assets[i].spec.patching.last_applied_on
	p := {"order": 1, "path": "spec.patching", "ja": "修正プログラムの適用記録がない", "en": "no record of security updates"}
}

_problems[i] contains p if {
	cutoff := _patch_cutoff
	some i in _in_scope
	on := input.assets[i].spec.patching.last_applied_on
	on < cutoff
	age := lib.age_days(on)
	limit := lib.param("patch_max_age_days")
	age > limit
	p := {
		"order": 2, "path": "spec.patching.last_applied_on",
		"ja": sprintf("最後の適用が %s(%d 日前、上限 %d 日)", [on, age, limit]),
		"en": sprintf("last applied on %s, %d days ago (at most %d allowed)", [on, age, limit]),
	}
}

_problems[i] contains p if {
	some i in _in_scope
	n := input.assets[i].spec.patching.pending_security_updates
	n > 0
	p := {"order": 3, "path": "spec.patching.pending_security_updates", "ja": sprintf("未適用のセキュリティ更新が %d 件", [n]), "en": sprintf("%d security updates pending", [n])}
}

_level(a) := "warning" if a.spec.patching.exempt_reason

_level(a) := "error" if not a.spec.patching.exempt_reason

deny contains f if {
	some i, problems in _problems
	a := input.assets[i]
	ps := sort([[p.order, p.path, p.ja, p.en] | some p in problems])
	ja := concat("、", [p[2] | some p in ps])
	en := concat("; ", [p[3] | some p in ps])
	f := lib.finding_at_level(
		a, ps[0][1],
		sprintf("%s: %s。チェックリスト 2-⑥ はセキュリティパッチ(最新のファームウェア・更新プログラム)の適用を求めています。", [a.metadata.name, ja]),
		sprintf("%s: %s. Checklist item 2-⑥ requires security patches (current firmware and updates) to be applied.", [a.metadata.name, en]),
		_level(a),
	)
}
