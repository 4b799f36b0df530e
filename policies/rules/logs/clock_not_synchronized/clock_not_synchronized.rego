# METADATA
# title: System clock not synchronized with a trusted time source
# description: |
#   A system that records access logs does not record that its clock is synchronized with a
#   trusted time source. Guideline 6.0 システム運用編 17 asks for a trusted time source, internal
#   synchronization and regular alignment with standard time, so that logs can be ordered and
#   trusted.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-LOG-002
#   severity: low
#   level: error
#   requirements: [g6.sys.17.3]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: 時刻が信頼できる時刻源と同期されていない
#   description_ja: |
#     アクセスログを記録するシステムで、時刻を信頼できる時刻源と同期している記録がない。システム運用編 17 は
#     信頼できる時刻源の利用、内部での同期、標準時との定期的な調整を求めている。
#   remediation_en: |
#     Synchronize the clocks (NTP from a trusted source) and record it (spec.access_logs.time_synchronized: true).
#   remediation_ja: |
#     信頼できる時刻源と NTP 等で同期し、spec.access_logs.time_synchronized: true を記録してください。
package sansho.rules.logs.clock_not_synchronized

import data.sansho.lib
import rego.v1

_path(s) := "spec.access_logs.time_synchronized" if s.spec.access_logs.time_synchronized == false

_path(s) := "spec.access_logs" if not s.spec.access_logs.time_synchronized == false

deny contains f if {
	some s in input.systems
	s.spec.access_logs.enabled == true
	not s.spec.access_logs.time_synchronized == true
	lib.active_system(s)
	f := lib.finding(
		s, _path(s),
		sprintf("%s のアクセスログの時刻が信頼できる時刻源と同期されている記録がありません。システム運用編 17 は時刻の同期を求めています。", [s.metadata.name]),
		sprintf("The clock behind the access logs of %s is not recorded as synchronized with a trusted time source; Guideline 6.0 system operation 17 asks for it.", [s.metadata.name]),
	)
}
