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
use regorus::unstable::{Expr, Literal, Module, Query, Rule, RuleHead};
use std::collections::{BTreeMap, BTreeSet};

/// A package's path (`data.a.b`) and its imports by alias.
type Scope = (Vec<String>, BTreeMap<String, Vec<String>>);

/// What one rule or function names: its calls as written (`f`, `lib.f`, `data.x.f`), and its
/// statements with `with … as …` replacements of functions.
#[derive(Default)]
struct Named {
    calls: Vec<Vec<String>>,
    withs: Vec<With>,
}

/// One `with T as F` of a statement, and the calls the statement makes (as written).
struct With {
    calls: Vec<Vec<String>>,
    target: Vec<String>,
    value: Vec<String>,
}

/// The functions of `files` that call themselves, one problem per cycle, in the order of the
/// files. Files that do not parse are skipped (their syntax error is reported when the pack is
/// built).
///
/// A `with T as F` follows regorus 0.14.1: while the statement is evaluated, a call written
/// `T` (after import aliases are resolved), in any package, runs `F` instead, and `F` runs
/// with no replacement in force. So a replacement recurses only when `F` leads back to the
/// function whose statement installs it, and that statement reaches a call written `T`:
/// `f(x) := g(x) with g as f` does; a test's mock that calls what it replaces does not.
///
/// The AST is walked with a stack of its own, not by recursion: regorus's parser accepts a
/// sum of 20 000 terms, a tree that deep.
pub fn check(files: &[&RegoFile]) -> Vec<Problem> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(false);
    for f in files {
        // A file that does not parse is reported with its syntax error by the engine build.
        let _ = engine.add_policy(f.path.clone(), f.text.clone());
    }
    let mut defs: BTreeMap<Vec<String>, Location> = BTreeMap::new();
    // Per rule or function: its path, what it names, and the scope to resolve the names in.
    let mut raw: Vec<(Vec<String>, Named, usize)> = Vec::new();
    let mut scopes: Vec<Scope> = Vec::new();
    for m in engine.get_modules().iter() {
        let Some(package) = path_of(&m.package.refr) else {
            continue;
        };
        let mut package_path = vec!["data".to_string()];
        package_path.extend(package);
        let scope = scopes.len();
        scopes.push((package_path.clone(), imports_of(m)));
        for rule in &m.policy {
            let (head_refr, is_func, span) = match rule.as_ref() {
                Rule::Spec { head, span, .. } => match head {
                    RuleHead::Func { refr, .. } => (refr, true, span),
                    RuleHead::Compr { refr, .. } | RuleHead::Set { refr, .. } => (refr, false, span),
                },
                Rule::Default { refr, span, .. } => (refr, false, span),
            };
            let Some(name) = path_of(head_refr) else { continue };
            let mut full = package_path.clone();
            full.extend(name);
            if is_func {
                defs.entry(full.clone()).or_insert_with(|| Location {
                    file: span.source.file().clone(),
                    line: span.line,
                    column: span.col,
                    offset: span.start,
                });
            }
            raw.push((full, names_in(rule), scope));
        }
    }
    // Calls between the functions the files define, and the calls of each as regorus matches
    // them against a replacement (written, import aliases resolved).
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut written: BTreeMap<&[String], BTreeSet<String>> = BTreeMap::new();
    for (from, named, scope) in &raw {
        let (package, imports) = &scopes[*scope];
        for call in &named.calls {
            if let Some(to) = resolve(call, package, imports, &defs) {
                edges.entry(from.clone()).or_default().insert(to);
            }
            written
                .entry(from.as_slice())
                .or_default()
                .insert(as_called(call, imports, &defs));
        }
    }
    let mut via_with: BTreeSet<(Vec<String>, Vec<String>)> = BTreeSet::new();
    for (from, named, scope) in &raw {
        let (package, imports) = &scopes[*scope];
        for w in &named.withs {
            let Some(value) = replacement(&w.value, package, imports, &defs) else {
                continue;
            };
            let target = match w
                .target
                .split_first()
                .and_then(|(r, rest)| Some((imports.get(r)?, rest)))
            {
                Some((base, rest)) => base.iter().chain(rest).cloned().collect::<Vec<_>>().join("."),
                None => w.target.join("."),
            };
            // The calls the statement makes, and every function they reach.
            let mut seen: BTreeSet<&[String]> = BTreeSet::new();
            let mut next: Vec<&[String]> = Vec::new();
            let mut called = w.calls.iter().any(|c| as_called(c, imports, &defs) == target);
            for c in &w.calls {
                if let Some((to, _)) = resolve(c, package, imports, &defs).and_then(|t| defs.get_key_value(&t)) {
                    next.push(to.as_slice());
                }
            }
            while let Some(f) = next.pop() {
                if called || !seen.insert(f) {
                    continue;
                }
                called = written.get(f).is_some_and(|w| w.contains(&target));
                next.extend(edges.get(f).into_iter().flatten().map(Vec::as_slice));
            }
            if called {
                via_with.insert((from.clone(), value.clone()));
                edges.entry(from.clone()).or_default().insert(value);
            }
        }
    }
    let graph: BTreeMap<&[String], BTreeSet<&[String]>> = edges
        .iter()
        .map(|(k, v)| {
            let to = v.iter().filter(|t| defs.contains_key(*t)).map(Vec::as_slice).collect();
            (k.as_slice(), to)
        })
        .collect();
    let mut found: Vec<Problem> = cycles(&graph)
        .into_iter()
        .filter_map(|mut cycle| {
            // A cycle is reported from a function (a rule can only start one).
            let at = cycle.iter().position(|n| defs.contains_key(*n))?;
            cycle.rotate_left(at);
            let first = cycle[0];
            let chain: Vec<String> = cycle.iter().chain(std::iter::once(&first)).map(|p| p.join(".")).collect();
            let with = cycle
                .iter()
                .zip(cycle.iter().cycle().skip(1))
                .any(|(a, b)| via_with.contains(&(a.to_vec(), b.to_vec())));
            let mut message = if cycle.len() == 1 {
                format!("function `{}` calls itself", chain[0])
            } else {
                format!("function `{}` calls itself through {}", chain[0], chain.join(" → "))
            };
            if with {
                message.push_str(" (a `with … as …` replaces a call with it)");
            }
            let mut p = Problem::new(ProblemCode::PolicySyntax, message).help(
                "Rego functions may not be recursive (OPA rejects them too); write the repetition with `walk`, a comprehension or a bounded helper per level",
            );
            if let Some(d) = defs.get(first) {
                p = p.at(d.clone());
            }
            Some(p)
        })
        .collect();
    // In the order of the files, whichever node each cycle was found from.
    found.sort_by_key(|p| p.location.as_ref().map(|l| (l.file.clone(), l.line, l.column)));
    found
}

