//! Functions that call themselves, found before anything is evaluated.
//!
//! regorus stops a rule that depends on itself with an error, but a function that calls itself,
//! directly or through other functions, recurses on the native stack until the process aborts.
//! OPA rejects both when compiling (`rego_recursion_error`); sansho rejects recursive functions
//! of custom files the same way, naming the function and the chain of calls.
//!
//! Only custom files are read: the built-in pack is checked once by a test, and custom files
//! may not add to its packages (`sansho.…`, see [`crate::policy`]), so a cycle can only run
//! through functions that custom files define.

use crate::policy::RegoFile;
use crate::problem::{Problem, ProblemCode};
use crate::source::Location;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A package's path (`data.a.b`) and its imports by alias.
type Scope = (Vec<String>, BTreeMap<String, Vec<String>>);

/// One function definition: where its first head is.
struct Def {
    at: Location,
}

/// The functions of `files` that call themselves, one problem per cycle, in a stable order.
/// Files that do not parse are skipped (their syntax error is reported when the pack is built).
pub fn check(files: &[&RegoFile]) -> Vec<Problem> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(false);
    for f in files {
        // A file that does not parse is reported with its syntax error by the engine build.
        let _ = engine.add_policy(f.path.clone(), f.text.clone());
    }
    let Ok(json) = engine.get_ast_as_json() else {
        return Vec::new();
    };
    // Expressions nest at most 32 deep in regorus's parser, but each level is several JSON
    // levels: more than serde_json's default limit of 128.
    let mut de = serde_json::Deserializer::from_str(&json);
    de.disable_recursion_limit();
    let Ok(Value::Array(modules)) = serde::Deserialize::deserialize(&mut de) else {
        return Vec::new();
    };
    let mut defs: BTreeMap<Vec<String>, Def> = BTreeMap::new();
    // Per function: (calls as written, the package and imports to resolve them with).
    let mut raw: Vec<(Vec<String>, Vec<Vec<String>>, usize)> = Vec::new();
    let mut scopes: Vec<Scope> = Vec::new();
    for m in &modules {
        let file = m["source"]["file"].as_str().unwrap_or_default();
        let text = m["source"]["contents"].as_str().unwrap_or_default();
        let ast = &m["ast"];
        let Some(package) = path_of(&ast["package"]["refr"]) else {
            continue;
        };
        let mut package_path = vec!["data".to_string()];
        package_path.extend(package);
        let mut imports = BTreeMap::new();
        for i in ast["imports"].as_array().into_iter().flatten() {
            let Some(path) = path_of(&i["refr"]) else { continue };
            if path.first().map(String::as_str) != Some("data") {
                continue;
            }
            let alias = match span_text(text, &i["as"]) {
                Some(a) => a.to_string(),
                None => path.last().cloned().unwrap_or_default(),
            };
            imports.insert(alias, path);
        }
        let scope = scopes.len();
        scopes.push((package_path.clone(), imports));
        for rule in ast["rules"].as_array().into_iter().flatten() {
            let head = &rule["Spec"]["head"]["Func"];
            let Some(name) = path_of(&head["refr"]) else { continue };
            let mut full = package_path.clone();
            full.extend(name);
            let span = &head["span"];
            defs.entry(full.clone()).or_insert_with(|| Def {
                at: Location {
                    file: file.to_string(),
                    line: span["line"].as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(1),
                    column: span["col"].as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(1),
                    offset: span["start"].as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(0),
                },
            });
            let mut calls = Vec::new();
            collect_calls(rule, &mut calls);
            raw.push((full, calls, scope));
        }
    }
    let mut edges: BTreeMap<&[String], BTreeSet<&[String]>> = BTreeMap::new();
    for (from, calls, scope) in &raw {
        let (package, imports) = &scopes[*scope];
        for call in calls {
            if let Some(to) = resolve(call, package, imports, &defs) {
                let to = defs.get_key_value(&to).map(|(k, _)| k.as_slice());
                if let Some(to) = to {
                    edges.entry(from.as_slice()).or_default().insert(to);
                }
            }
        }
    }
    cycles(&edges)
        .into_iter()
        .map(|cycle| {
            let first = cycle[0];
            let chain: Vec<String> = cycle.iter().chain(std::iter::once(&first)).map(|p| p.join(".")).collect();
            let message = if cycle.len() == 1 {
                format!("function `{}` calls itself", chain[0])
            } else {
                format!("function `{}` calls itself through {}", chain[0], chain.join(" → "))
            };
            let mut p = Problem::new(ProblemCode::PolicySyntax, message).help(
                "Rego functions may not be recursive (OPA rejects them too); write the repetition with `walk`, a comprehension or a bounded helper per level",
            );
            if let Some(d) = defs.get(first) {
                p = p.at(d.at.clone());
            }
            p
        })
        .collect()
}

