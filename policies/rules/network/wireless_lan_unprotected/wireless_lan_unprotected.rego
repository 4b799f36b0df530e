# METADATA
# title: Wireless LAN not protected
# description: |
#   Terminals of a system connect over wireless LAN that is not encrypted with WPA2-Enterprise or
#   WPA3, that answers 'ANY' connections, or that lets unregistered terminals join. Guideline 6.0
#   システム運用編 13 and 企画管理編 15 ask for protection against unauthorised use and
#   eavesdropping when wireless LAN is used.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-NET-002
#   severity: medium
#   level: error
#   requirements: [g6.sys.13.d, g6.mgmt.15.13]
#   applies_to: [institution, vendor]
#   resources: [System]
#   treatment: automated
#   title_ja: 無線LANが保護されていない
#   description_ja: |
#     システムの端末が使う無線LANが WPA2-Enterprise 又は WPA3 で暗号化されていない、ANY 接続を拒否していない、
#     又は未登録の端末が接続できる。システム運用編 13・企画管理編 15 は無線LAN利用時の不正利用防止と盗聴対策を
#     求めている。
#   remediation_en: |
#     Use WPA3 or WPA2-Enterprise, refuse ANY connections and admit only registered terminals (spec.network.wireless).
#   remediation_ja: |
#     WPA3 又は WPA2-Enterprise を使い、ANY 接続を拒否し、登録端末のみ接続させてください(spec.network.wireless)。
package sansho.rules.network.wireless_lan_unprotected

import data.sansho.lib
import rego.v1

_problems(w) := [p |
	some p in [
		{"bad": _weak(w), "ja": sprintf("暗号化が %v", [object.get(w, "encryption", "未記録")]), "en": sprintf("encryption is %v", [object.get(w, "encryption", "not recorded")])},
		{"bad": object.get(w, "any_connection_refused", false) != true, "ja": "ANY 接続を拒否していない", "en": "ANY connections are not refused"},
		{"bad": object.get(w, "client_restriction", false) != true, "ja": "接続端末を制限していない", "en": "any terminal may join"},
	]
	p.bad
]

_weak(w) := false if object.get(w, "encryption", "none") in {"wpa3", "wpa2_enterprise"}

else := true

deny contains f if {
	some s in input.systems
	w := s.spec.network.wireless
	w.used == true
	lib.active_system(s)
	ps := _problems(w)
	count(ps) > 0
	f := lib.finding(
		s, "spec.network.wireless",
		sprintf("%s の無線LAN: %s。システム運用編 13 は無線LANの不正利用防止と暗号化を求めています。", [s.metadata.name, concat("、", [p.ja | some p in ps])]),
		sprintf("Wireless LAN of %s: %s. Guideline 6.0 system operation 13 asks for wireless LAN to be protected against misuse and eavesdropping.", [s.metadata.name, concat("; ", [p.en | some p in ps])]),
	)
}
