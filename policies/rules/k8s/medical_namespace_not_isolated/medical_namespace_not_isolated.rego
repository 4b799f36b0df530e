# METADATA
# title: Medical workload without a NetworkPolicy isolating it
# description: |
#   A Kubernetes workload that handles medical information (linked to an active medical System
#   through spec.configurations, or labelled sansho.io/medical "true") runs in a namespace where no
#   NetworkPolicy restricts its ingress: no policy whose podSelector selects the workload's pods
#   (an empty selector selects all) with policy type Ingress, or every such policy has a rule that
#   admits any source (a rule without `from`, or a namespaceSelector {} without a podSelector).
#   Without one, any pod of the cluster, in any namespace, can reach it. Guideline 6.0 システム
#   運用編 11 asks for networks segmented to limit the spread of an incident.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/network-policies/
#     description: Kubernetes — network policies
# custom:
#   id: SNS-K8S-004
#   severity: high
#   level: error
#   requirements: [g6.sys.11.1.e]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: 医療情報を扱うワークロードが NetworkPolicy で隔離されていない
#   description_ja: |
#     医療情報を扱う Kubernetes のワークロード(spec.configurations で稼働中の医療情報システムに紐付くもの、
#     又はラベル sansho.io/medical が "true" のもの)の名前空間に、その受信を制限する NetworkPolicy がない:
#     そのワークロードの Pod を podSelector で選択し(空のセレクタはすべてを選択)Ingress の種別を持つ
#     ポリシーがない、又はそのようなポリシーのすべてに任意の送信元を許すルール(from のないルール、
#     podSelector のない namespaceSelector {})がある。この場合、クラスタ内のどの名前空間の Pod からも
#     到達できる。システム運用編 11 は被害拡大防止のためのネットワーク分割を求めている。
#   remediation_en: |
#     Add a default-deny ingress NetworkPolicy (podSelector: {}, policyTypes: [Ingress]) to the
#     namespace, then allow only the namespaces and pods that must reach the workload (ingress
#     controller, its own tiers).
#   remediation_ja: |
#     名前空間に既定で受信を拒否する NetworkPolicy(podSelector: {}、policyTypes: [Ingress])を追加し、
#     ワークロードに到達すべき名前空間と Pod(イングレスコントローラ、自身の各層)だけを許可してください。
package sansho.rules.k8s.medical_namespace_not_isolated

import data.sansho.lib
import rego.v1

_pod_labels(o) := object.get(o, ["spec", "template", "metadata", "labels"], o.labels)

_selects(np, o) if {
	sel := object.get(np, ["spec", "podSelector", "matchLabels"], {})
	every k, v in sel {
		_pod_labels(o)[k] == v
	}
	count(object.get(np, ["spec", "podSelector", "matchExpressions"], [])) == 0
}

_ingress_policy(np) if "Ingress" in object.get(np, ["spec", "policyTypes"], [])

_ingress_policy(np) if {
	not np.spec.policyTypes
	np.spec.ingress
}

_admits_anything(np) if {
	some rule in object.get(np, ["spec", "ingress"], [])
	not rule.from
}

_admits_anything(np) if {
	some rule in object.get(np, ["spec", "ingress"], [])
	some peer in rule.from
	peer.namespaceSelector == {}
	not peer.podSelector
}

# The NetworkPolicies of each namespace, built once (a scan of every policy per workload made the
# rule quadratic in large clusters).
_policies_by_namespace[ns] contains np if {
	some np in lib.k8s_objects("NetworkPolicy")
	ns := object.get(np, "namespace", "")
}

# (A partial rule with no element is undefined in regorus, not an empty object.)
_policies_in(ns) := _policies_by_namespace[ns] if _policies_by_namespace[ns]

else := set()

_isolated(o) if {
	some np in _policies_in(object.get(o, "namespace", ""))
	_ingress_policy(np)
	_selects(np, o)
	not _admits_anything(np)
}

deny contains f if {
	some o in input.configurations.kubernetes
	o.pod
	lib.k8s_medical(o)
	not _isolated(o)
	ns := object.get(o, "namespace", "(namespace not set)")
	f := lib.config_finding(
		o, "metadata",
		sprintf("医療情報を扱う %s の名前空間 %s に、受信を制限する NetworkPolicy がありません。クラスタ内のどの Pod からも到達できます(システム運用編 11)。", [o.address, ns]),
		sprintf("%s handles medical information, but no NetworkPolicy in namespace %s restricts its ingress: any pod of the cluster can reach it (Guideline 6.0 system operations 11).", [o.address, ns]),
	)
}
