# METADATA
# title: Password rules weaker than the checklist accepts
# description: |
#   A medical information system accepts passwords shorter than 8 characters, or without a
#   mix of letters, digits and symbols, or without periodic change when neither two-factor
#   authentication nor passwords of 13 or more characters make rotation unnecessary
#   (checklist 2-⑦; Guideline 6.0 システム運用編 14). A system that records no password rules
#   at all is reported too: the checklist answer cannot be shown to be はい.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
# custom:
#   id: SNS-AUTH-001
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.7, chk.r7.vend.2.7, g6.sys.14.6]
#   applies_to: [institution, vendor]
#   resources: [System]
#   title_ja: パスワードの規則がチェックリストの基準より弱い
#   description_ja: |
#     医療情報システムが 8 文字未満、または英字・数字・記号を混在させないパスワードを認めている、
#     あるいは二要素認証も 13 文字以上のパスワードもないのに定期変更をしていない
#     (チェックリスト 2-⑦、ガイドライン第6.0版 システム運用編 14)。
#     パスワード規則が記録されていないシステムも、はいと示せないため指摘する。
#   remediation_en: |
#     Set spec.authentication.password to at least 8 characters mixing letters, digits and
#     symbols, and either a rotation period (rotation_days), two-factor authentication, or a
#     minimum length of 13.
#   remediation_ja: |
#     spec.authentication.password を 8 文字以上・英字/数字/記号の混在とし、定期変更(rotation_days)、
#     二要素認証、または 13 文字以上のいずれかを満たしてください。
package sansho.rules.auth.weak_password_rules

import data.sansho.lib
import rego.v1

_two_factor(s) if {
	s.spec.authentication.two_factor.enabled == true
	s.spec.authentication.two_factor.scope != "none"
}

# Each problem of a system's password rules: [path, ja, en].
_problems(s) := [["spec.authentication", "パスワード規則(authentication.password)が記録されていない", "no password rules recorded (authentication.password)"]] if {
	not s.spec.authentication.password
}

_problems(s) := ps if {
	pw := s.spec.authentication.password
	min := lib.param("password_min_length")
	classes := object.get(pw, "character_classes", [])
	len := object.get(pw, "min_length", 0)
	ps := array.concat(
		array.concat(
			[p |
				len < min
				p := ["spec.authentication.password.min_length", sprintf("最小文字数が %v 文字(%v 文字以上が必要)", [len, min]), sprintf("minimum length is %v (at least %v required)", [len, min])]
			],
			[p |
				# Upper or lower case alone counts as letters.
				letters := {"letters" | some c in classes; c in {"letters", "upper", "lower"}}
				have := {c | some c in classes} | letters
				missing := [c | some c in ["letters", "digits", "symbols"]; not c in have]
				count(missing) > 0
				p := ["spec.authentication.password.character_classes", sprintf("文字種 %v が必須になっていない", [concat("・", missing)]), sprintf("character classes %v are not required", [concat(", ", missing)])]
			],
		),
		[p |
			object.get(pw, "rotation_days", null) == null
			not _two_factor(s)
			len < lib.param("password_no_rotation_length")
			p := ["spec.authentication.password.rotation_days", sprintf("定期変更がなく、二要素認証も %v 文字以上の長さもない", [lib.param("password_no_rotation_length")]), sprintf("no periodic change, and neither two-factor authentication nor a length of %v or more", [lib.param("password_no_rotation_length")])]
		],
	)
}

deny contains f if {
	some s in input.systems
	lib.active_system(s)
	lib.medical(s)
	ps := _problems(s)
	count(ps) > 0
	first := ps[0]
	f := lib.finding(
		s, first[0],
		sprintf("%s のパスワード規則: %s。チェックリスト 2-⑦ は英字・数字・記号を混在させた 8 文字以上と定期変更(二要素認証または 13 文字以上なら不要)を求めています。", [s.metadata.name, concat("、", [p[1] | some p in ps])]),
		sprintf("Password rules of %s: %s. Checklist item 2-⑦ asks for at least 8 characters mixing letters, digits and symbols, changed periodically unless two-factor authentication or 13+ characters are used.", [s.metadata.name, concat("; ", [p[2] | some p in ps])]),
	)
}
