# METADATA
# title: Unattended terminals do not lock their screen
# description: |
#   A terminal in use has no record of an automatic screen lock (spec.screen_lock), has it
#   disabled, does not record after how many idle minutes it locks, or locks only after more than
#   screen_lock_max_idle_minutes (sansho's default). A terminal left open lets others read medical
#   information or act under its user's name. The catalog places this in Guideline 6.0
#   システム運用編 12 from memory — unverified against the primary text / 一次資料で未確認 — so this
#   rule reports warnings only.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-ACCESS-002
#   severity: medium
#   level: warning
#   requirements: [g6.sys.12.c]
#   applies_to: [institution, vendor]
#   resources: [Asset]
#   treatment: automated
#   title_ja: 端末の離席時に画面がロックされない
#   description_ja: |
#     稼働中の端末について、自動の画面ロック(spec.screen_lock)の記録がない、無効になっている、ロックまでの
#     無操作時間が記録されていない、又は screen_lock_max_idle_minutes(sansho の既定値)を超えている。
#     開いたままの端末は、他人による医療情報の覗き見やなりすましを許す。カタログはこれをシステム運用編 12 に
#     記憶に基づいて位置付けており、一次資料で未確認のため、このルールは警告のみを出す。
#   remediation_en: |
#     Lock the screen automatically after a short idle time and record it (spec.screen_lock:
#     enabled true, idle_minutes at most screen_lock_max_idle_minutes).
#   remediation_ja: |
#     短い無操作時間で画面が自動ロックされるよう設定し、記録してください(spec.screen_lock の enabled: true、
#     idle_minutes を screen_lock_max_idle_minutes 以下)。
package sansho.rules.access.screen_lock_missing

import data.sansho.lib
import rego.v1

_problem(a) := p if {
	not a.spec.screen_lock
	p := {"path": "spec", "ja": "画面ロックの記録がない", "en": "no screen lock is recorded"}
}

_problem(a) := p if {
	sl := a.spec.screen_lock
	not sl.enabled == true
	p := {"path": _enabled_path(sl), "ja": "画面ロックが有効になっていない", "en": "the screen lock is not enabled"}
}

_problem(a) := p if {
	sl := a.spec.screen_lock
	sl.enabled == true
	not sl.idle_minutes
	p := {"path": "spec.screen_lock", "ja": "ロックまでの無操作時間が記録されていない", "en": "the idle time before it locks is not recorded"}
}

_problem(a) := p if {
	sl := a.spec.screen_lock
	sl.enabled == true
	sl.idle_minutes > lib.param("screen_lock_max_idle_minutes")
	p := {
		"path": "spec.screen_lock.idle_minutes",
		"ja": sprintf("無操作 %d 分でロックされる(%d 分以内が必要)", [sl.idle_minutes, lib.param("screen_lock_max_idle_minutes")]),
		"en": sprintf("it locks only after %d idle minutes (at most %d)", [sl.idle_minutes, lib.param("screen_lock_max_idle_minutes")]),
	}
}

_enabled_path(sl) := "spec.screen_lock.enabled" if "enabled" in object.keys(sl)

_enabled_path(sl) := "spec.screen_lock" if not "enabled" in object.keys(sl)

deny contains f if {
	some a in input.assets
	a.spec.type == "terminal"
	object.get(a.spec, "status", "in_use") == "in_use"
	p := _problem(a)
	f := lib.finding(
		a, p.path,
		sprintf("端末 %s: %s。離席時の画面ロックは覗き見やなりすましを防ぎます(システム運用編 12、一次資料で未確認)。", [a.metadata.name, p.ja]),
		sprintf("Terminal %s: %s. Locking unattended screens prevents others from reading data or acting as the user (Guideline 6.0 system operation 12, unverified against the primary text).", [a.metadata.name, p.en]),
	)
}
