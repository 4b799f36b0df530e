# METADATA
# title: Vendor has no security contact on record
# description: |
#   A vendor records no security contact (spec.vendor_profile.security_contact): the institution
#   does not know whom to call, and the vendor has shown no line for incidents. The vendor
#   checklist 3-① asks vendors for an incident contact line with the institution. The catalog
#   knows that item's wording only from memory (unverified against the primary text /
#   一次資料で未確認), so this rule only warns. Vendors described from the other side
#   (spec.counterparty: true) are checked too: the institution needs the contact.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW cybersecurity checklist (vendor sheet)
# custom:
#   id: SNS-VENDOR-003
#   severity: medium
#   level: warning
#   requirements: [chk.r7.vend.3.1]
#   applies_to: [institution, vendor]
#   resources: [Organization]
#   title_ja: 事業者のセキュリティ窓口が記録されていない
#   description_ja: |
#     事業者のセキュリティ窓口(spec.vendor_profile.security_contact)が記録されていない。医療機関はインシデント時の
#     連絡先を知らず、事業者も連絡体制を示していない。事業者確認用チェックリスト 3-① は医療機関との連絡体制を求めている。
#     カタログではこの項目の文言が記憶に基づく(一次資料で未確認)ため、警告にとどめる。取引先として記載された事業者
#     (spec.counterparty: true)も対象とする。連絡先を必要とするのは医療機関である。
#   remediation_en: |
#     Record the vendor's security contact (an address or phone line reachable for incidents)
#     under spec.vendor_profile.security_contact.
#   remediation_ja: |
#     インシデント時に連絡のつく事業者のセキュリティ窓口(メールアドレスや電話番号)を
#     spec.vendor_profile.security_contact に記録してください。
package sansho.rules.vendor.security_contact_missing

import data.sansho.lib
import rego.v1

_recorded(org) if trim_space(org.spec.vendor_profile.security_contact) != ""

deny contains f if {
	some org in lib.vendors
	not _recorded(org)
	f := lib.finding(
		org, "spec.vendor_profile.security_contact",
		sprintf("事業者 %s のセキュリティ窓口(spec.vendor_profile.security_contact)が記録されていません。インシデント時の医療機関との連絡体制が必要です(事業者確認用 3-①)。", [org.metadata.name]),
		sprintf("Vendor %s records no security contact (spec.vendor_profile.security_contact); an incident contact line with the institution is required (vendor checklist 3-①).", [org.metadata.name]),
	)
}