/// The call targets named in a rule, as written (`f`, `lib.f`, `data.x.f`).
fn collect_calls(v: &Value, out: &mut Vec<Vec<String>>) {
    // The AST is at most a few hundred levels deep (see `check`); walk it with a stack anyway.
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                if let Some(call) = m.get("Call") {
                    if let Some(p) = path_of(&call["fcn"]) {
                        out.push(p);
                    }
                }
                stack.extend(m.values());
            }
            Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
}

/// `a.b["c"].d` as its names; `None` for anything else (a variable index, a call).
fn path_of(v: &Value) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut v = v;
    loop {
        if let Some(var) = v.get("Var") {
            names.push(var["value"].as_str()?.to_string());
            break;
        } else if let Some(dot) = v.get("RefDot") {
            names.push(dot["field"].get(1)?.as_str()?.to_string());
            v = &dot["refr"];
        } else if let Some(brack) = v.get("RefBrack") {
            names.push(brack["index"]["String"]["value"].as_str()?.to_string());
            v = &brack["refr"];
        } else {
            return None;
        }
    }
    names.reverse();
    Some(names)
}

/// The text of a span (`{"start", "end"}` byte offsets) of `text`.
fn span_text<'a>(text: &'a str, span: &Value) -> Option<&'a str> {
    let start = usize::try_from(span["start"].as_u64()?).ok()?;
    let end = usize::try_from(span["end"].as_u64()?).ok()?;
    text.get(start..end)
}

/// The function a call names, if the files define it.
fn resolve(
    call: &[String],
    package: &[String],
    imports: &BTreeMap<String, Vec<String>>,
    defs: &BTreeMap<Vec<String>, Def>,
) -> Option<Vec<String>> {
    let (root, rest) = call.split_first()?;
    let local: Vec<String> = package.iter().chain(call).cloned().collect();
    if defs.contains_key(&local) {
        return Some(local);
    }
    if root == "data" {
        return Some(call.to_vec());
    }
    let base = imports.get(root)?;
    Some(base.iter().chain(rest).cloned().collect())
}

