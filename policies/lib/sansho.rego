# Helpers shared by every sansho policy: building findings, dates, parameters.
# Plain Rego v1 (OPA accepts it too); policies call these as `lib.finding(...)` etc.
package sansho.lib

import rego.v1

# The evaluation date (YYYY-MM-DD, JST), set by `sansho check --as-of`.
as_of := data.sansho.as_of

# A parameter from sansho.yaml, or its documented default from params.yaml.
param(name) := data.sansho.params[name]

# A finding about `doc` (an inventory document) at value `path` (e.g.
# "spec.authentication.two_factor"). A path that does not exist points at its parent.
finding(doc, path, ja, en) := {
	"resource": {"kind": doc.kind, "name": doc.metadata.name},
	"path": path,
	"message": {"ja": ja, "en": en},
}

# The same, with a level other than the rule's own (e.g. a deadline not yet reached).
finding_at_level(doc, path, ja, en, level) := object.union(finding(doc, path, ja, en), {"level": level})

# Days since 1970-01-01 of a YYYY-MM-DD date. Dates the nanosecond clock can hold (years
# 1678–2261, every date an inventory really has) take the built-in parser, about ten times
# faster than the arithmetic; others (9999-12-31 as "no end") take the arithmetic, which has
# no range limit. Both give the same number (lib tests).
days(d) := floor(time.parse_ns("2006-01-02", d) / 86400000000000) if {
	d >= "1678"
	d < "2262"
} else := _days_arith(d)

# Pure arithmetic (Howard Hinnant's days_from_civil): no time zone, no range limit.
_days_arith(d) := n if {
	parts := split(d, "-")
	m := _num(parts[1])
	y := _num(parts[0]) - _early(m)
	era := floor(y / 400)
	yoe := y - (era * 400)
	doy := (floor(((153 * _shift(m)) + 2) / 5) + _num(parts[2])) - 1
	doe := (((yoe * 365) + floor(yoe / 4)) - floor(yoe / 100)) + doy
	n := ((era * 146097) + doe) - 719468
}

# Leading zeros stripped: regorus's to_number rejects "08" (OPA accepts it).
_num(s) := to_number(trim_left(s, "0"))

_early(m) := 1 if m <= 2

_early(m) := 0 if m > 2

_shift(m) := m - 3 if m > 2

_shift(m) := m + 9 if m <= 2

# The evaluation date in days, computed once per evaluation.
as_of_days := days(as_of)

# Days from date a to date b (negative when b is earlier).
days_between(a, b) := days(b) - days(a)

# Days from a date to the evaluation date (how old it is).
age_days(d) := as_of_days - days(d)

# Days from the evaluation date to a date (how much time is left).
days_left(d) := days(d) - as_of_days

# The date `n` days before the evaluation date (YYYY-MM-DD; negative `n` is after it).
# For dates validated as YYYY-MM-DD (every date field of the inventory schemas), string order
# is date order, so a rule can compute a cutoff once and compare each document's date to it:
#   d < date_days_before_as_of(n)   ⇔   age_days(d) > n
#   d < as_of                       ⇔   days_left(d) < 0
# which spares a date conversion per document (plain Rego).
date_days_before_as_of(n) := date_of_days(as_of_days - n)

# The date of a day number (days since 1970-01-01), the inverse of `days`.
date_of_days(z) := sprintf("%s-%s-%s", [_pad(y, 4), _pad(m, 2), _pad(d, 2)]) if {
	zz := z + 719468
	era := floor(zz / 146097)
	doe := zz - (era * 146097)
	yoe := floor((((doe - floor(doe / 1460)) + floor(doe / 36524)) - floor(doe / 146096)) / 365)
	doy := doe - (((365 * yoe) + floor(yoe / 4)) - floor(yoe / 100))
	mp := floor(((5 * doy) + 2) / 153)
	d := (doy - floor(((153 * mp) + 2) / 5)) + 1
	m := _month(mp)
	y := ((yoe + (era * 400)) + _early(m))
}

_month(mp) := mp + 3 if mp < 10

_month(mp) := mp - 9 if mp >= 10

_pad(n, width) := concat("", [substring("0000", 0, width - count(s)), s]) if {
	s := sprintf("%d", [n])
	count(s) < width
} else := sprintf("%d", [n])

# A system is in scope while it is planned, in use or being retired.
active_system(s) if s.spec.status in {"planned", "in_use", "retiring"}

# A system holds medical information unless it says it does not.
medical(s) if not s.spec.handles_medical_information == false

# --- Contracts ------------------------------------------------------------------------------

# Every system by name, built once per evaluation: contract rules look up the systems a
# contract names (a scan per contract would make them quadratic).
systems_by_name := {s.metadata.name: s | some s in input.systems}

# A contract with a vendor among its parties.
vendor_contract(c) if {
	some p in c.spec.parties
	p.role == "vendor"
}

