# METADATA
# title: Password reuse or default passwords not prevented
# description: |
#   A medical information system in use does not prohibit password reuse, or records that default
#   (initial) passwords were not changed. Checklist item 2-⑧ (new in R7) prohibits reusing
#   passwords, and the vendor list 2-⑧ names passwords left as shipped; Guideline 6.0 システム運用編 8
#   asks for initial passwords to be changed.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-AUTH-003
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.8, chk.r7.vend.2.8, g6.sys.8.b]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: パスワードの使い回し・初期パスワードが防がれていない
#   description_ja: |
#     稼働中の医療情報システムで、パスワードの使い回し(再利用)を禁止していない、または初期パスワードを
#     変更していないと記録されている。チェックリスト 2-⑧(R7 新設)はパスワードの使い回しを禁止し、
#     事業者確認用は出荷時のままのパスワードも挙げている。システム運用編 8 は初期パスワードの変更を求めている。
#   remediation_en: |
#     Prohibit password reuse (spec.authentication.password.reuse_prohibited: true, with a history
#     length) and change every default password (default_changed: true).
#   remediation_ja: |
#     パスワードの再利用を禁止し(spec.authentication.password.reuse_prohibited: true、history に世代数)、
#     初期パスワードをすべて変更してください(default_changed: true)。
package sansho.rules.auth.password_reuse_allowed

import data.sansho.lib
import rego.v1

_reasons(pw) := [r |
	some r in [
		{"ok": pw.reuse_prohibited == true, "ja": "使い回しが禁止されていない", "en": "reuse is not prohibited"},
		{"ok": object.get(pw, "default_changed", true) != false, "ja": "初期パスワードが変更されていない", "en": "default passwords were not changed"},
	]
	not r.ok
]

_path(s) := "spec.authentication.password.reuse_prohibited" if s.spec.authentication.password.reuse_prohibited == false

_path(s) := "spec.authentication.password" if {
	s.spec.authentication.password
	not s.spec.authentication.password.reuse_prohibited == false
}

_path(s) := "spec.authentication" if not s.spec.authentication.password

deny contains f if {
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	pw := object.get(object.get(s.spec, "authentication", {}), "password", {})
	rs := _reasons(object.union({"reuse_prohibited": false}, pw))
	count(rs) > 0
	f := lib.finding(
		s, _path(s),
		sprintf("%s のパスワード: %s。チェックリスト 2-⑧ はパスワードの使い回しを禁止しています。", [s.metadata.name, concat("、", [r.ja | some r in rs])]),
		sprintf("Passwords of %s: %s. Checklist item 2-⑧ prohibits reusing passwords.", [s.metadata.name, concat("; ", [r.en | some r in rs])]),
	)
}
