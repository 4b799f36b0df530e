# METADATA
# title: USB storage and other external media not restricted
# description: |
#   A medical information system, or a server or terminal of one, lets any USB storage or
#   other external recording medium connect (checklist 2-⑨, new in R7). A system that does
#   not record how external media are controlled is reported too.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
# custom:
#   id: SNS-MEDIA-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.9, chk.r7.vend.2.9, g6.mgmt.9.3, v2.5.6]
#   applies_to: [institution, vendor]
#   resources: [System, Asset]
#   title_ja: USBストレージ等の外部記録媒体の接続が制限されていない
#   description_ja: |
#     医療情報システム、又はそのサーバ・端末PCが、USBストレージ等の外部記録媒体を制限なく接続できる
#     (チェックリスト 2-⑨、令和7年度新設)。外部記録媒体の管理方法が記録されていないシステムも指摘する。
#   remediation_en: |
#     Block USB storage, or allow only registered media (spec.external_media.usb_storage:
#     blocked or allowlisted; on assets spec.usb_storage), and describe the control.
#   remediation_ja: |
#     USBストレージを禁止するか登録済み媒体のみ許可し(spec.external_media.usb_storage を blocked 又は allowlisted、
#     機器は spec.usb_storage)、管理方法を記録してください。
package sansho.rules.media.usb_storage_unrestricted

import data.sansho.lib
import rego.v1

deny contains f if {
	some s in input.systems
	not s.spec.external_media.usb_storage
	lib.active_system(s)
	lib.medical(s)
	f := lib.finding(
		s, "spec",
		sprintf("%s の外部記録媒体(USBストレージ等)の管理が記録されていません(spec.external_media.usb_storage)。チェックリスト 2-⑨ は接続の制限を求めています。", [s.metadata.name]),
		sprintf("%s records no control of external media such as USB storage (spec.external_media.usb_storage); checklist item 2-⑨ requires their connection to be restricted.", [s.metadata.name]),
	)
}

deny contains f if {
	some s in input.systems
	s.spec.external_media.usb_storage == "allowed"
	lib.active_system(s)
	lib.medical(s)
	f := lib.finding(
		s, "spec.external_media.usb_storage",
		sprintf("%s は USB ストレージを制限なく許可しています(usb_storage: allowed)。チェックリスト 2-⑨ は外部記録媒体の接続の制限を求めています。", [s.metadata.name]),
		sprintf("%s allows any USB storage (usb_storage: allowed); checklist item 2-⑨ requires the connection of external media to be restricted.", [s.metadata.name]),
	)
}

deny contains f if {
	some a in input.assets
	a.spec.usb_storage == "allowed"
	a.spec.type in {"server", "terminal"}
	object.get(a.spec, "status", "in_use") == "in_use"
	f := lib.finding(
		a, "spec.usb_storage",
		sprintf("機器 %s は USB ストレージを制限なく許可しています(usb_storage: allowed)。チェックリスト 2-⑨。", [a.metadata.name]),
		sprintf("Device %s allows any USB storage (usb_storage: allowed); checklist item 2-⑨ requires external media to be restricted.", [a.metadata.name]),
	)
}
