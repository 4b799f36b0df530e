# METADATA
# title: Backups that ransomware could take down with the system
# description: |
#   A medical information system in use has no backup, keeps fewer generations than the
#   institution's minimum, keeps no copy out of reach of malware (offline or immutable), or
#   has not had a restore tested within the interval (checklist 3-②; Guideline 6.0
#   システム運用編 11 遵守事項① and 18 遵守事項①: several generations, several methods, part of
#   them on write-once media or kept off the network).
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
# custom:
#   id: SNS-BAK-001
#   severity: critical
#   level: error
#   requirements: [chk.r7.inst.3.2, chk.r7.vend.3.2, g6.sys.11.1.f, g6.sys.11.2, g6.sys.18.1, g6.gov.3.4.1.2]
#   applies_to: [institution, vendor]
#   resources: [System]
#   title_ja: バックアップがランサムウェアに耐えられない
#   description_ja: |
#     稼働中の医療情報システムにバックアップがない、世代数が最低数に満たない、不正ソフトウェアの
#     届かない複製(オフライン又は改変不能)がない、または復旧テストが確認間隔内に行われていない
#     (チェックリスト 3-②、ガイドライン第6.0版 システム運用編 11 遵守事項①・18 遵守事項①)。
#   remediation_en: |
#     Record the system's backups under spec.backups with at least backup_min_generations
#     generations, at least one copy offline or immutable, and the date of the last restore
#     test (last_restore_test_on) within restore_test_max_days.
#   remediation_ja: |
#     spec.backups に、backup_min_generations 以上の世代、オフライン又は改変不能な複製を少なくとも1つ、
#     restore_test_max_days 以内の復旧テスト日(last_restore_test_on)を記録してください。
package sansho.rules.backup.backup_not_resilient

import data.sansho.lib
import rego.v1

_issues(s) := [["spec", "バックアップが記録されていない", "no backup recorded"]] if {
	count(object.get(s.spec, "backups", [])) == 0
}

# Computed once. Dates are YYYY-MM-DD, so string order is date order: the newest restore test
# is the greatest string, and it is too old when it sorts before the cutoff.
_min_generations := lib.param("backup_min_generations")

_max_test_days := lib.param("restore_test_max_days")

_test_cutoff := lib.date_days_before_as_of(_max_test_days)

# The facts of a system's backups are gathered in the body, without helper calls: on a large
# inventory each call costs more than the check it makes.
_issues(s) := issues if {
	bs := s.spec.backups
	count(bs) > 0
	min_gen := _min_generations
	max_test := _max_test_days
	cutoff := _test_cutoff
	gens := max([object.get(b, "generations", 0) | some b in bs])
	tested := [b.last_restore_test_on | some b in bs]
	# Copies that are offline or immutable.
	isolated := count([b | some b in bs; b.offline == true]) + count([b | some b in bs; b.immutable == true])
	issues := array.concat(
		array.concat(
			[i |
				gens < min_gen
				i := ["spec.backups", sprintf("世代数が %v(%v 世代以上が必要)", [gens, min_gen]), sprintf("%v generations kept (at least %v required)", [gens, min_gen])]
			],
			[i |
				isolated == 0
				i := ["spec.backups", "オフライン又は改変不能な複製がない", "no offline or immutable copy"]
			],
		),
		array.concat(
			[i |
				count(tested) == 0
				i := ["spec.backups", "復旧テストの記録がない", "no restore test recorded"]
			],
			[i |
				count(tested) > 0
				max(tested) < cutoff
				i := ["spec.backups", sprintf("最後の復旧テストから %v 日以上経過(%v 日以内が必要)", [max_test, max_test]), sprintf("last restore test more than %v days ago", [max_test])]
			],
		),
	)
}

deny contains f if {
	some s in input.systems
	s.spec.status in {"in_use", "retiring"}
	lib.medical(s)
	is := _issues(s)
	count(is) > 0
	f := lib.finding(
		s, is[0][0],
		sprintf("%s のバックアップ: %s。チェックリスト 3-②、システム運用編 11・18 は複数世代・複数方式と、不正ソフトウェアの届かない保管、復旧手順の確認を求めています。", [s.metadata.name, concat("、", [i[1] | some i in is])]),
		sprintf("Backups of %s: %s. Checklist item 3-② and Guideline 6.0 system operation 11 and 18 require several generations, a copy out of reach of malware, and tested restores.", [s.metadata.name, concat("; ", [i[2] | some i in is])]),
	)
}
