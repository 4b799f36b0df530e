# METADATA
# title: Connection source not restricted
# description: |
#   A network device in use, or a system that records its network placement, does not restrict
#   which devices may connect (MAC or IP allow-list, 802.1X, certificates, VPN). The checklist
#   (2-⑬ for network devices) asks for connection-source restriction. The item number is not
#   verified against the primary text (basis: secondary).
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-NET-001
#   severity: medium
#   level: error
#   requirements: [chk.r7.inst.2.13, chk.r7.vend.2.13]
#   applies_to: [institution, vendor]
#   resources: [Asset, System]
#   treatment: automated
#   title_ja: 接続元制限が行われていない
#   description_ja: |
#     稼働中のネットワーク機器、またはネットワーク配置を記録したシステムで、接続できる機器を制限していない
#     (MAC/IP アドレスの許可リスト、802.1X、証明書、VPN 等)。チェックリスト(ネットワーク機器の項目)は
#     接続元制限を求めている。
#   remediation_en: |
#     Restrict connecting devices and record how (Asset spec.connection_restriction or System
#     spec.network.source_restriction: enabled true and the method).
#   remediation_ja: |
#     接続元を制限し、その方法を記録してください(Asset の spec.connection_restriction、System の
#     spec.network.source_restriction に enabled: true と method)。
package sansho.rules.network.connection_source_unrestricted

import data.sansho.lib
import rego.v1

_device(a) if {
	a.spec.type == "network_device"
	object.get(a.spec, "status", "in_use") == "in_use"
}

_asset_path(a) := "spec.connection_restriction.enabled" if a.spec.connection_restriction

_asset_path(a) := "spec" if not a.spec.connection_restriction

_system_path(s) := "spec.network.source_restriction.enabled" if s.spec.network.source_restriction

_system_path(s) := "spec.network" if not s.spec.network.source_restriction

deny contains f if {
	some a in input.assets
	not a.spec.connection_restriction.enabled == true
	_device(a)
	f := lib.finding(
		a, _asset_path(a),
		sprintf("ネットワーク機器 %s で接続元制限が有効になっていません。チェックリストは接続元制限の実施を求めています。", [a.metadata.name]),
		sprintf("Network device %s does not restrict connection sources; the checklist asks for connection-source restriction.", [a.metadata.name]),
	)
}

deny contains f if {
	some s in input.systems
	s.spec.network
	not s.spec.network.source_restriction.enabled == true
	lib.active_system(s)
	f := lib.finding(
		s, _system_path(s),
		sprintf("%s のネットワークで接続元制限が有効になっていません。チェックリストは接続元制限の実施を求めています。", [s.metadata.name]),
		sprintf("The network of %s does not restrict connection sources; the checklist asks for connection-source restriction.", [s.metadata.name]),
	)
}
