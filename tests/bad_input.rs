//! Bad input is normal input: every kind of broken inventory, config or policy gets a clear
//! problem naming file, line and column, exit code 2, and no panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

fn bad(case: &str) -> String {
    format!("tests/fixtures/bad/{case}")
}

#[test]
fn yaml_syntax_error() {
    let (p, _) = expect_problem(&bad("syntax"), "syntax", "syntax/inventory.yaml", None);
    let line = p["location"]["line"].as_u64().unwrap();
    assert!((7..=9).contains(&line), "{p:#?}");
}

#[test]
fn duplicate_key_points_at_both() {
    let (p, _) = expect_problem(
        &bad("duplicate_key"),
        "duplicate_key",
        "duplicate_key/inventory.yaml",
        Some(9),
    );
    assert_eq!(p["related"]["line"], 7);
    assert!(p["message"].as_str().unwrap().contains("hosting"));
}

#[test]
fn unknown_kind_lists_the_kinds() {
    let (p, _) = expect_problem(
        &bad("unknown_kind"),
        "unknown_kind",
        "unknown_kind/inventory.yaml",
        Some(2),
    );
    assert!(p["help"].as_str().unwrap().contains("System"));
}

#[test]
fn missing_name() {
    expect_problem(
        &bad("missing_name"),
        "missing_name",
        "missing_name/inventory.yaml",
        Some(3),
    );
}

#[test]
fn duplicate_name_across_files() {
    let (p, _) = expect_problem(
        &bad("duplicate_name"),
        "duplicate_name",
        "duplicate_name/b.yaml",
        Some(5),
    );
    assert!(p["related"]["file"].as_str().unwrap().ends_with("a.yaml"));
    assert_eq!(p["related"]["line"], 4);
}

#[test]
fn wrong_type() {
    let (p, _) = expect_problem(&bad("wrong_type"), "schema", "wrong_type/inventory.yaml", Some(11));
    assert!(p["message"].as_str().unwrap().contains("min_length"), "{p:#?}");
}

#[test]
fn unknown_field_points_at_the_field_and_suggests() {
    let (p, _) = expect_problem(&bad("unknown_field"), "schema", "unknown_field/inventory.yaml", Some(9));
    assert!(p["message"].as_str().unwrap().contains("authentcation"));
    assert!(p["help"].as_str().unwrap().contains("authentication"), "{p:#?}");
}

#[test]
fn invalid_date() {
    let (p, _) = expect_problem(
        &bad("invalid_date"),
        "invalid_date",
        "invalid_date/inventory.yaml",
        Some(9),
    );
    assert!(p["message"].as_str().unwrap().contains("2026-02-30"));
}

#[test]
fn empty_file() {
    expect_problem(&bad("empty_file"), "empty_file", "empty_file/inventory.yaml", None);
}

#[test]
fn alias_bomb_is_bounded() {
    expect_problem(&bad("alias_bomb"), "too_many_nodes", "alias_bomb/inventory.yaml", None);
}

#[test]
fn unsupported_api_version() {
    expect_problem(
        &bad("api_version"),
        "api_version",
        "api_version/inventory.yaml",
        Some(1),
    );
}

#[test]
fn json_syntax_error() {
    expect_problem(&bad("json_syntax"), "syntax", "json_syntax/inventory.json", Some(5));
}

#[test]
fn path_that_does_not_exist() {
    let (problems, _) = problems_of("tests/fixtures/no/such/dir", &[]);
    assert_eq!(problems[0]["code"], "not_found");
}

