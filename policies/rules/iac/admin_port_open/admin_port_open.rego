# METADATA
# title: Management port open to the whole internet
# description: |
#   A Terraform plan or state opens a management port (the iac_admin_ports parameter: SSH, RDP,
#   databases, WinRM …) to any address (0.0.0.0/0 or ::/0): an AWS security group (inline ingress,
#   aws_security_group_rule or aws_vpc_security_group_ingress_rule), an Azure network security
#   rule allowing inbound traffic from *, Internet or Any, or a Google Cloud firewall rule with an
#   open source range. Maintenance must go through a restricted path (a bastion, VPN, SSM Session
#   Manager, Azure Bastion, IAP), never straight from the internet. The checklist (2-⑬) asks
#   for connection-source restrictions; Guideline 6.0 システム運用編 13 for protection of
#   external connections against intrusion.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0 and the cybersecurity checklist
# custom:
#   id: SNS-IAC-006
#   severity: critical
#   level: error
#   requirements: [g6.sys.13.a, chk.r7.vend.2.13, chk.r7.inst.2.13]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: 管理用ポートがインターネット全体に開いている
#   description_ja: |
#     Terraform のプラン又はステートが、管理用ポート(パラメータ iac_admin_ports: SSH、RDP、データベース、
#     WinRM など)を任意のアドレス(0.0.0.0/0 又は ::/0)に開いている: AWS のセキュリティグループ(インラインの
#     ingress、aws_security_group_rule、aws_vpc_security_group_ingress_rule)、*・Internet・Any からの受信を
#     許可する Azure のネットワークセキュリティルール、送信元範囲が全開の Google Cloud ファイアウォール
#     ルール。保守は踏み台・VPN・SSM Session Manager・Azure Bastion・IAP など限定した経路を通し、
#     インターネットから直接行わないこと。チェックリスト 2-⑬ は接続元制限を、システム運用編 13 は外部接続の
#     侵入対策を求めている。
#   remediation_en: |
#     Remove the rule, or restrict its source to the maintenance network (VPN, bastion address,
#     vendor's fixed IP); prefer SSM Session Manager, Azure Bastion or IAP TCP forwarding.
#   remediation_ja: |
#     ルールを削除するか、送信元を保守用ネットワーク(VPN、踏み台のアドレス、事業者の固定 IP)に限定して
#     ください。SSM Session Manager・Azure Bastion・IAP の TCP 転送の利用を推奨します。
package sansho.rules.iac.admin_port_open

import data.sansho.lib
import rego.v1

_ports := lib.param("iac_admin_ports")

_any_v4 := {"0.0.0.0/0"}

_any_v6 := {"::/0"}

_any_azure := {"*", "0.0.0.0/0", "internet", "any", "::/0"}

# The admin ports within [from, to] for a protocol (-1 / all: every port).
_open_ports(proto, from, to) := [p |
	some p in _ports
	p >= from
	p <= to
] if {
	lower(sprintf("%v", [proto])) in {"tcp", "6"}
}

_open_ports(proto, _, _) := _ports if lower(sprintf("%v", [proto])) in {"-1", "all"}

_world(cidrs) if {
	some c in cidrs
	c in (_any_v4 | _any_v6)
}

# --- AWS ---------------------------------------------------------------------------------------
# [resource, path, ports]
_open contains [sg, sprintf("values.ingress[%d]", [i]), ports] if {
	some sg in lib.tf_resources("aws_security_group")
	some i, rule in object.get(sg.values, "ingress", [])
	_world(array.concat(object.get(rule, "cidr_blocks", []), object.get(rule, "ipv6_cidr_blocks", [])))
	ports := _open_ports(rule.protocol, rule.from_port, rule.to_port)
	count(ports) > 0
}

