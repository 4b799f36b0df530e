//! Real configurations beside the inventory: Terraform plans and states and Kubernetes manifests
//! are recognised by content, not by file name; anything unrecognised is still an error; links
//! that select nothing are errors; findings, waivers and reports keep configuration items of
//! different files apart.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod common;
use common::*;
use std::path::Path;

const ORG: &str = "apiVersion: sansho/v1\nkind: Organization\nmetadata:\n  name: medicloud\nspec:\n  type: vendor\n";

fn plan(region: &str, ssh_from: &str) -> String {
    format!(
        r#"{{
  "format_version": "1.2",
  "terraform_version": "1.9.8",
  "planned_values": {{
    "root_module": {{
      "resources": [
        {{
          "address": "aws_security_group.bastion",
          "mode": "managed",
          "type": "aws_security_group",
          "name": "bastion",
          "provider_name": "registry.terraform.io/hashicorp/aws",
          "values": {{
            "name": "bastion",
            "ingress": [
              {{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["{ssh_from}"]}}
            ]
          }}
        }}
      ]
    }}
  }},
  "configuration": {{
    "provider_config": {{"aws": {{"name": "aws", "expressions": {{"region": {{"constant_value": "{region}"}}}}}}}},
    "root_module": {{"resources": [{{"address": "aws_security_group.bastion", "provider_config_key": "aws"}}]}}
  }}
}}
"#
    )
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn check(dir: &Path) -> (serde_json::Value, Run) {
    let r = output_of(sansho().args([
        "check",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
    ]));
    let v = serde_json::from_str(&r.stdout).unwrap_or(serde_json::Value::Null);
    (v, r)
}

fn findings_of<'a>(v: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

#[test]
fn a_plan_is_recognised_by_content_whatever_its_name_and_findings_point_into_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "org.yaml", ORG);
    // JSON is YAML: a plan saved as .yaml is still a plan.
    write(dir.path(), "prod/network.yaml", &plan("ap-northeast-1", "0.0.0.0/0"));
    let (v, r) = check(dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(v["summary"]["documents"]["configurations"], 1);
    let f = findings_of(&v, "SNS-IAC-006");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["resource"]["kind"], "Configuration");
    assert_eq!(f[0]["resource"]["name"], "aws_security_group.bastion");
    assert_eq!(f[0]["path"], "values.ingress[0]");
    let file = format!("{}/prod/network.yaml", dir.path().display());
    assert_eq!(f[0]["location"]["file"], file.as_str());
    assert_eq!(f[0]["resource"]["file"], file.as_str());
    // The ingress entry is on line 16 of the plan.
    assert_eq!(f[0]["location"]["line"], 16);
}

#[test]
fn the_same_address_in_two_plans_gives_two_findings_and_a_waiver_can_take_one() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "org.yaml", ORG);
    write(dir.path(), "prod/plan.json", &plan("ap-northeast-1", "0.0.0.0/0"));
    write(dir.path(), "stg/plan.json", &plan("us-east-1", "0.0.0.0/0"));
    let (v, r) = check(dir.path());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let ssh = findings_of(&v, "SNS-IAC-006");
    assert_eq!(ssh.len(), 2);
    assert_ne!(ssh[0]["resource"]["file"], ssh[1]["resource"]["file"]);
    let region = findings_of(&v, "SNS-IAC-003");
    assert_eq!(region.len(), 1);
    assert!(region[0]["location"]["file"]
        .as_str()
        .unwrap()
        .ends_with("stg/plan.json"));
    // A waiver selects configuration items by kind and address.
    write(
        dir.path(),
        "waivers.yaml",
        "apiVersion: sansho/v1\nkind: Waiver\nmetadata:\n  name: stg-region\nspec:\n  rule: SNS-IAC-003\n  selector:\n    kind: Configuration\n    name: aws_security_group.bastion\n  reason: staging holds synthetic data only, moved to Tokyo in Q1\n  approver: CISO 佐藤\n  expires: 2027-03-31\n",
    );
    let (v, _) = check(dir.path());
    let region = findings_of(&v, "SNS-IAC-003");
    assert_eq!(region.len(), 1);
    assert_eq!(region[0]["status"], "waived");
}