#[test]
fn shift_jis_file_says_so_and_suggests_conversion() {
    let dir = tempfile::tempdir().unwrap();
    // "name: 医療" with 医療 in Shift_JIS.
    let mut bytes = b"apiVersion: sansho/v1\nkind: Organization\nmetadata:\n  name: x\n  description: ".to_vec();
    bytes.extend_from_slice(&[0x88, 0xE3, 0x97, 0xC3]);
    bytes.extend_from_slice(b"\nspec:\n  type: clinic\n");
    std::fs::write(dir.path().join("sjis.yaml"), bytes).unwrap();
    let (problems, run) = problems_of(dir.path().to_str().unwrap(), &[]);
    let p = &problems[0];
    assert_eq!(p["code"], "not_utf8");
    assert_eq!(p["location"]["line"], 5);
    assert!(p["message"].as_str().unwrap().contains("Shift_JIS"));
    assert!(p["help"].as_str().unwrap().contains("iconv -f SHIFT_JIS"));
    assert!(run.stderr.contains("sjis.yaml"));
}

#[test]
fn file_over_the_size_limit() {
    let (problems, _) = problems_of(&bad("duplicate_key"), &["--max-file-size", "10"]);
    assert_eq!(problems[0]["code"], "too_large");
    assert!(problems[0]["help"].as_str().unwrap().contains("--max-file-size"));
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good/minimal/org.yaml"), dir.path().join("org.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    assert!(problems.iter().any(|p| p["code"] == "symlink_loop"), "{problems:#?}");
}

#[test]
fn bom_is_accepted() {
    let r = run(&[
        "check",
        "tests/fixtures/good/bom.yaml",
        "--format",
        "json",
        "--as-of",
        "2026-11-25",
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(r.json()["summary"]["documents"]["organizations"], 1);
}

#[test]
fn every_problem_is_reported_at_once() {
    let (problems, _) = problems_of("tests/fixtures/bad", &[]);
    let codes: std::collections::BTreeSet<&str> = problems.iter().filter_map(|p| p["code"].as_str()).collect();
    for c in [
        "syntax",
        "duplicate_key",
        "unknown_kind",
        "missing_name",
        "duplicate_name",
        "schema",
        "invalid_date",
        "empty_file",
        "too_many_nodes",
        "unknown_reference",
    ] {
        assert!(codes.contains(c), "{c} missing from {codes:?}");
    }
}

#[test]
fn bad_as_of_date() {
    let r = run(&["check", "tests/fixtures/good/minimal", "--as-of", "2026-02-30"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--as-of"), "{}", r.stderr);
}

#[test]
fn unknown_config_parameter_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good/minimal/org.yaml"), dir.path().join("org.yaml")).unwrap();
    std::fs::write(
        dir.path().join("sansho.yaml"),
        "parameters:\n  password_min_length: 10\n  pasword_min_length: 12\n",
    )
    .unwrap();
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    assert_eq!(problems[0]["code"], "config");
    assert_eq!(problems[0]["location"]["line"], 3);
    assert!(problems[0]["help"].as_str().unwrap().contains("password_min_length"));
}

#[test]
fn a_settings_file_sansho_would_read_only_in_part_is_an_error() {
    // `limits: 5` and a second document were ignored without a word.
    for (text, message, line) in [
        ("limits: 5\n", "`limits` must be a mapping", 1),
        ("limits: [max_files]\n", "`limits` must be a mapping", 1),
        (
            "parameters:\n  password_min_length: 10\n---\nlimits:\n  max_files: 10\n",
            "sansho.yaml holds more than one YAML document",
            4,
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fixture("good/minimal/org.yaml"), dir.path().join("org.yaml")).unwrap();
        std::fs::write(dir.path().join("sansho.yaml"), text).unwrap();
        let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
        assert_eq!(problems.len(), 1, "{text}: {problems:?}");
        assert_eq!(problems[0]["code"], "config");
        assert_eq!(problems[0]["message"], message, "{text}");
        assert_eq!(problems[0]["location"]["line"], line, "{text}");
    }
    // An empty `limits:` is no limits, as before, and a lone `---` at the end is no document.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good/minimal/org.yaml"), dir.path().join("org.yaml")).unwrap();
    std::fs::write(dir.path().join("sansho.yaml"), "limits:\n---\n").unwrap();
    let (json, r) = check_json(dir.path().to_str().unwrap(), &[]);
    assert!(r.code < 2, "{}", r.stderr);
    assert_eq!(json["error"], serde_json::Value::Null, "{json}");
}

#[test]
fn broken_policy_syntax_names_the_file() {
    let (problems, run) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/syntax"],
    );
    assert_eq!(problems[0]["code"], "policy_syntax");
    assert!(problems[0]["file"].as_str().unwrap().ends_with("broken.rego"));
    assert!(run.stderr.contains("a policy failed"));
}

#[test]
fn policy_runtime_error_fails_closed() {
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/runtime"],
    );
    assert_eq!(problems[0]["code"], "policy_runtime");
    assert!(problems[0]["message"].as_str().unwrap().contains("TEST-RUNTIME-1"));
}

#[test]
fn policy_without_metadata_is_an_error() {
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/no_metadata"],
    );
    assert_eq!(problems[0]["code"], "policy_metadata");
}

