# METADATA
# title: Unneeded services not reviewed or not stopped
# description: |
#   A server or terminal in use has no record that its running software and services were
#   reviewed within services_review_max_days and the unneeded ones stopped. Checklist 2-⑫ asks
#   for unneeded background software and services to be stopped (item text from memory: the
#   checklist entries alone give at most a warning) and Guideline 6.0 システム運用編 8 for the
#   secure management of terminals and servers.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-SVC-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.12, chk.r7.vend.2.12, g6.sys.8.d]
#   applies_to: [institution, vendor]
#   resources: [Asset]
#   treatment: automated
#   title_ja: 不要なソフトウェア・サービスの停止が確認されていない
#   description_ja: |
#     稼働中のサーバ・端末について、動作しているソフトウェア・サービスを services_review_max_days 以内に確認し、
#     不要なものを停止した記録がない。チェックリスト 2-⑫ は不要なソフトウェア・サービスの停止を、
#     システム運用編 8 は端末・サーバの安全な管理を求めている。
#   remediation_en: |
#     Review the running services, stop the unneeded ones and record it (spec.services:
#     reviewed_on, unneeded_disabled: true, running).
#   remediation_ja: |
#     動作中のサービスを確認して不要なものを停止し、記録してください(spec.services の reviewed_on、
#     unneeded_disabled: true、running)。
package sansho.rules.services.unneeded_services_running

import data.sansho.lib
import rego.v1

# Built once, not once per asset.
_max_days := lib.param("services_review_max_days")

# Dates are YYYY-MM-DD, so string order is date order: reviewed_on < _cutoff ⇔ older than _max_days.
_cutoff := lib.date_days_before_as_of(_max_days)

_stale_ja := sprintf("%d 日以内の確認記録がない", [_max_days])

_stale_en := sprintf("no review within %d days", [_max_days])

# Each problem is built only when it applies; the review is stale when missing or before the
# cutoff (bound once by the caller: a package rule in a loop is looked up on every element).
_problems(svc, cutoff) := array.concat(
	[p | object.get(svc, "unneeded_disabled", false) != true; p := {"ja": "不要なサービスの停止が記録されていない", "en": "unneeded services are not recorded as stopped"}],
	[p | not svc.reviewed_on >= cutoff; p := {"ja": _stale_ja, "en": _stale_en}],
)

_path(a) := "spec.services" if a.spec.services

_path(a) := "spec" if not a.spec.services

deny contains f if {
	cutoff := _cutoff
	some a in input.assets
	# Servers and terminals in use.
	a.spec.type in {"server", "terminal"}
	object.get(a.spec, "status", "in_use") == "in_use"
	ps := _problems(object.get(a.spec, "services", {}), cutoff)
	count(ps) > 0
	f := lib.finding(
		a, _path(a),
		sprintf("%s のサービス: %s。チェックリスト 2-⑫ は不要なソフトウェア・サービスの停止を求めています。", [a.metadata.name, concat("、", [p.ja | some p in ps])]),
		sprintf("Services of %s: %s. Checklist item 2-⑫ asks for unneeded software and services to be stopped.", [a.metadata.name, concat("; ", [p.en | some p in ps])]),
	)
}
