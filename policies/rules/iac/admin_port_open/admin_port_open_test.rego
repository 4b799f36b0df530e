package sansho.rules.iac.admin_port_open_test

import data.sansho.rules.iac.admin_port_open as rule
import rego.v1

test_pass_fixture_has_no_finding if {
	count(rule.deny) == 0 with input as data.sansho.fixtures.pass
}

test_fail_fixture_is_denied if {
	found := {[f.resource.name, f.path] | some f in rule.deny} with input as data.sansho.fixtures.fail
	found == {
		["aws_security_group.db", "values.ingress[1]"],
		["aws_security_group_rule.ssh", "values.cidr_blocks"],
		["aws_vpc_security_group_ingress_rule.everything", "values.cidr_ipv4"],
		["azurerm_network_security_rule.rdp", "values.source_address_prefix"],
		["azurerm_network_security_group.legacy", "values.security_rule[0]"],
		["google_compute_firewall.ssh", "values.allow[0]"],
	}
}

test_the_message_names_the_open_ports if {
	some f in rule.deny with input as data.sansho.fixtures.fail
	f.resource.name == "azurerm_network_security_group.legacy"
	contains(f.message.en, "(22, 23)")
}

test_ports_follow_the_parameter if {
	# Only the rule that opens every port still opens port 6000.
	found := {f.resource.name | some f in rule.deny} with input as data.sansho.fixtures.fail with data.sansho.params.iac_admin_ports as [6000]
	found == {"aws_vpc_security_group_ingress_rule.everything"}
}