#[test]
fn policy_naming_an_unknown_requirement_is_an_error() {
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/unknown_requirement"],
    );
    assert_eq!(problems[0]["code"], "unknown_requirement");
    assert!(problems[0]["message"].as_str().unwrap().contains("chk.r99.nothing"));
}

#[test]
fn a_finding_may_not_claim_requirements_its_rule_does_not_declare() {
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/foreign_requirement"],
    );
    assert_eq!(problems[0]["code"], "policy_output");
    let m = problems[0]["message"].as_str().unwrap();
    assert!(m.contains("chk.r7.inst.2.10") && m.contains("METADATA"), "{m}");
}

#[test]
fn findings_narrow_requirement_status_to_the_documents_at_fault() {
    // SNS-DOC-002 checks a table of documents; the hospital example lacks only some of them,
    // so the requirements of the documents it has stay compliant.
    let (v, _) = check_json("examples/hospital", &["--as-of", "2026-11-25"]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SNS-DOC-002")
        .unwrap()
        .clone();
    let named: Vec<&str> = f["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    let status = |id: &str| {
        v["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    for id in &named {
        assert_eq!(status(id), "non_compliant", "{id}");
    }
    assert!(!named.contains(&"g6.gov.2"), "the hospital has a security policy");
    assert_eq!(status("g6.gov.2"), "compliant");
}

#[test]
fn recursive_functions_are_rejected_before_evaluation() {
    // regorus would recurse on the native stack until the process aborts (exit 134).
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/recursive"],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["code"], "policy_syntax");
    assert_eq!(
        problems[0]["message"],
        "function `data.custom.recursive_helpers.depth` calls itself through \
         data.custom.recursive_helpers.depth → data.custom.recursive_helpers.inner → data.custom.recursive_helpers.depth"
    );
    assert!(problems[0]["file"].as_str().unwrap().ends_with("lib/helpers.rego"));
    assert_eq!(problems[0]["location"]["line"], 4);
    // `sansho test` loads the same files and stops the same way.
    let r = run(&["test", "tests/fixtures/broken_policy/recursive"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("lib/helpers.rego:4:1"), "{}", r.stderr);
}

#[test]
fn a_with_replacement_that_calls_back_is_recursion() {
    // Found in the test file, which `check` does not evaluate but loads.
    let expected = "function `data.custom.names_test.loud` calls itself through data.custom.names_test.loud \
                    → data.custom.names_test.shout → data.custom.names_test.loud (a `with … as …` replaces a call with it)";
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/recursive_with"],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["message"], expected);
    assert!(problems[0]["file"].as_str().unwrap().ends_with("names_test.rego"));
    assert_eq!(problems[0]["location"]["line"], 11);
    let r = run(&["test", "tests/fixtures/broken_policy/recursive_with"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("names_test.rego:11:1"), "{}", r.stderr);
}

#[test]
fn policies_as_deep_as_regorus_accepts_are_evaluated() {
    // regorus's parser allows 20 000 lines: a sum of that many terms, or a chain of that many
    // functions or rules, each overflowed a stack (exit 134) before the engine ran on deep ones.
    let dir = tempfile::tempdir().unwrap();
    let header = std::fs::read_to_string(fixture("broken_policy/recursive/recursive.rego")).unwrap();
    let header = header
        .split("package ")
        .next()
        .unwrap()
        .replace("TEST-RECURSIVE-1", "TEST-DEEP-1");
    let n = 19_000;
    let chain: String = (0..n).map(|i| format!("f{i}(x) := f{}(x)\n", i + 1)).collect();
    let rules: String = (0..n).map(|i| format!("r{i} := r{}\n", i + 1)).collect();
    let sum = "\n + 1".repeat(n);
    for (name, body) in [
        ("chain", format!("{chain}f{n}(x) := x\n\ndeep := f0(1)\n")),
        ("rules", format!("{rules}r{n} := 1\n\ndeep := r0\n")),
        ("sum", format!("deep := (1{sum}) - {n}\n")),
    ] {
        let policy = dir.path().join(name);
        std::fs::create_dir(&policy).unwrap();
        std::fs::write(
            policy.join("deep.rego"),
            format!(
                "{header}package custom.deep\n\n{body}\ndeny contains f if {{\n\tdeep == 1\n\tsome o in input.organizations\n\t\
                 f := {{\"resource\": {{\"kind\": \"Organization\", \"name\": o.metadata.name}}, \"path\": \"spec\", \"message\": {{\"ja\": \"x\", \"en\": \"x\"}}}}\n}}\n"
            ),
        )
        .unwrap();
        let (json, r) = check_json(
            "tests/fixtures/good/minimal",
            &["--policy", policy.to_str().unwrap(), "--no-builtin"],
        );
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert_eq!(json["findings"][0]["rule"], "TEST-DEEP-1", "{name}");
    }
}

#[test]
fn policies_deeper_than_the_stack_are_refused_before_they_run() {
    // Within regorus's limits per file: brackets nested 340 000 deep overflowed its parser
    // (exit 134), arrays nested 30 deep would take its parser hours, a chain through several
    // files overflowed its evaluator.
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("nested");
    std::fs::create_dir(&nested).unwrap();
    for (n, open, close, message) in [
        (17, "[", "]", "arrays, sets, objects and indexes nest more than 16 deep here (the Rego parser would take time doubling with each level)"),
        (1001, "-(", ")", "brackets and minus signs nest more than 1000 deep here"),
    ] {
        let line = format!("x := {}1{}\n", open.repeat(n), close.repeat(n));
        std::fs::write(nested.join("n.rego"), format!("package custom.n\n\n{line}")).unwrap();
        let (problems, _) = problems_of("tests/fixtures/good/minimal", &["--policy", nested.to_str().unwrap()]);
        assert_eq!(problems[0]["message"], message);
        assert_eq!(problems[0]["location"]["line"], 3);
        let r = run(&["test", nested.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains(&message[..40]), "{}", r.stderr);
    }
    // Libraries (no METADATA needed).
    let chain = dir.path().join("chain/lib");
    std::fs::create_dir_all(&chain).unwrap();
    let n = 17_000;
    for (file, package, next) in [
        ("a.rego", "a", "data.custom.b.f0"),
        ("b.rego", "b", "data.custom.c.f0"),
        ("c.rego", "c", ""),
    ] {
        let mut text = format!("package custom.{package}\n\n");
        for i in 0..n {
            let callee = if i + 1 < n {
                format!("f{}", i + 1)
            } else {
                next.to_string()
            };
            text += &if callee.is_empty() {
                format!("f{i}(x) := x\n")
            } else {
                format!("f{i}(x) := {callee}(x)\n")
            };
        }
        std::fs::write(chain.join(file), text).unwrap();
    }
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", dir.path().join("chain").to_str().unwrap()],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = problems[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("`data.custom.a.f0` nests too deeply to evaluate"),
        "{message}"
    );
    assert!(problems[0]["file"].as_str().unwrap().ends_with("a.rego"));
}

#[test]
fn the_built_in_packages_are_reserved_however_they_are_spelled() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    for (file, package) in [
        ("a.rego", "data.sansho[\"lib\"]"),
        ("b.rego", "sansho[\"rules\"].x"),
        ("c.rego", "\tsansho"),
    ] {
        std::fs::write(
            lib.join(file),
            format!(
                "package{}{package}\n\nhelper(x) := x\n",
                if package.starts_with('\t') { "" } else { " " }
            ),
        )
        .unwrap();
    }
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", dir.path().to_str().unwrap()],
    );
    let got: Vec<&str> = problems.iter().map(|p| p["message"].as_str().unwrap()).collect();
    assert_eq!(
        got,
        [
            "package `sansho.lib` belongs to the built-in pack",
            "package `sansho.rules.x` belongs to the built-in pack",
            "package `sansho` belongs to the built-in pack",
        ]
    );
}

#[test]
fn custom_policies_may_not_add_to_the_built_in_packages() {
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/broken_policy/reserved_package"],
    );
    assert_eq!(problems[0]["code"], "policy_syntax");
    assert_eq!(
        problems[0]["message"],
        "package `sansho.lib` belongs to the built-in pack"
    );
    assert_eq!(problems[0]["location"]["line"], 15);
}

#[test]
fn year_zero_is_not_a_date() {
    // RFC 3339 allows 0000-01-01; no date sansho computes with has a year 0, and a rule reading
    // it failed without pointing at the inventory.
    let dir = tempfile::tempdir().unwrap();
    let hospital = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/hospital");
    for f in ["organization.yaml", "systems.yaml"] {
        std::fs::copy(hospital.join(f), dir.path().join(f)).unwrap();
    }
    let assets = std::fs::read_to_string(hospital.join("assets.yaml")).unwrap();
    let line = assets
        .lines()
        .position(|l| l.contains("last_applied_on: 2026-11-12"))
        .unwrap()
        + 1;
    std::fs::write(
        dir.path().join("assets.yaml"),
        assets.replacen("last_applied_on: 2026-11-12", "last_applied_on: 0000-11-12", 1),
    )
    .unwrap();
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    let p = problems
        .iter()
        .find(|p| p["code"] == "invalid_date")
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!(p["location"]["line"], line);
    assert!(p["message"].as_str().unwrap().contains("0000-11-12"), "{p}");
    assert!(p["help"].as_str().unwrap().contains("0001 to 9999"), "{p}");
}

#[test]
fn names_of_documents_that_are_not_in_the_inventory_are_located() {
    let (problems, _) = problems_of(&bad("unknown_reference"), &[]);
    let got: Vec<String> = problems
        .iter()
        .map(|p| {
            assert_eq!(p["code"], "unknown_reference", "{p}");
            format!(
                "{}:{} {}",
                p["location"]["line"],
                p["location"]["column"],
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "18:3 System `karte` names Organization `nobody-medical`, which is not in the inventory",
            "27:20 Asset `karte-server` names System `kartee`, which is not in the inventory",
            "37:7 Contract `karte-maintenance` names Organization `nobody-medical`, which is not in the inventory",
            "50:5 Attestation `signed` names Contract `karte-maint`, which is not in the inventory",
        ]
    );
    assert!(problems[1]["help"]
        .as_str()
        .unwrap()
        .starts_with("did you mean `karte`?"));
    assert!(problems[3]["help"].as_str().unwrap().contains("`karte-maintenance`"));
}

#[test]
fn parameters_out_of_their_range_are_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good/minimal/org.yaml"), dir.path().join("org.yaml")).unwrap();
    std::fs::write(
        dir.path().join("sansho.yaml"),
        "parameters:\n  patch_max_age_days: -5\n  contract_required_responsibilities: [chk.r7.inst.2.6, chk.r7.inst.99]\n  checklist_current_edition: r99\n  password_min_length: 12\n",
    )
    .unwrap();
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    let got: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| {
            assert_eq!(p["code"], "config", "{p}");
            (p["location"]["line"].as_u64().unwrap(), p["message"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, "parameter `patch_max_age_days` is -5; it cannot be negative"),
            (
                3,
                "parameter `contract_required_responsibilities` names unknown requirement ids: `chk.r7.inst.99`"
            ),
            (
                4,
                "parameter `checklist_current_edition` is `r99`, an edition sansho does not have"
            ),
        ]
    );
}

#[test]
fn config_files_sansho_would_not_read_are_errors() {
    // Both names at the root: which one applies is not obvious.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good/minimal/org.yaml"), dir.path().join("org.yaml")).unwrap();
    std::fs::write(dir.path().join("sansho.yaml"), "parameters: {}\n").unwrap();
    std::fs::write(dir.path().join("sansho.yml"), "parameters: {}\n").unwrap();
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    assert_eq!(problems[0]["code"], "config");
    assert!(
        problems[0]["message"].as_str().unwrap().starts_with("both `"),
        "{problems:?}"
    );
    // One below the root: it would be silently ignored.
    std::fs::remove_file(dir.path().join("sansho.yml")).unwrap();
    std::fs::create_dir(dir.path().join("site-b")).unwrap();
    std::fs::write(dir.path().join("site-b/sansho.yaml"), "parameters: {}\n").unwrap();
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    assert_eq!(problems[0]["code"], "config");
    assert_eq!(
        problems[0]["message"],
        "`sansho.yaml` below the inventory root is not read"
    );
    assert!(problems[0]["file"].as_str().unwrap().ends_with("site-b/sansho.yaml"));
}

#[test]
fn command_line_values_that_cannot_work_are_refused() {
    for flag in ["--rule-timeout", "--max-files", "--max-file-size", "--max-memory"] {
        let r = run(&["check", "tests/fixtures/good/minimal", flag, "0"]);
        assert_eq!(r.code, 2, "{flag} 0");
        assert!(r.stderr.contains("0 is not in 1.."), "{flag}: {}", r.stderr);
    }
    let r = run(&["requirements", "--source", "guideline7"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("unknown source `guideline7`; sources: checklist_r7_institution"),
        "{}",
        r.stderr
    );
    let empty = tempfile::tempdir().unwrap();
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", empty.path().to_str().unwrap()],
    );
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("holds no .rego file"),
        "{problems:?}"
    );
    let (problems, _) = problems_of(
        "tests/fixtures/good/minimal",
        &["--policy", "tests/fixtures/good/minimal/org.yaml"],
    );
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("is a file; --policy takes a directory"),
        "{problems:?}"
    );
}

