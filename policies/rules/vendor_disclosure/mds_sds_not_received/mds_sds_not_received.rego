# METADATA
# title: No MDS/SDS received from the vendor
# description: |
#   A medical information system supplied by a vendor has no record that the institution received
#   the vendor's security disclosure (JAHIS/JIRA MDS or SDS; checklist 2-③), or the disclosure is
#   older than disclosure_max_age_days (a warning). Guideline 6.0 システム運用編 3 and 4 ask the
#   institution to obtain and use what the vendor discloses about its security measures.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-DISC-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.3, g6.sys.4.2, g6.sys.3.1, mds.v5.obtain]
#   applies_to: [institution]
#   resources: [System]
#   treatment: automated
#   title_ja: 事業者から MDS/SDS を受け取っていない
#   description_ja: |
#     事業者が提供する医療情報システムについて、事業者の医療情報セキュリティ開示書(MDS/SDS)を受領した記録がない
#     (チェックリスト 2-③)、または受領から disclosure_max_age_days を超えている(警告)。システム運用編 3・4 は
#     事業者の提供情報を確認しリスク評価に用いることを求めている。
#   remediation_en: |
#     Ask the vendor for its MDS (products) or SDS (services) and record the receipt
#     (spec.disclosure.mds_sds: received_on, format_version, reference).
#   remediation_ja: |
#     事業者に MDS(製品)または SDS(サービス)の提出を求め、受領を記録してください
#     (spec.disclosure.mds_sds の received_on・format_version・reference)。
package sansho.rules.vendor_disclosure.mds_sds_not_received

import data.sansho.lib
import rego.v1

_path(s) := "spec.disclosure.mds_sds" if s.spec.disclosure.mds_sds

_path(s) := "spec.disclosure" if {
	s.spec.disclosure
	not s.spec.disclosure.mds_sds
}

_path(s) := "spec" if not s.spec.disclosure

_in_scope(s) if {
	s.spec.vendor
	lib.active_system(s)
	lib.medical(s)
}

deny contains f if {
	some s in input.systems
	_in_scope(s)
	not s.spec.disclosure.mds_sds.received_on
	f := lib.finding(
		s, _path(s),
		sprintf("%s について事業者(%s)から MDS/SDS を受領した記録がありません。チェックリスト 2-③ は開示書の提出を受けることを求めています。", [s.metadata.name, s.spec.vendor]),
		sprintf("No MDS/SDS from the vendor (%s) is recorded for %s; checklist item 2-③ asks the institution to obtain the vendor's security disclosure.", [s.spec.vendor, s.metadata.name]),
	)
}

# Dates are YYYY-MM-DD, so string order is date order: a disclosure is too old when it sorts
# before the cutoff, computed once (its age is computed only for those).
_cutoff := lib.date_days_before_as_of(lib.param("disclosure_max_age_days"))

deny contains f if {
	cutoff := _cutoff
	some s in input.systems
	on := s.spec.disclosure.mds_sds.received_on
	on < cutoff
	_in_scope(s)
	age := lib.age_days(on)
	age > lib.param("disclosure_max_age_days")
	f := lib.finding_at_level(
		s, "spec.disclosure.mds_sds.received_on",
		sprintf("%s の MDS/SDS は %s に受領したもので %d 日経過しています(上限 %d 日)。最新版を求めてください。", [s.metadata.name, on, age, lib.param("disclosure_max_age_days")]),
		sprintf("The MDS/SDS of %s was received on %s, %d days ago (at most %d); ask the vendor for the current one.", [s.metadata.name, on, age, lib.param("disclosure_max_age_days")]),
		"warning",
	)
}