# A contract in force on the evaluation date: without an end, or ending on it or later (dates
# are YYYY-MM-DD, so string order is date order: no date conversion per contract).
contract_in_force(c) if not c.spec.term.end_on

contract_in_force(c) if c.spec.term.end_on >= as_of

# A contract that names systems, all of them known and none holding medical information.
non_medical_contract(c) if {
	names := object.get(c.spec, "systems", [])
	count(names) > 0
	every n in names {
		systems_by_name[n].spec.handles_medical_information == false
	}
}

# The organizations that are institutions (not vendors).
institution(o) if o.spec.type in {"hospital", "clinic", "pharmacy"}

# --- Attestations -------------------------------------------------------------------------
# An attestation names a requirement (`requirement` or `requirements`) and may name its
# subject (kind and name); without a subject it speaks for the whole inventory.

# Whether attestation `a` is for requirement `req`.
attests(a, req) if a.spec.requirement == req

attests(a, req) if req in object.get(a.spec, "requirements", [])

# Whether attestation `a` is about document `doc` (no subject: about everything).
about(a, _) if not a.spec.subject

about(a, doc) if {
	a.spec.subject.kind == doc.kind
	a.spec.subject.name == doc.metadata.name
}

# Valid on the evaluation date: not dated in the future, and either within `valid_until` or,
# without one, not older than the `attestation_max_age_days` parameter.
# (Dates are YYYY-MM-DD, so string order is date order: compared with the evaluation date and
# a cutoff computed once, not converted on every call.)
valid_attestation(a) if {
	a.spec.attested_on <= as_of
	a.spec.valid_until
	a.spec.valid_until >= as_of
}

valid_attestation(a) if {
	a.spec.attested_on <= as_of
	not a.spec.valid_until
	a.spec.attested_on >= _attestation_cutoff
}

_attestation_cutoff := date_days_before_as_of(param("attestation_max_age_days"))

# Every attestation under each requirement id it names, built once per evaluation so that
# looking up the attestations of a requirement does not scan them all (an index, not a join).
attestations_by_requirement[req] contains a if {
	some a in input.attestations
	some req in _requirements_of(a)
}

_requirements_of(a) := array.concat([r | r := a.spec.requirement], object.get(a.spec, "requirements", []))

# (A partial rule with no element is undefined in regorus, not an empty object.)
_attestations_of(req) := attestations_by_requirement[req] if attestations_by_requirement[req]

else := set()

# The attestations for `req` about `doc`, valid or not.
attestations_for(req, doc) := [a |
	some a in _attestations_of(req)
	about(a, doc)
]

# Whether a valid attestation for `req` about `doc` exists.
attested(req, doc) if _any_valid(attestations_for(req, doc))

# Why `req` is not attested for `doc`, in both languages (only when it is not).
attestation_gap(req, doc) := gap if {
	found := attestations_for(req, doc)
	not _any_valid(found)
	gap := _gap(req, found)
}

_any_valid(attestations) if {
	some a in attestations
	valid_attestation(a)
}

_gap(req, found) := {
	"ja": sprintf("要件 %s の宣誓(Attestation)がありません", [req]),
	"en": sprintf("there is no attestation for requirement %s", [req]),
} if {
	count(found) == 0
} else := {
	"ja": sprintf("要件 %s の宣誓(最新 %s)は有効期限切れか、日付が評価日より後です", [req, newest]),
	"en": sprintf("the attestation for requirement %s (latest %s) has expired or is dated after the evaluation date", [req, newest]),
} if {
	newest := max([a.spec.attested_on | some a in found])
}

# The organizations an institution-side rule looks at.
institutions contains o if {
	some o in input.organizations
	institution(o)
}

# The vendor organizations.
vendors contains o if {
	some o in input.organizations
	o.spec.type == "vendor"
}

# An organization the inventory speaks for (not a counterparty described from the other side).
own(o) if not o.spec.counterparty == true

# --- Configurations (Terraform, Kubernetes, generic) ---------------------------------------
# Items under input.configurations.<format>; shape in docs/inventory.md ("Configuration items").

# A finding about configuration item `item` at `path` inside it (e.g. "values.versioning[0]",
# "pod.containers[0].securityContext"); it points at that line of the original file.
config_finding(item, path, ja, en) := {
	"resource": {"kind": "Configuration", "name": item.address, "file": item.file},
	"path": path,
	"message": {"ja": ja, "en": en},
}

# Terraform resources of a type that will exist (managed, not data sources).
tf_resources(type) := object.get(_tf_by_type, type, [])

# Managed Terraform resources by type, computed once per evaluation (rules call tf_resources
# in loops; a scan of every item per call made large plans quadratic).
_tf_by_type := {t: [r | some r in _tf_managed; r.type == t] | some t in {x.type | some x in _tf_managed}}

_tf_managed := [r |
	some r in object.get(input, ["configurations", "terraform"], [])
	r.mode == "managed"
]