/// The cycles of a graph, each as its nodes from the smallest, found by a depth-first walk
/// from each node in order; a node is reported in one cycle at most.
fn cycles<'a>(edges: &BTreeMap<&'a [String], BTreeSet<&'a [String]>>) -> Vec<Vec<&'a [String]>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark: BTreeMap<&[String], Mark> = BTreeMap::new();
    let mut reported: BTreeSet<&[String]> = BTreeSet::new();
    let mut found = Vec::new();
    let none = BTreeSet::new();
    for &start in edges.keys() {
        if mark.get(start).copied().unwrap_or(Mark::New) != Mark::New {
            continue;
        }
        // The walk's path: each node with the callees still to visit.
        let mut path: Vec<(&[String], std::collections::btree_set::Iter<'_, &[String]>)> =
            vec![(start, edges.get(start).unwrap_or(&none).iter())];
        mark.insert(start, Mark::Open);
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            match next.next() {
                Some(&to) => match mark.get(to).copied().unwrap_or(Mark::New) {
                    Mark::New => {
                        mark.insert(to, Mark::Open);
                        path.push((to, edges.get(to).unwrap_or(&none).iter()));
                    }
                    Mark::Open => {
                        let from = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<&[String]> = path[from..].iter().map(|(n, _)| *n).collect();
                        if cycle.iter().all(|n| !reported.contains(n)) {
                            reported.extend(cycle.iter().copied());
                            let min = cycle
                                .iter()
                                .enumerate()
                                .min_by_key(|(_, n)| **n)
                                .map(|(i, _)| i)
                                .unwrap_or(0);
                            cycle.rotate_left(min);
                            found.push(cycle);
                        }
                    }
                    Mark::Done => {}
                },
                None => {
                    mark.insert(node, Mark::Done);
                    path.pop();
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Origin, Role};

    fn file(path: &str, text: &str) -> RegoFile {
        RegoFile {
            path: path.to_string(),
            text: text.to_string(),
            origin: Origin::Custom("custom".into()),
            package: String::new(),
            role: Role::Library,
        }
    }

    fn messages(files: &[RegoFile]) -> Vec<String> {
        let refs: Vec<&RegoFile> = files.iter().collect();
        check(&refs)
            .into_iter()
            .map(|p| {
                let at = p
                    .location
                    .as_ref()
                    .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
                    .unwrap_or_default();
                format!("{at} {}", p.message)
            })
            .collect()
    }

    #[test]
    fn a_function_calling_itself_is_named_where_it_is_defined() {
        let files = [file("c/a.rego", "package a\n\nf(x) := f(x)\n\ng(x) := f(x) + 1\n")];
        assert_eq!(messages(&files), ["c/a.rego:3:1 function `data.a.f` calls itself"]);
    }

    #[test]
    fn cycles_through_other_functions_packages_and_imports_are_found() {
        let files = [
            file(
                "c/a.rego",
                "package a\nimport data.b as other\n\nf(x) := y if {\n\ty := other.g(x)\n}\n\nh(x) := x\n",
            ),
            file("c/b.rego", "package b\n\ng(x) := data.a.f(x)\n\nk(x) := data.a.h(x)\n"),
            // A helper under a dotted name, and a cycle through an `else` body.
            file(
                "c/c.rego",
                "package c\nimport data.c.util\n\nutil.p(x) := 1 if { x == 0 } else := util.q(x)\n\nutil.q(x) := util.p(x - 1)\n",
            ),
        ];
        assert_eq!(
            messages(&files),
            [
                "c/a.rego:4:1 function `data.a.f` calls itself through data.a.f → data.b.g → data.a.f",
                "c/c.rego:4:1 function `data.c.util.p` calls itself through data.c.util.p → data.c.util.q → data.c.util.p",
            ]
        );
    }

    #[test]
    fn calls_without_a_cycle_and_builtins_of_the_same_name_are_accepted() {
        let files = [
            file(
                "c/a.rego",
                "package a\nimport data.b\n\nf(x) := b.g(x) + 1\n\nr if f([1]) == 1\n",
            ),
            file("c/b.rego", "package b\n\ng(x) := count(x)\n"),
            // A file that does not parse is left to the engine build to report.
            file("c/broken.rego", "package broken\n\nf(x) := f(x\n"),
        ];
        // `count` in package b is the built-in: b has no function `count`.
        assert!(messages(&files).is_empty(), "{:?}", messages(&files));
    }

    #[test]
    fn the_built_in_pack_has_no_recursive_function() {
        let files = crate::policy::PolicySet::builtin();
        let rego: Vec<RegoFile> = files
            .into_iter()
            .filter(|(p, _, _)| p.ends_with(".rego"))
            .map(|(p, t, _)| file(&p, &t))
            .collect();
        assert!(rego.len() > 50);
        assert!(messages(&rego).is_empty());
    }
}
