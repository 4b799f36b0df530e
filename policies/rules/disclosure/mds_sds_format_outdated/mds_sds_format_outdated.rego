# METADATA
# title: MDS/SDS received in an old format or without its format version
# description: |
#   The MDS/SDS recorded as received for a vendor-supplied medical information system
#   (spec.disclosure.mds_sds) does not say which format version it uses, or uses a version older
#   than mds_sds_min_format_version ("5.0" by default, sansho's default; versions are compared
#   numerically, so "Ver.4.1" < "5.0" < "10.0"). A disclosure in an older format was written
#   against an older guideline edition. That Ver.5.0 is the edition matching Guideline 6.0 is
#   presumed, unverified against the primary text / 一次資料で未確認, so this rule only warns.
#   A missing or old receipt is SNS-DISC-001's; the MDS/SDS listed on contracts is checked by
#   SNS-CONTRACT-016.
# related_resources:
#   - ref: https://www.jahis.jp/standard/detail/id=1119
#     description: JAHIS/JIRA MDS/SDS guide Ver.5.0
# custom:
#   id: SNS-DISC-002
#   severity: low
#   level: warning
#   requirements: [mds.v5.version_alignment]
#   applies_to: [institution]
#   resources: [System]
#   treatment: automated
#   title_ja: 受領した MDS/SDS の様式が古い、又は版が記録されていない
#   description_ja: |
#     事業者が提供する医療情報システムについて受領を記録した MDS/SDS(spec.disclosure.mds_sds)に様式の版が
#     記録されていない、又は mds_sds_min_format_version(既定 "5.0"、sansho の既定値)より古い版である
#     (版は数値として比較する。"Ver.4.1" < "5.0" < "10.0")。古い様式の開示書は以前のガイドラインの版に基づく。
#     Ver.5.0 が第6.0版対応であることは推定で一次資料で未確認のため、警告にとどめる。受領の有無・時期は
#     SNS-DISC-001、契約に記載された MDS/SDS は SNS-CONTRACT-016 が確認する。
#   remediation_en: |
#     Ask the vendor for the MDS/SDS in the current format and record its version
#     (spec.disclosure.mds_sds.format_version, e.g. "5.0") with the new received_on.
#   remediation_ja: |
#     事業者に現行様式の MDS/SDS を求め、様式の版(spec.disclosure.mds_sds.format_version、例 "5.0")と
#     新しい受領日(received_on)を記録してください。
package sansho.rules.disclosure.mds_sds_format_outdated

import data.sansho.lib
import rego.v1

# --- Format versions: "5.0", "Ver.4.1", "5.0版" compare by their first three numbers.
_digits(p) := 0 if trim_left(p, "0") == ""

_digits(p) := to_number(trim_left(p, "0")) if trim_left(p, "0") != ""

_at(a, i) := a[i] if count(a) > i

_at(a, i) := 0 if count(a) <= i

_vkey(v) := k if {
	m := regex.find_n(`[0-9]+(\.[0-9]+)*`, v, 1)
	count(m) == 1
	nums := [_digits(p) | some p in split(m[0], ".")]
	k := ((_at(nums, 0) * 1000000) + (_at(nums, 1) * 1000)) + _at(nums, 2)
}

_min := lib.param("mds_sds_min_format_version")

# Each distinct format version of the input, parsed once: the regular expression runs per
# distinct value, not per system.
_versions := {v | some s in input.systems; v := s.spec.disclosure.mds_sds.format_version}

_vkeys := {v: k | some v in _versions; k := _vkey(v)}

_min_key := _vkey(_min)

_issue(d) := i if {
	not d.format_version
	i := {"path": "spec.disclosure.mds_sds", "ja": "様式の版(format_version)が記録されていません", "en": "its format version (format_version) is not recorded"}
}

_issue(d) := i if {
	v := d.format_version
	not _vkeys[v]
	i := {
		"path": "spec.disclosure.mds_sds.format_version",
		"ja": sprintf("様式の版「%s」から版番号を読み取れません(%s 以降が必要)", [v, _min]),
		"en": sprintf("its format version %q contains no version number (%s or later required)", [v, _min]),
	}
}

_issue(d) := i if {
	v := d.format_version
	_vkeys[v] < _min_key
	i := {
		"path": "spec.disclosure.mds_sds.format_version",
		"ja": sprintf("様式の版が %s です(%s 以降が必要)", [v, _min]),
		"en": sprintf("it uses format version %s (%s or later required)", [v, _min]),
	}
}

deny contains f if {
	some s in input.systems
	s.spec.vendor
	lib.active_system(s)
	lib.medical(s)
	d := s.spec.disclosure.mds_sds
	d.received_on
	i := _issue(d)
	f := lib.finding(
		s, i.path,
		sprintf("%s の MDS/SDS(%s 受領): %s。開示書は現行ガイドラインに対応した版の様式である必要があります(MDS/SDS ガイド Ver.5.0)。", [s.metadata.name, d.received_on, i.ja]),
		sprintf("The MDS/SDS of %s (received on %s): %s; the disclosure should use the format edition matching the guideline in force (MDS/SDS guide Ver.5.0).", [s.metadata.name, d.received_on, i.en]),
	)
}