# Kubernetes objects of a kind.
k8s_objects(kind) := object.get(_k8s_by_kind, kind, [])

# Kubernetes objects by kind, computed once per evaluation.
_k8s_by_kind := {k: [o | some o in _k8s; o.kind == k] | some k in {x.kind | some x in _k8s}}

_k8s := object.get(input, ["configurations", "kubernetes"], [])

# Every configuration item, whatever its format.
configuration_items := [i |
	some format in ["terraform", "kubernetes", "generic"]
	some i in object.get(input, ["configurations", format], [])
]

# The items a System links (spec.configurations), in the order of configuration_items, from an
# index built once (a scan of every item per system made rules quadratic).
configurations_of(system) := object.get(_items_by_system, system.metadata.name, [])

_items_by_system := {name: [configuration_items[k] | some k in sort(ks)] | some name, ks in _item_indices_by_system}

_item_indices_by_system[name] contains k if {
	some k, i in configuration_items
	some name in i.systems
}

# The Japanese regions of the three clouds (Tokyo and Osaka).
japanese_regions := {
	"ap-northeast-1", "ap-northeast-3",
	"japaneast", "japanwest", "Japan East", "Japan West",
	"asia-northeast1", "asia-northeast2",
	# Google Cloud Storage's predefined dual-region of Tokyo and Osaka.
	"asia1",
}

# Whether a cloud region or location is in Japan (a Google zone such as asia-northeast1-a
# counts as its region).
japanese_region(r) if r in japanese_regions

japanese_region(r) if lower(replace(r, " ", "")) in japanese_regions

japanese_region(r) if {
	some j in ["asia-northeast1-", "asia-northeast2-"]
	startswith(r, j)
}

# The resources of `type` whose attribute `attr` points at `target` (another Terraform
# item): e.g. the aws_s3_bucket_versioning whose `bucket` is the bucket. A plan leaves the ids
# of new resources unknown, so the configuration's references are compared as well as the
# values.
tf_attached(type, attr, target) := [r |
	names := tf_ref_names(target)
	some r in tf_resources(type)
	r.file == target.file
	_attached(r, attr, target, names)
]

# The ways a configuration refers to `target` (without instance keys: references have none).
tf_ref_names(target) := {plain, concat("", [plain, ".id"]), concat("", [plain, ".arn"]), concat("", [plain, ".bucket"]), concat("", [plain, ".name"])} if {
	plain := regex.replace(target.address, `\[[^\]]*\]`, "")
}

_attached(r, attr, _, names) if {
	some ref in object.get(r, ["references", attr], [])
	ref in names
}

_attached(r, attr, target, _) if {
	r.module == target.module
	_refers(r.values[attr], target)
}

_refers(v, target) if v == target.values.bucket

_refers(v, target) if v == target.values.id

_refers(v, target) if v == target.values.arn

_refers(v, target) if v == target.values.name

# The containers of a Kubernetes workload (init and ephemeral containers included), each with
# the path of its entry: [{"c": container, "path": "pod.containers[0]"}].
k8s_containers(o) := [x |
	pod := o.pod
	some key in ["initContainers", "containers", "ephemeralContainers"]
	some i, c in object.get(pod, key, [])
	x := {"c": c, "path": sprintf("pod.%s[%d]", [key, i])}
]

# Whether a Kubernetes object belongs to a medical workload: linked to an active System that
# holds medical information, or labelled sansho.io/medical: "true".
k8s_medical(o) if o.labels["sansho.io/medical"] == "true"

k8s_medical(o) if {
	some n in o.systems
	s := systems_by_name[n]
	active_system(s)
	medical(s)
}

# Whether a Terraform item stores backups: an AWS Backup vault, an Azure backup vault, or an S3 /
# Google Cloud Storage bucket whose name contains "backup" or that is tagged purpose/role = backup.
tf_backup_store(r) if r.type in {"aws_backup_vault", "azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault"}

tf_backup_store(r) if {
	r.type in {"aws_s3_bucket", "google_storage_bucket"}
	_backup_named(r)
}

_backup_named(r) if contains(lower(object.get(r.values, "bucket", object.get(r.values, "name", ""))), "backup")

_backup_named(r) if {
	some k in ["purpose", "Purpose", "role", "Role"]
	lower(r.labels[k]) == "backup"
}

# Whether a backup store has a lock that keeps its content from being deleted (the retention
# length is SNS-IAC-004's business).
tf_backup_locked(r) if {
	r.type == "aws_backup_vault"
	count(tf_attached("aws_backup_vault_lock_configuration", "backup_vault_name", r)) > 0
}

tf_backup_locked(r) if {
	r.type == "aws_s3_bucket"
	r.values.object_lock_enabled == true
}

tf_backup_locked(r) if {
	r.type in {"azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault"}
	r.values.immutability == "Locked"
}

tf_backup_locked(r) if {
	r.type == "google_storage_bucket"
	r.values.retention_policy[0].is_locked == true
}
