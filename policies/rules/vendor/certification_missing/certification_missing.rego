# METADATA
# title: Vendor holds no valid third-party certification
# description: |
#   A vendor records no third-party certification of an accepted scheme that is valid on the
#   evaluation date (spec.vendor_profile.certifications with a scheme listed in the
#   vendor_accepted_certifications parameter — by default ISMS, Pマーク, ISMAP, クラウド
#   セキュリティ and ISO/IEC 27017 — and valid_until on or after the evaluation date). A
#   certification without an expiry date cannot be shown to be valid. The vendor guideline 2.0
#   (4.4) asks vendors to show their eligibility with certifications such as Pマーク and ISMS;
#   Guideline 6.0 asks institutions to check them when choosing a vendor (経営管理編 5.1,
#   企画管理編 7⑥). Which schemes count is sansho's default, not a list from the guideline.
#   Vendors described from the other side (spec.counterparty: true) are checked too: the
#   institution is the one asked to confirm them.
# related_resources:
#   - ref: https://www.meti.go.jp/policy/mono_info_service/healthcare/teikyoujigyousyagl.html
#     description: METI/MIC vendor guideline 2.0
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-VENDOR-001
#   severity: medium
#   level: error
#   requirements: [v2.4.4, g6.gov.5.1, g6.mgmt.7.6]
#   applies_to: [institution, vendor]
#   resources: [Organization]
#   title_ja: 事業者に有効な第三者認証がない
#   description_ja: |
#     事業者に、評価日に有効な、認められた制度の第三者認証が記録されていない(spec.vendor_profile.certifications の
#     scheme がパラメータ vendor_accepted_certifications — 既定は ISMS、Pマーク、ISMAP、クラウドセキュリティ、
#     ISO/IEC 27017 — にあり、valid_until が評価日以降)。有効期限のない認証は有効と示せない。提供事業者ガイドライン
#     第2.0版 4.4 は Pマーク・ISMS 等による適格性の提示を、ガイドライン第6.0版は事業者選定時の認証の確認(経営管理編 5.1、
#     企画管理編 7⑥)を求めている。対象とする制度は sansho の既定値で、ガイドラインの一覧ではない。
#     取引先として記載された事業者(spec.counterparty: true)も対象とする。確認を求められているのは医療機関である。
#   remediation_en: |
#     Record the vendor's current certifications under spec.vendor_profile.certifications
#     (scheme, id, valid_until), renew an expired one, or choose a certified vendor.
#   remediation_ja: |
#     事業者の現在の認証を spec.vendor_profile.certifications に記録し(scheme、id、valid_until)、期限切れなら
#     更新を求めるか、認証を持つ事業者を選定してください。
package sansho.rules.vendor.certification_missing

import data.sansho.lib
import rego.v1

_accepted := {s | some s in lib.param("vendor_accepted_certifications")}

_valid(cert) if {
	cert.scheme in _accepted
	lib.days_left(cert.valid_until) >= 0
}

_describe(cert) := sprintf("%s(%s まで)", [cert.scheme, cert.valid_until]) if cert.valid_until

_describe(cert) := sprintf("%s(有効期限なし)", [cert.scheme]) if not cert.valid_until

_describe_en(cert) := sprintf("%s (until %s)", [cert.scheme, cert.valid_until]) if cert.valid_until

_describe_en(cert) := sprintf("%s (no expiry date)", [cert.scheme]) if not cert.valid_until

_state(certs) := ["第三者認証が記録されていません", "records no third-party certification"] if count(certs) == 0

_state(certs) := [
	sprintf("記録された認証 %s はいずれも有効でないか対象の制度ではありません", [concat(", ", [_describe(c) | some c in certs])]),
	sprintf("has no valid certification of an accepted scheme among %s", [concat(", ", [_describe_en(c) | some c in certs])]),
] if count(certs) > 0

deny contains f if {
	some org in lib.vendors
	certs := object.get(org.spec, ["vendor_profile", "certifications"], [])
	not _any_valid(certs)
	st := _state(certs)
	f := lib.finding(
		org, "spec.vendor_profile.certifications",
		sprintf("事業者 %s: %s。評価日(%s)に有効な %s のいずれかの認証が必要です(提供事業者ガイドライン 4.4、ガイドライン第6.0版 経営管理編 5.1)。", [org.metadata.name, st[0], lib.as_of, concat("・", sort(_accepted))]),
		sprintf("Vendor %s %s; one of %s valid on the evaluation date (%s) is required (vendor guideline 4.4, Guideline 6.0 governance 5.1).", [org.metadata.name, st[1], concat(", ", sort(_accepted)), lib.as_of]),
	)
}

_any_valid(certs) if {
	some c in certs
	_valid(c)
}