/// A module's imports of `data`, by alias.
fn imports_of(m: &Module) -> BTreeMap<String, Vec<String>> {
    let mut imports = BTreeMap::new();
    for i in &m.imports {
        let Some(path) = path_of(&i.refr) else { continue };
        if path.first().map(String::as_str) != Some("data") {
            continue;
        }
        let alias = match &i.r#as {
            Some(a) => a.text().to_string(),
            None => path.last().cloned().unwrap_or_default(),
        };
        imports.insert(alias, path);
    }
    imports
}

/// One node of the AST still to visit.
#[derive(Clone, Copy)]
enum Node<'a> {
    Expr(&'a Expr),
    Query(&'a Query),
}

/// The calls and `with` replacements of a rule.
fn names_in(rule: &Rule) -> Named {
    let mut roots: Vec<Node<'_>> = Vec::new();
    match rule {
        Rule::Spec { head, bodies, .. } => {
            match head {
                RuleHead::Compr { refr, assign, .. } => {
                    roots.push(Node::Expr(refr));
                    roots.extend(assign.iter().map(|a| Node::Expr(&a.value)));
                }
                RuleHead::Set { refr, key, .. } => {
                    roots.push(Node::Expr(refr));
                    roots.extend(key.iter().map(|k| Node::Expr(k)));
                }
                RuleHead::Func { args, assign, .. } => {
                    roots.extend(args.iter().map(|a| Node::Expr(a)));
                    roots.extend(assign.iter().map(|a| Node::Expr(&a.value)));
                }
            }
            for b in bodies {
                roots.extend(b.assign.iter().map(|a| Node::Expr(&a.value)));
                roots.push(Node::Query(&b.query));
            }
        }
        Rule::Default { value, .. } => roots.push(Node::Expr(value)),
    }
    walk(roots, true)
}

/// The calls under `roots`, and with `withs` the `with` replacements of their statements
/// (each with the calls of its statement, found by a second walk that looks for calls only).
fn walk(roots: Vec<Node<'_>>, withs: bool) -> Named {
    let mut named = Named::default();
    let mut stack = roots;
    while let Some(node) = stack.pop() {
        let e = match node {
            Node::Query(q) => {
                for s in &q.stmts {
                    let at = stack.len();
                    match &s.literal {
                        Literal::SomeVars { .. } => {}
                        Literal::SomeIn {
                            key, value, collection, ..
                        } => {
                            stack.extend(key.iter().map(|k| Node::Expr(k)));
                            stack.push(Node::Expr(value));
                            stack.push(Node::Expr(collection));
                        }
                        Literal::Expr { expr, .. } | Literal::NotExpr { expr, .. } => stack.push(Node::Expr(expr)),
                        Literal::Every { domain, query, .. } => {
                            stack.push(Node::Expr(domain));
                            stack.push(Node::Query(query));
                        }
                    }
                    if withs && !s.with_mods.is_empty() {
                        let calls = walk(stack[at..].to_vec(), false).calls;
                        for w in &s.with_mods {
                            if let (Some(target), Some(value)) = (path_of(&w.refr), path_of(&w.r#as)) {
                                named.withs.push(With {
                                    calls: calls.clone(),
                                    target,
                                    value,
                                });
                            }
                        }
                    }
                    for w in &s.with_mods {
                        stack.push(Node::Expr(&w.r#as));
                    }
                }
                continue;
            }
            Node::Expr(e) => e,
        };
        match e {
            Expr::String { .. }
            | Expr::RawString { .. }
            | Expr::Number { .. }
            | Expr::Bool { .. }
            | Expr::Null { .. }
            | Expr::Var { .. } => {}
            Expr::Array { items, .. } | Expr::Set { items, .. } => stack.extend(items.iter().map(|i| Node::Expr(i))),
            Expr::Object { fields, .. } => {
                for (_, k, v) in fields {
                    stack.push(Node::Expr(k));
                    stack.push(Node::Expr(v));
                }
            }
            Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
                stack.push(Node::Expr(term));
                stack.push(Node::Query(query));
            }
            Expr::ObjectCompr { key, value, query, .. } => {
                stack.push(Node::Expr(key));
                stack.push(Node::Expr(value));
                stack.push(Node::Query(query));
            }
            Expr::Call { fcn, params, .. } => {
                if let Some(p) = path_of(fcn) {
                    named.calls.push(p);
                }
                stack.push(Node::Expr(fcn));
                stack.extend(params.iter().map(|p| Node::Expr(p)));
            }
            Expr::UnaryExpr { expr, .. } => stack.push(Node::Expr(expr)),
            Expr::RefDot { refr, .. } => stack.push(Node::Expr(refr)),
            Expr::RefBrack { refr, index, .. } => {
                stack.push(Node::Expr(refr));
                stack.push(Node::Expr(index));
            }
            Expr::BinExpr { lhs, rhs, .. }
            | Expr::BoolExpr { lhs, rhs, .. }
            | Expr::ArithExpr { lhs, rhs, .. }
            | Expr::AssignExpr { lhs, rhs, .. } => {
                stack.push(Node::Expr(lhs));
                stack.push(Node::Expr(rhs));
            }
            Expr::Membership {
                key, value, collection, ..
            } => {
                stack.extend(key.iter().map(|k| Node::Expr(k)));
                stack.push(Node::Expr(value));
                stack.push(Node::Expr(collection));
            }
        }
    }
    named
}

/// `a.b["c"].d` as its names; `None` for anything else (a variable index, a call).
fn path_of(e: &Expr) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut e = e;
    loop {
        match e {
            Expr::Var { span, .. } => {
                names.push(span.text().to_string());
                break;
            }
            Expr::RefDot { refr, field, .. } => {
                names.push(field.0.text().to_string());
                e = refr;
            }
            Expr::RefBrack { refr, index, .. } => {
                let Expr::String { value, .. } = index.as_ref() else {
                    return None;
                };
                names.push(value.as_string().ok()?.to_string());
                e = refr;
            }
            _ => return None,
        }
    }
    names.reverse();
    Some(names)
}

/// The function a call names. regorus looks an import alias up first, then the package's own
/// rules; a name that is neither is a built-in, kept as written.
fn resolve(
    call: &[String],
    package: &[String],
    imports: &BTreeMap<String, Vec<String>>,
    defs: &BTreeMap<Vec<String>, Location>,
) -> Option<Vec<String>> {
    let (root, rest) = call.split_first()?;
    if root == "data" {
        return Some(call.to_vec());
    }
    if let Some(base) = imports.get(root) {
        return Some(base.iter().chain(rest).cloned().collect());
    }
    let local: Vec<String> = package.iter().chain(call).cloned().collect();
    if defs.contains_key(&local) {
        return Some(local);
    }
    Some(call.to_vec())
}

/// A call as regorus matches it against a `with` replacement: as written, with a leading
/// import alias replaced by its target when that names a function.
fn as_called(
    call: &[String],
    imports: &BTreeMap<String, Vec<String>>,
    defs: &BTreeMap<Vec<String>, Location>,
) -> String {
    if let Some((base, rest)) = call.split_first().and_then(|(r, rest)| Some((imports.get(r)?, rest))) {
        let full: Vec<String> = base.iter().chain(rest).cloned().collect();
        if defs.contains_key(&full) {
            return full.join(".");
        }
    }
    call.join(".")
}

/// The function a `with … as F` runs, as regorus finds it: in the package first, then by its
/// full path, then through an import alias. `None` for a built-in or a value.
fn replacement(
    value: &[String],
    package: &[String],
    imports: &BTreeMap<String, Vec<String>>,
    defs: &BTreeMap<Vec<String>, Location>,
) -> Option<Vec<String>> {
    let local: Vec<String> = package.iter().chain(value).cloned().collect();
    let aliased = || {
        let (root, rest) = value.split_first()?;
        Some(imports.get(root)?.iter().chain(rest).cloned().collect::<Vec<_>>())
    };
    [Some(local), Some(value.to_vec()), aliased()]
        .into_iter()
        .flatten()
        .find(|p| defs.contains_key(p))
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
    fn a_with_replacement_that_leads_back_is_a_cycle() {
        let files = [
            // The replacement installs itself again: f → (g, replaced by) f.
            file("c/a.rego", "package a\n\ng(x) := 1\n\nf(x) := y if {\n\ty := g(x) with g as f\n}\n"),
            // A built-in replaced.
            file("c/b.rego", "package b\n\nf(x) := y if {\n\ty := count(x) with count as f\n}\n"),
            // regorus matches a replacement by the name as written, in any package: the `g` of
            // package d is replaced too, one call deeper; so is d's own function `count`.
            file(
                "c/c.rego",
                "package c\n\ng(x) := x\n\nf(x) := y if {\n\ty := data.d.h(x) with g as f\n}\n\nk(x) := y if {\n\ty := data.d.n(x) with count as k\n}\n",
            ),
            file("c/d.rego", "package d\n\ng(x) := x + 1\n\nh(x) := g(x)\n\ncount(x) := 1\n\nn(x) := count(x)\n"),
            // In a test, through an import alias, and back through another function. (A full
            // path, or an alias, replaces only calls written so: `lib.h` calling `g` is not
            // replaced.)
            file(
                "c/e_test.rego",
                "package e_test\nimport data.d as lib\n\nm(x) := y if {\n\ty := lib.g(x) with lib.g as p\n}\n\np(x) := m(x)\n\n\
                 q(x) := y if {\n\ty := lib.h(x) with lib.g as r\n}\n\nr(x) := q(x)\n",
            ),
        ];
        assert_eq!(
            messages(&files),
            [
                "c/a.rego:5:1 function `data.a.f` calls itself (a `with … as …` replaces a call with it)",
                "c/b.rego:3:1 function `data.b.f` calls itself (a `with … as …` replaces a call with it)",
                "c/c.rego:5:1 function `data.c.f` calls itself (a `with … as …` replaces a call with it)",
                "c/c.rego:9:1 function `data.c.k` calls itself (a `with … as …` replaces a call with it)",
                "c/e_test.rego:4:1 function `data.e_test.m` calls itself through data.e_test.m → data.e_test.p → data.e_test.m (a `with … as …` replaces a call with it)",
            ]
        );
    }

    #[test]
    fn replacements_that_do_not_lead_back_and_imports_named_like_subpackages_are_accepted() {
        let files = [
            // A test's mock, and mocks that call what they replace: regorus runs a replacement
            // with no replacement in force.
            file(
                "c/a.rego",
                "package a\n\ng(x) := x\n\nf(x) := g(x) + 1\n\nmock(x) := 41\n\nwrap(x) := g(x) + 1\n\n\
                 test_f if {\n\tf(1) == 42 with g as mock\n}\n\ntest_wrap if {\n\tf(1) == 3 with g as wrap\n}\n\n\
                 mycount(x) := count(x) + 1\n\ntest_count if {\n\tcount([1]) == 2 with count as mycount\n}\n",
            ),
            // A full path replaces only calls written with it: h's `g(x)` is not replaced.
            file(
                "c/b.rego",
                "package b\n\ng(x) := 1\n\nh(x) := g(x)\n\nf(x) := y if {\n\ty := h(x) with data.b.g as f\n}\n",
            ),
            // A rule whose replacement calls the replaced function back: h runs once.
            file(
                "c/d.rego",
                "package d\n\ng(x) := 1\n\nh(x) := g(x) + 1\n\nr if {\n\th(1) == 2 with g as h\n}\n",
            ),
            // `b.f` in package `x` is the import `data.b`, not `data.x.b` (regorus looks the
            // import up first): no cycle through x.b.f.
            file("c/x.rego", "package x\nimport data.b\n\nf(x) := b.f(x)\n"),
            file("c/xb.rego", "package x.b\n\nf(x) := data.x.f(x)\n"),
            file("c/bf.rego", "package b\n\nf(x) := x\n"),
        ];
        assert!(messages(&files).is_empty(), "{:?}", messages(&files));
    }

    #[test]
    fn a_sum_of_twenty_thousand_lines_is_walked_without_recursion() {
        // regorus accepts 20 000 lines. Its parser recurses on a tree that deep, which is why
        // the engine runs on threads of `STACK_SIZE`; the walk here must not add to it.
        let deep = || {
            let terms = "\n + 1".repeat(19_900);
            let files = [file(
                "c/deep.rego",
                &format!("package deep\n\nf(x) := (x{terms})\n\ng(x) := f(x)\n"),
            )];
            assert!(messages(&files).is_empty(), "{:?}", messages(&files));
            let files = [file(
                "c/deep.rego",
                &format!("package deep\n\nf(x) := (x{terms} + f(x))\n"),
            )];
            assert_eq!(
                messages(&files),
                ["c/deep.rego:3:1 function `data.deep.f` calls itself"]
            );
        };
        let t = std::thread::Builder::new().stack_size(crate::STACK_SIZE).spawn(deep);
        assert!(t.map(|t| t.join().is_ok()).unwrap_or(false));
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