#[test]
fn an_unrecognised_json_file_is_still_an_error_unless_a_configuration_names_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "org.yaml", ORG);
    write(
        dir.path(),
        "exports/utm.json",
        r#"{"rules": [{"from": "any", "port": 22}]}"#,
    );
    let (_, r) = check(dir.path());
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("exports/utm.json"), "{}", r.stderr);
    assert!(r.stderr.contains("apiVersion"), "{}", r.stderr);
    write(
        dir.path(),
        "utm.yaml",
        "apiVersion: sansho/v1\nkind: Configuration\nmetadata:\n  name: utm\nspec:\n  format: utm-policy\n  path: exports/utm.json\n",
    );
    let (v, r) = check(dir.path());
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert_eq!(v["summary"]["documents"]["configurations"], 1);
}

#[test]
fn a_link_that_selects_nothing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "org.yaml", ORG);
    write(dir.path(), "infra/plan.json", &plan("ap-northeast-1", "10.0.0.0/8"));
    write(
        dir.path(),
        "systems.yaml",
        "apiVersion: sansho/v1\nkind: System\nmetadata:\n  name: karte\nspec:\n  category: saas\n  hosting: public_cloud\n  status: in_use\n  operator: medicloud\n  configurations:\n    - path: infra/plan.json\n    - path: infra/plam.json\n",
    );
    let (_, r) = check(dir.path());
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("spec.configurations[1] selects no configuration item"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("systems.yaml:12"), "{}", r.stderr);
}

#[test]
fn reports_keep_items_of_different_files_apart() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "org.yaml", ORG);
    write(dir.path(), "prod/plan.json", &plan("ap-northeast-1", "0.0.0.0/0"));
    write(dir.path(), "stg/plan.json", &plan("ap-northeast-1", "0.0.0.0/0"));
    let out = dir.path().join("r.sarif");
    let junit = dir.path().join("r.xml");
    let r = output_of(sansho().args([
        "check",
        dir.path().join("prod").parent().unwrap().to_str().unwrap(),
        "--as-of",
        "2026-11-25",
        "--output",
        &format!("sarif={}", out.display()),
        "--output",
        &format!("junit={}", junit.display()),
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let prints: std::collections::BTreeSet<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "SNS-IAC-006")
        .map(|r| r["partialFingerprints"]["sansho/v1"].as_str().unwrap())
        .collect();
    assert_eq!(
        prints.len(),
        2,
        "the two plans' findings must not merge in code scanning"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains("aws_security_group.bastion (") && xml.contains("prod/plan.json)"),
        "{xml}"
    );
    assert!(xml.contains("stg/plan.json)"), "{xml}");
}

#[test]
fn a_custom_policy_over_a_generic_configuration_points_into_the_data_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "inv/org.yaml", ORG);
    write(
        dir.path(),
        "inv/exports/utm.json",
        "{\n  \"rules\": [\n    {\"from\": \"10.0.0.0/8\", \"port\": 443},\n    {\"from\": \"any\", \"port\": 22}\n  ]\n}\n",
    );
    write(
        dir.path(),
        "inv/utm.yaml",
        "apiVersion: sansho/v1\nkind: Configuration\nmetadata:\n  name: utm\nspec:\n  format: utm-policy\n  path: exports/utm.json\n",
    );
    write(
        dir.path(),
        "policies/utm_any_ssh.rego",
        r#"# METADATA
# title: UTM allows SSH from anywhere
# description: A rule of the UTM export allows port 22 from any source.
# custom:
#   id: ACME-UTM-1
#   severity: high
#   level: error
#   requirements: [chk.r7.inst.2.13]
#   applies_to: [institution]
#   resources: [Configuration]
#   title_ja: UTM が任意の送信元からの SSH を許可している
#   description_ja: UTM のルールが任意の送信元からのポート 22 を許可している。
#   remediation_en: Restrict the source.
#   remediation_ja: 送信元を限定してください。
package acme.utm_any_ssh

import data.sansho.lib
import rego.v1

deny contains f if {
	some c in input.configurations.generic
	c.declared_format == "utm-policy"
	some i, r in c.data.rules
	r.from == "any"
	r.port == 22
	f := lib.config_finding(c, sprintf("data.rules[%d]", [i]), "任意の送信元から SSH", "SSH from any source")
}
"#,
    );
    let r = output_of(sansho().args([
        "check",
        dir.path().join("inv").to_str().unwrap(),
        "--policy",
        dir.path().join("policies").to_str().unwrap(),
        "--no-builtin",
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
    ]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = r.json();
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "ACME-UTM-1");
    assert_eq!(f["resource"]["name"], "utm");
    assert!(f["location"]["file"]
        .as_str()
        .unwrap()
        .ends_with("inv/exports/utm.json"));
    assert_eq!(f["location"]["line"], 4);
}