_open contains [r, "values.cidr_blocks", ports] if {
	some r in lib.tf_resources("aws_security_group_rule")
	r.values.type == "ingress"
	_world(array.concat(object.get(r.values, "cidr_blocks", []), object.get(r.values, "ipv6_cidr_blocks", [])))
	ports := _open_ports(r.values.protocol, r.values.from_port, r.values.to_port)
	count(ports) > 0
}

_open contains [r, path, ports] if {
	some r in lib.tf_resources("aws_vpc_security_group_ingress_rule")
	some key in ["cidr_ipv4", "cidr_ipv6"]
	r.values[key] in (_any_v4 | _any_v6)
	path := sprintf("values.%s", [key])
	ports := _open_ports(r.values.ip_protocol, object.get(r.values, "from_port", 0), object.get(r.values, "to_port", 65535))
	count(ports) > 0
}

# --- Azure -------------------------------------------------------------------------------------
_azure_ranges(rule) := array.concat(
	[x | x := object.get(rule, "destination_port_range", ""); x != ""; x != null],
	object.get(rule, "destination_port_ranges", []),
)

_azure_ports(rule) := {p |
	some p in _ports
	some range in _azure_ranges(rule)
	_in_range(p, range)
}

_in_range(_, "*") := true

_in_range(p, range) if {
	regex.match(`^[0-9]+$`, range)
	to_number(range) == p
}

_in_range(p, range) if {
	regex.match(`^[0-9]+-[0-9]+$`, range)
	parts := split(range, "-")
	p >= to_number(parts[0])
	p <= to_number(parts[1])
}

_azure_open(rule) if {
	lower(rule.direction) == "inbound"
	lower(rule.access) == "allow"
	lower(object.get(rule, "source_address_prefix", "")) in _any_azure
}

_azure_open(rule) if {
	lower(rule.direction) == "inbound"
	lower(rule.access) == "allow"
	some s in object.get(rule, "source_address_prefixes", [])
	lower(s) in _any_azure
}

_open contains [r, "values.source_address_prefix", ports] if {
	some r in lib.tf_resources("azurerm_network_security_rule")
	_azure_open(r.values)
	ports := _azure_ports(r.values)
	count(ports) > 0
}

_open contains [g, sprintf("values.security_rule[%d]", [i]), ports] if {
	some g in lib.tf_resources("azurerm_network_security_group")
	some i, rule in object.get(g.values, "security_rule", [])
	_azure_open(rule)
	ports := _azure_ports(rule)
	count(ports) > 0
}

# --- Google Cloud ------------------------------------------------------------------------------
_gcp_ports(allow) := _ports if {
	allow.protocol == "all"
}

_gcp_ports(allow) := _ports if {
	allow.protocol == "tcp"
	count(object.get(allow, "ports", [])) == 0
}

_gcp_ports(allow) := [p |
	some p in _ports
	some range in allow.ports
	_in_range(p, range)
] if {
	allow.protocol == "tcp"
	count(object.get(allow, "ports", [])) > 0
}

_open contains [fw, sprintf("values.allow[%d]", [i]), ports] if {
	some fw in lib.tf_resources("google_compute_firewall")
	object.get(fw.values, "direction", "INGRESS") == "INGRESS"
	not fw.values.disabled == true
	_world(object.get(fw.values, "source_ranges", []))
	some i, allow in fw.values.allow
	ports := _gcp_ports(allow)
	count(ports) > 0
}

deny contains f if {
	some o in _open
	[r, path, ports] := o
	shown := concat(", ", [sprintf("%d", [p]) | some p in sort(ports)])
	f := lib.config_finding(
		r, path,
		sprintf("%s は管理用ポート(%s)をインターネット全体(0.0.0.0/0 又は ::/0)に開いています。保守は限定した経路(踏み台・VPN・SSM 等)を通してください(チェックリスト 2-⑬)。", [r.address, shown]),
		sprintf("%s opens management ports (%s) to the whole internet (0.0.0.0/0 or ::/0); maintenance must go through a restricted path (bastion, VPN, SSM …) (checklist 2-⑬).", [r.address, shown]),
	)
}
