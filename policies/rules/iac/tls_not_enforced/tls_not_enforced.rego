# METADATA
# title: TLS not enforced in transit
# description: |
#   A Terraform plan or state lets clients reach stored data without TLS: an S3 bucket without a
#   bucket policy that denies requests when aws:SecureTransport is false, an application load
#   balancer listener on plain HTTP that does not redirect to HTTPS, an ElastiCache replication
#   group without transit encryption, an Azure storage account that accepts HTTP or TLS older
#   than 1.2, an Azure SQL server accepting TLS older than 1.2, or a Google Cloud SQL instance that
#   accepts unencrypted connections. Guideline 6.0 システム運用編 13 asks for encryption against
#   eavesdropping on open networks.
# related_resources:
#   - ref: https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html
#     description: MHLW Guideline 6.0
# custom:
#   id: SNS-IAC-002
#   severity: high
#   level: error
#   requirements: [g6.sys.13.b]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: 通信時の TLS が強制されていない
#   description_ja: |
#     Terraform のプラン又はステートで、TLS を使わずにデータへ到達できる: aws:SecureTransport が false の
#     要求を拒否するバケットポリシーのない S3 バケット、HTTPS へリダイレクトしない HTTP の ALB リスナー、
#     転送時暗号化のない ElastiCache、HTTP 又は TLS 1.2 未満を受け付ける Azure ストレージアカウント・
#     Azure SQL サーバ、暗号化されていない接続を受け付ける Google Cloud SQL。システム運用編 13 は
#     オープンネットワークでの暗号化と盗聴対策を求めている。
#   remediation_en: |
#     Add a bucket policy statement denying s3:* when aws:SecureTransport is false; redirect HTTP
#     listeners to HTTPS; set transit_encryption_enabled = true; set https_traffic_only_enabled = true
#     and min_tls_version = "TLS1_2"; set minimum_tls_version = "1.2"; set
#     ip_configuration.ssl_mode = "ENCRYPTED_ONLY".
#   remediation_ja: |
#     aws:SecureTransport が false のとき s3:* を拒否するバケットポリシーを追加し、HTTP リスナーは HTTPS へ
#     リダイレクトし、transit_encryption_enabled = true、https_traffic_only_enabled = true と
#     min_tls_version = "TLS1_2"、minimum_tls_version = "1.2"、ip_configuration.ssl_mode =
#     "ENCRYPTED_ONLY" を設定してください。
package sansho.rules.iac.tls_not_enforced

import data.sansho.lib
import rego.v1

# --- S3: a bucket policy must deny requests without TLS --------------------------------------
_statements(p) := s if {
	doc := json.unmarshal(p.values.policy)
	is_array(doc.Statement)
	s := doc.Statement
}

_statements(p) := [doc.Statement] if {
	doc := json.unmarshal(p.values.policy)
	is_object(doc.Statement)
}

_denies_plain_http(p) if {
	some s in _statements(p)
	s.Effect == "Deny"
	lower(sprintf("%v", [s.Condition.Bool["aws:SecureTransport"]])) in {"false", "[\"false\"]", "[false]"}
}

# A policy whose text is unknown until apply cannot be judged: not reported.
_judged_ok(p) if not p.values.policy

_judged_ok(p) if _denies_plain_http(p)

# What the acceptable policies point at, per file: the references of their `bucket` and its
# value. Computed once, so that a plan with many buckets is not a quadratic join.
_covered contains [p.file, ref] if {
	some p in lib.tf_resources("aws_s3_bucket_policy")
	_judged_ok(p)
	some ref in object.get(p, ["references", "bucket"], [])
}

_covered contains [p.file, p.values.bucket] if {
	some p in lib.tf_resources("aws_s3_bucket_policy")
	_judged_ok(p)
	is_string(p.values.bucket)
}

_enforced(b) if {
	some n in lib.tf_ref_names(b)
	[b.file, n] in _covered
}

_enforced(b) if [b.file, b.values.bucket] in _covered

deny contains f if {
	some b in lib.tf_resources("aws_s3_bucket")
	not _enforced(b)
	f := lib.config_finding(
		b, "",
		sprintf("S3 バケット %s に aws:SecureTransport が false の要求を拒否するバケットポリシーがなく、HTTP で読み書きできます(システム運用編 13)。", [b.address]),
		sprintf("S3 bucket %s has no bucket policy denying requests where aws:SecureTransport is false, so it can be read and written over plain HTTP (Guideline 6.0 system operations 13).", [b.address]),
	)
}

# --- Load balancer listeners -----------------------------------------------------------------
_redirects(l) if {
	some a in l.values.default_action
	a.type == "redirect"
	some r in a.redirect
	r.protocol == "HTTPS"
}

deny contains f if {
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some l in lib.tf_resources(t)
	l.values.protocol == "HTTP"
	not _redirects(l)
	f := lib.config_finding(
		l, "values.protocol",
		sprintf("ロードバランサのリスナー %s は HTTP で応答し、HTTPS へリダイレクトしません(システム運用編 13)。", [l.address]),
		sprintf("Load balancer listener %s serves plain HTTP without redirecting to HTTPS (Guideline 6.0 system operations 13).", [l.address]),
	)
}

# --- Attributes that must hold ---------------------------------------------------------------
_weak_tls := {"TLS1_0", "TLS1_1", "1.0", "1.1", "Disabled"}

_attr_gaps contains [r, "values.transit_encryption_enabled", "転送時暗号化が無効", "transit encryption is off"] if {
	some r in lib.tf_resources("aws_elasticache_replication_group")
	not r.values.transit_encryption_enabled == true
}

_attr_gaps contains [r, sprintf("values.%s", [k]), "HTTP を受け付ける", "accepts plain HTTP"] if {
	some r in lib.tf_resources("azurerm_storage_account")
	some k in ["https_traffic_only_enabled", "enable_https_traffic_only"]
	r.values[k] == false
}

_attr_gaps contains [r, "values.min_tls_version", "TLS 1.2 未満を受け付ける", "accepts TLS older than 1.2"] if {
	some r in lib.tf_resources("azurerm_storage_account")
	r.values.min_tls_version in _weak_tls
}

_attr_gaps contains [r, "values.minimum_tls_version", "TLS 1.2 未満を受け付ける", "accepts TLS older than 1.2"] if {
	some r in lib.tf_resources("azurerm_mssql_server")
	r.values.minimum_tls_version in _weak_tls
}

_attr_gaps contains [r, "values.settings[0].ip_configuration[0]", "暗号化されていない接続を受け付ける", "accepts unencrypted connections"] if {
	some r in lib.tf_resources("google_sql_database_instance")
	ip := r.values.settings[0].ip_configuration[0]
	not object.get(ip, "ssl_mode", "") in {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}
	not ip.require_ssl == true
}

deny contains f if {
	some g in _attr_gaps
	[r, path, ja, en] := g
	f := lib.config_finding(
		r, path,
		sprintf("%s は%s(システム運用編 13)。", [r.address, ja]),
		sprintf("%s %s (Guideline 6.0 system operations 13).", [r.address, en]),
	)
}
