# METADATA
# title: Guideline duties with no valid attestation
# description: |
#   Guideline 6.0 sets duties that no inventory field can show — who decides what in an emergency,
#   how threat information is collected, how patients are informed, how maintenance data is erased,
#   how emergency accounts are watched, how the server room is run, and so on. For each of them
#   this rule asks for a valid Attestation (who stated it, when, with which evidence; valid until
#   valid_until or for attestation_max_age_days) and reports, per organization, the duties that
#   have none or only an expired one. A team adopting sansho can waive the finding for a limited
#   time (a Waiver naming SNS-ATTEST-001) while it writes the attestations.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-ATTEST-001
#   severity: medium
#   level: error
#   requirements: [g6.gov.1.2.2, g6.gov.3.1.1, g6.gov.3.4.2.2, g6.gov.3.4.3.2, g6.mgmt.2.2, g6.mgmt.2.3, g6.mgmt.3.1, g6.mgmt.3.2, g6.mgmt.3.3, g6.mgmt.3.4, g6.mgmt.5.1, g6.mgmt.5.4, g6.mgmt.11.3, g6.mgmt.11.5, g6.mgmt.12.2, g6.mgmt.13.3, g6.mgmt.13.5, g6.mgmt.15.1, g6.mgmt.15.4, g6.mgmt.15.12, g6.sys.3.2, g6.sys.3.5, g6.sys.5.1, g6.sys.5.3, g6.sys.5.4, g6.sys.7.1, g6.sys.7.2, g6.sys.10.1, g6.sys.10.2, g6.sys.10.5, g6.sys.11.1.b, g6.sys.11.1.c, g6.sys.11.1.d, g6.sys.11.1.e, g6.sys.12.a, g6.sys.12.b, g6.sys.13.a, g6.sys.13.c, g6.sys.13.e, g6.sys.14.3]
#   applies_to: [institution, vendor]
#   resources: [Organization]
#   treatment: attested
#   title_ja: ガイドラインの遵守事項に有効な宣誓がない
#   description_ja: |
#     ガイドライン第6.0版には、インベントリの項目では示せない遵守事項がある(非常時の経営層の責任、脅威情報の収集、
#     患者への公表体制、保守データの消去、非常時用アカウントの監視、サーバ室の管理など)。本ルールはそれぞれに
#     有効な宣誓(誰が・いつ・どの証跡で。valid_until まで、又は attestation_max_age_days の間有効)を求め、
#     組織ごとに宣誓がない・期限切れの遵守事項を示す。導入時は宣誓を揃えるまでの期間、SNS-ATTEST-001 の
#     例外承認(Waiver)で一時的に受け入れられる。
#   remediation_en: |
#     For each duty listed, write an Attestation naming the requirement id(s), the statement, who
#     attests, the date and the evidence (several ids may share one attestation).
#   remediation_ja: |
#     示された遵守事項ごとに、要件ID・内容・宣誓者・日付・証跡を記した Attestation を作成してください
#     (複数の要件を一つの宣誓にまとめられます)。
package sansho.rules.governance.duties_not_attested

import data.sansho.lib
import rego.v1

_asked := {
	"g6.gov.1.2.2": ["institution"],
	"g6.gov.3.1.1": ["institution"],
	"g6.gov.3.4.2.2": ["institution"],
	"g6.gov.3.4.3.2": ["institution"],
	"g6.mgmt.2.2": ["institution"],
	"g6.mgmt.2.3": ["institution"],
	"g6.mgmt.3.1": ["institution"],
	"g6.mgmt.3.2": ["institution"],
	"g6.mgmt.3.3": ["institution"],
	"g6.mgmt.3.4": ["institution"],
	"g6.mgmt.5.1": ["institution"],
	"g6.mgmt.5.4": ["institution"],
	"g6.mgmt.11.3": ["institution"],
	"g6.mgmt.11.5": ["institution"],
	"g6.mgmt.12.2": ["institution"],
	"g6.mgmt.13.3": ["institution"],
	"g6.mgmt.13.5": ["institution", "vendor"],
	"g6.mgmt.15.1": ["institution"],
	"g6.mgmt.15.4": ["institution"],
	"g6.mgmt.15.12": ["institution", "vendor"],
	"g6.sys.3.2": ["institution"],
	"g6.sys.3.5": ["institution"],
	"g6.sys.5.1": ["institution"],
	"g6.sys.5.3": ["institution"],
	"g6.sys.5.4": ["institution"],
	"g6.sys.7.1": ["institution"],
	"g6.sys.7.2": ["institution"],
	"g6.sys.10.1": ["institution", "vendor"],
	"g6.sys.10.2": ["vendor"],
	"g6.sys.10.5": ["institution", "vendor"],
	"g6.sys.11.1.b": ["institution"],
	"g6.sys.11.1.c": ["institution"],
	"g6.sys.11.1.d": ["institution"],
	"g6.sys.11.1.e": ["institution"],
	"g6.sys.12.a": ["institution"],
	"g6.sys.12.b": ["institution"],
	"g6.sys.13.a": ["institution"],
	"g6.sys.13.c": ["institution", "vendor"],
	"g6.sys.13.e": ["institution"],
	"g6.sys.14.3": ["institution"],
}

_party(o) := "institution" if lib.institution(o)

_party(o) := "vendor" if o.spec.type == "vendor"

deny contains f if {
	some o in input.organizations
	lib.own(o)
	p := _party(o)
	missing := sort([r | some r, parties in _asked; p in parties; not lib.attested(r, o)])
	count(missing) > 0
	f := object.union(lib.finding(
		o, "spec",
		sprintf("%s: 次の遵守事項に有効な宣誓(Attestation)がありません(%d 件): %s。", [o.metadata.name, count(missing), concat(", ", missing)]),
		sprintf("%s: %d duties have no valid attestation: %s.", [o.metadata.name, count(missing), concat(", ", missing)]),
	), {"requirements": missing})
}