#[test]
fn periods_that_end_before_they_start_and_impossible_percentages_are_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("good/minimal/org.yaml"), dir.path().join("org.yaml")).unwrap();
    std::fs::write(
        dir.path().join("contract.yaml"),
        "apiVersion: sansho/v1\nkind: Contract\nmetadata:\n  name: too-available\nspec:\n  parties:\n    - organization: minimal-clinic\n      role: institution\n  clauses:\n    service_levels:\n      availability_percent: 150\n---\napiVersion: sansho/v1\nkind: Contract\nmetadata:\n  name: backwards\nspec:\n  parties:\n    - organization: minimal-clinic\n      role: institution\n  term:\n    start_on: 2026-04-01\n    end_on: 2025-03-31\n",
    )
    .unwrap();
    let (problems, _) = problems_of(dir.path().to_str().unwrap(), &[]);
    let got: Vec<(&str, u64, &str)> = problems
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap(),
                p["location"]["line"].as_u64().unwrap(),
                p["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].0, "schema");
    assert_eq!(got[0].1, 11);
    assert!(got[0].2.contains("availability_percent"), "{got:?}");
    assert_eq!(
        got[1],
        (
            "invalid_date",
            23,
            "Contract `backwards`: `spec.term.end_on` (2025-03-31) is before `spec.term.start_on` (2026-04-01)"
        )
    );
}
