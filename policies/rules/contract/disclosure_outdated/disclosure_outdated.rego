# METADATA
# title: MDS/SDS disclosure out of date or in an old format
# description: |
#   The newest MDS or SDS listed by a contract in force is older than disclosure_max_age_days
#   (1095 days by default), has no issue date, has no format version, or uses a format older than
#   mds_sds_min_format_version ("5.0" by default). Both thresholds are sansho's defaults. The
#   disclosure should describe the product or service as it is now, in the format edition that
#   matches the guideline in force; that Ver.5.0 is the edition for Guideline 6.0 is presumed,
#   unverified against the primary text / 一次資料で未確認, so this rule only warns.
# related_resources:
#   - ref: https://www.jahis.jp/standard/detail/id=1119
#     description: JAHIS/JIRA MDS/SDS guide Ver.5.0
# custom:
#   id: SNS-CONTRACT-016
#   severity: medium
#   level: warning
#   requirements: [mds.v5.version_alignment, mds.v5.provide]
#   applies_to: [institution, vendor]
#   resources: [Contract]
#   title_ja: MDS/SDS(開示書)が古い、又は旧版の様式である
#   description_ja: |
#     有効な契約が挙げる最新の MDS 又は SDS が disclosure_max_age_days(既定 1095 日)より古い、発行日がない、
#     様式の版がない、又は mds_sds_min_format_version(既定 "5.0")より古い様式である。いずれも sansho の既定値。
#     開示書は現在の製品・サービスを、現行ガイドラインに対応した版の様式で説明しているべきである。
#     Ver.5.0 が第6.0版対応であることは推定で一次資料で未確認のため、警告にとどめる。
#   remediation_en: |
#     Obtain (or, as the vendor, issue) a current MDS/SDS in the current format and record it
#     under spec.disclosures with its version and issued_on.
#   remediation_ja: |
#     現行様式の最新の MDS/SDS を入手(事業者は発行)し、版(version)と発行日(issued_on)とともに
#     spec.disclosures に記録してください。
package sansho.rules.contract.disclosure_outdated

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

# --- The newest disclosure of each type: [index, disclosure].
_newest(c, t) := e if {
	entries := [[i, d] | some i, d in object.get(c.spec, "disclosures", []); d.type == t]
	dated := [x | some x in entries; x[1].issued_on]
	count(dated) > 0
	latest := max([lib.days(x[1].issued_on) | some x in dated])
	e := [x | some x in dated; lib.days(x[1].issued_on) == latest][0]
}

_newest(c, t) := e if {
	entries := [[i, d] | some i, d in object.get(c.spec, "disclosures", []); d.type == t]
	count(entries) > 0
	count([x | some x in entries; x[1].issued_on]) == 0
	e := entries[0]
}

_name := {"mds": "MDS", "sds": "SDS"}

_issues_of(t, e) := array.concat(
	array.concat(
		[i |
			not e[1].issued_on
			i := {"path": sprintf("spec.disclosures[%d].issued_on", [e[0]]), "ja": sprintf("%s の発行日がありません", [_name[t]]), "en": sprintf("the %s has no issue date", [_name[t]])}
		],
		[i |
			age := lib.age_days(e[1].issued_on)
			age > lib.param("disclosure_max_age_days")
			i := {
				"path": sprintf("spec.disclosures[%d].issued_on", [e[0]]),
				"ja": sprintf("最新の %s は %s 発行で %d 日経過しています(%d 日以内が必要)", [_name[t], e[1].issued_on, age, lib.param("disclosure_max_age_days")]),
				"en": sprintf("the newest %s was issued on %s, %d days ago (at most %d)", [_name[t], e[1].issued_on, age, lib.param("disclosure_max_age_days")]),
			}
		],
	),
	array.concat(
		[i |
			not e[1].version
			i := {"path": sprintf("spec.disclosures[%d].version", [e[0]]), "ja": sprintf("%s の様式の版がありません", [_name[t]]), "en": sprintf("the %s has no format version", [_name[t]])}
		],
		[i |
			v := e[1].version
			not _current(v)
			i := {
				"path": sprintf("spec.disclosures[%d].version", [e[0]]),
				"ja": sprintf("%s の様式が版 %s です(%s 以降が必要)", [_name[t], v, _min]),
				"en": sprintf("the %s uses format version %s (%s or later required)", [_name[t], v, _min]),
			}
		],
	),
)

# Each distinct disclosure version of the input, parsed once (the regular expression runs per
# distinct value, not per contract).
_versions := {v | some c in input.contracts; some d in object.get(c.spec, "disclosures", []); v := d.version}

_vkeys := {v: k | some v in _versions; k := _vkey(v)}

_min_key := _vkey(_min)

_current(v) if _vkeys[v] >= _min_key

_issues(c) := [i |
	some t in ["mds", "sds"]
	e := _newest(c, t)
	some i in _issues_of(t, e)
]

_path(issues) := issues[0].path if count(issues) == 1

_path(issues) := "spec.disclosures" if count(issues) > 1

deny contains f if {
	some c in input.contracts
	lib.vendor_contract(c)
	lib.contract_in_force(c)
	not lib.non_medical_contract(c)
	issues := _issues(c)
	count(issues) > 0
	f := lib.finding(
		c, _path(issues),
		sprintf("契約 %s: %s。開示書は現在の製品・サービスを現行様式で説明している必要があります(MDS/SDS ガイド Ver.5.0)。", [c.metadata.name, concat("、", [i.ja | some i in issues])]),
		sprintf("Contract %s: %s; the disclosure must describe the product or service as it is now, in the current format (MDS/SDS guide Ver.5.0).", [c.metadata.name, concat("; ", [i.en | some i in issues])]),
	)
}
