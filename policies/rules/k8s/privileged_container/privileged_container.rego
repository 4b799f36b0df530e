# METADATA
# title: Kubernetes container privileged or able to escalate privileges
# description: |
#   A Kubernetes workload (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob …) runs a
#   container that is privileged, allows privilege escalation, adds powerful Linux capabilities
#   (ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE), or shares the node's network, process or
#   IPC namespace. A compromised container of this kind controls the node and every workload on it,
#   medical data included. Guideline 6.0 システム運用編 13 asks for defence in depth; the checklist
#   (vendor 2-④) for limiting administrator rights.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Kubernetes Pod Security Standards (baseline and restricted)
# custom:
#   id: SNS-K8S-001
#   severity: high
#   level: error
#   requirements: [g6.sys.13.e, chk.r7.vend.2.4]
#   applies_to: [institution, vendor]
#   resources: [Configuration]
#   treatment: automated
#   title_ja: Kubernetes のコンテナが特権又は権限昇格可能
#   description_ja: |
#     Kubernetes のワークロード(Pod、Deployment、StatefulSet、DaemonSet、Job、CronJob など)が、特権
#     コンテナ、権限昇格を許すコンテナ、強力な Linux ケーパビリティ(ALL、SYS_ADMIN、NET_ADMIN、
#     SYS_PTRACE、SYS_MODULE)を追加するコンテナを動かす、又はノードのネットワーク・プロセス・IPC 名前空間を
#     共有する。このようなコンテナが侵害されるとノードと、医療情報を含むその上のすべてのワークロードが
#     支配される。システム運用編 13 は多層防御を、チェックリスト(事業者 2-④)は管理者権限の限定を求めている。
#   remediation_en: |
#     Remove privileged: true and host namespaces, set allowPrivilegeEscalation: false, drop ALL
#     capabilities and add back only what is needed; enforce the restricted Pod Security Standard on
#     the namespace (pod-security.kubernetes.io/enforce: restricted).
#   remediation_ja: |
#     privileged: true とホスト名前空間の共有をやめ、allowPrivilegeEscalation: false とし、ケーパビリティは
#     ALL を drop して必要なものだけ追加してください。名前空間に restricted の Pod Security Standard を
#     強制します(pod-security.kubernetes.io/enforce: restricted)。
package sansho.rules.k8s.privileged_container

import data.sansho.lib
import rego.v1

# Every container with its workload, listed once for the three checks below.
_containers := [[o, x] |
	some o in input.configurations.kubernetes
	some x in lib.k8s_containers(o)
]

_powerful := {"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE"}

_gaps contains [o, sprintf("%s.securityContext.privileged", [x.path]), sprintf("コンテナ %s が特権(privileged: true)", [x.c.name]), sprintf("container %s is privileged", [x.c.name])] if {
	some [o, x] in _containers
	x.c.securityContext.privileged == true
}

_gaps contains [o, sprintf("%s.securityContext.allowPrivilegeEscalation", [x.path]), sprintf("コンテナ %s が権限昇格を許可(allowPrivilegeEscalation: true)", [x.c.name]), sprintf("container %s allows privilege escalation", [x.c.name])] if {
	some [o, x] in _containers
	x.c.securityContext.allowPrivilegeEscalation == true
}

_gaps contains [o, sprintf("%s.securityContext.capabilities.add", [x.path]), sprintf("コンテナ %s がケーパビリティ %s を追加", [x.c.name, cap]), sprintf("container %s adds capability %s", [x.c.name, cap])] if {
	some [o, x] in _containers
	some cap in x.c.securityContext.capabilities.add
	upper(trim_prefix(cap, "CAP_")) in _powerful
}

_gaps contains [o, sprintf("pod.%s", [k]), sprintf("ノードの名前空間を共有(%s: true)", [k]), sprintf("shares the node's namespace (%s: true)", [k])] if {
	some o in input.configurations.kubernetes
	some k in ["hostNetwork", "hostPID", "hostIPC"]
	o.pod[k] == true
}

deny contains f if {
	some g in _gaps
	[o, path, ja, en] := g
	f := lib.config_finding(
		o, path,
		sprintf("%s: %s。侵害されるとノード上のすべてのワークロードが危険にさらされます(システム運用編 13)。", [o.address, ja]),
		sprintf("%s: %s; a compromise would expose every workload on the node (Guideline 6.0 system operations 13).", [o.address, en]),
	)
}
