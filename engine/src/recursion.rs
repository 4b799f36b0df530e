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
    refs: Vec<Vec<String>>,
    depth: u32,
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
    analyse(&mut engine)
}

/// [`check`] on the modules an engine holds.
fn analyse(engine: &mut regorus::Engine) -> Vec<Problem> {
    let mut defs: BTreeMap<Vec<String>, Location> = BTreeMap::new();
    // Every rule and function, where it is first defined.
    let mut rules: BTreeMap<Vec<String>, Location> = BTreeMap::new();
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
            let at = Location {
                file: span.source.file().clone(),
                line: span.line,
                column: span.col,
                offset: span.start,
            };
            if is_func {
                defs.entry(full.clone()).or_insert_with(|| at.clone());
            }
            rules.entry(full.clone()).or_insert(at);
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
    if let Some(p) = too_deep(&raw, &scopes, &edges, &rules) {
        return vec![p];
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

/// How deeply a custom file may nest brackets (`(`, `[`, `{`) and unary minus signs.
/// regorus's parser recurses once per level of these and has no limit of its own for most of
/// them (`a[a[a[…]]]`, `- - - 1`): 340 000 levels, in a file within its size limits, overflow
/// even a 1 GiB stack. Written policies nest a few levels; generated ones a few dozen.
pub const MAX_NESTING: usize = 1_000;

/// How deeply arrays, sets, objects and indexes (`[`, `{`) may nest. regorus 0.14.1 parses
/// them in time that doubles with each level (it tries a comprehension, then parses the
/// same text again as a collection): 22 levels of `[` take 1.8 s, 16 levels of `[{"a": ` more
/// than 20 s, a 60-character line would never finish. 16 levels parse in ≈ 0.1 s.
pub const MAX_COLLECTION_NESTING: usize = 16;

/// A problem when `text` nests deeper than [`MAX_NESTING`], or than
/// [`MAX_COLLECTION_NESTING`] in `[` and `{`, at the first place it does; read before regorus
/// parses the file. Strings and comments are skipped.
pub fn too_nested(path: &str, text: &str) -> Option<Problem> {
    // The weight of each open bracket: itself and the minus signs just before it; and whether
    // it is a `[` or `{`.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut collections = 0usize;
    let (mut total, mut run) = (0usize, 0usize);
    let (mut line, mut column) = (1u32, 0u32);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        column += 1;
        match c {
            '\n' => {
                line += 1;
                column = 0;
            }
            '#' => while chars.next_if(|(_, c)| *c != '\n').is_some() {},
            '"' => {
                while let Some((_, c)) = chars.next() {
                    column += 1;
                    match c {
                        '\\' => {
                            chars.next();
                            column += 1;
                        }
                        '"' | '\n' => break,
                        _ => {}
                    }
                }
            }
            '`' => {
                for (_, c) in chars.by_ref() {
                    column += 1;
                    match c {
                        '`' => break,
                        '\n' => {
                            line += 1;
                            column = 0;
                        }
                        _ => {}
                    }
                }
            }
            '(' | '[' | '{' => {
                let collection = c != '(';
                open.push((1 + run, collection));
                total += 1 + run;
                collections += usize::from(collection);
                run = 0;
            }
            ')' | ']' | '}' => {
                let (weight, collection) = open.pop().unwrap_or((0, false));
                total -= weight;
                collections -= usize::from(collection);
                run = 0;
            }
            '-' => run += 1,
            c if c.is_whitespace() => {}
            _ => run = 0,
        }
        let message = if collections > MAX_COLLECTION_NESTING {
            format!("arrays, sets, objects and indexes nest more than {MAX_COLLECTION_NESTING} deep here (the Rego parser would take time doubling with each level)")
        } else if total + run > MAX_NESTING {
            format!("brackets and minus signs nest more than {MAX_NESTING} deep here")
        } else {
            continue;
        };
        {
            return Some(
                Problem::new(ProblemCode::PolicySyntax, message)
                    .at(Location {
                        file: path.to_string(),
                        line,
                        column,
                        offset: u32::try_from(i).unwrap_or(u32::MAX),
                    })
                    .help("split the expression into rules or helper functions of their own"),
            );
        }
    }
    None
}

/// How long regorus may take to parse one custom file. Written policies parse in
/// milliseconds; some shapes within [`MAX_COLLECTION_NESTING`] still take time that triples
/// with each level (`{1 | {1 | … | 1} | 1}`: 12 levels 1 s, 14 levels 9 s, 16 more than a
/// minute), and more may exist, so the parse itself is timed.
pub const PARSE_TIME: std::time::Duration = std::time::Duration::from_secs(10);

/// What the timed thread of [`check_in_time`] reports.
enum Progress {
    Parsed,
    Checked(Vec<Problem>),
}

/// [`check`] of `files` (path, text), each parsed once on a thread of its own within `limit`:
/// a file regorus cannot parse in that time is the one problem, and is left to finish in the
/// background (the run ends with the problem: nothing waits for it).
pub fn check_in_time(files: Vec<(String, String)>, limit: std::time::Duration) -> Vec<Problem> {
    use std::sync::mpsc::RecvTimeoutError;
    let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let (report, progress) = std::sync::mpsc::channel::<Progress>();
    let files = std::sync::Arc::new(files);
    let work = |files: std::sync::Arc<Vec<(String, String)>>, report: std::sync::mpsc::Sender<Progress>| {
        move || {
            let mut engine = regorus::Engine::new();
            engine.set_rego_v0(false);
            for (path, text) in files.iter() {
                // A file that does not parse is reported with its syntax error by the pack's
                // build; here only the time counts.
                let _ = engine.add_policy(path.clone(), text.clone());
                if report.send(Progress::Parsed).is_err() {
                    return;
                }
            }
            let _ = report.send(Progress::Checked(analyse(&mut engine)));
        }
    };
    // Where the system refuses the deep stack, the default one (as the engine's workers do).
    let spawned = std::thread::Builder::new()
        .name("sansho-parse".into())
        .stack_size(crate::STACK_SIZE)
        .spawn(work(files.clone(), report.clone()))
        .or_else(|_| {
            std::thread::Builder::new()
                .name("sansho-parse".into())
                .spawn(work(files, report))
        });
    if spawned.is_err() {
        return vec![Problem::new(
            ProblemCode::Io,
            "cannot start a thread to read the custom policies",
        )];
    }
    let late = |what: String| {
        Problem::new(
            ProblemCode::PolicySyntax,
            format!("the Rego parser did not finish this file in {} s", limit.as_secs_f64()),
        )
        .in_file(what)
        .help("nested collections or comprehensions (`{1 | {1 | …} | 1}`) take the parser time that grows threefold with each level: flatten them into rules of their own")
    };
    for path in &paths {
        match progress.recv_timeout(limit) {
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => return vec![late(path.clone())],
            // The thread ended early (a panic): the pack's build reports the file.
            Err(RecvTimeoutError::Disconnected) => return Vec::new(),
        }
    }
    match progress.recv_timeout(limit) {
        Ok(Progress::Checked(problems)) => problems,
        Ok(Progress::Parsed) | Err(RecvTimeoutError::Disconnected) => Vec::new(),
        Err(RecvTimeoutError::Timeout) => vec![Problem::new(
            ProblemCode::PolicySyntax,
            format!(
                "the custom policies could not be checked for recursion in {} s",
                limit.as_secs_f64()
            ),
        )],
    }
}

/// Stack a level of expression takes while regorus evaluates it, at most (≈ 1.2 KiB measured
/// for a sum, release build), and a rule or function it enters (≈ 12 KiB measured for a chain
/// of functions); and how much of [`crate::STACK_SIZE`] a chain may take.
const EXPRESSION_BYTES: u64 = 2 * 1024;
const ENTRY_BYTES: u64 = 24 * 1024;
const STACK_BUDGET: u64 = crate::STACK_SIZE as u64 / 4 * 3;

/// A problem when some rule or function of the files starts a chain — of rules and functions
/// it refers to or calls, each with its expressions' depth — whose evaluation could take more
/// stack than the threads have: regorus recurses once per level, and a stack overflow aborts
/// the process. Each file is bounded (20 000 lines), but chains run through any number of
/// files. References are read as names: a local variable named like a rule counts as one, so
/// the estimate errs on the deep side.
fn too_deep(
    raw: &[(Vec<String>, Named, usize)],
    scopes: &[Scope],
    calls: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    rules: &BTreeMap<Vec<String>, Location>,
) -> Option<Problem> {
    let mut depth: BTreeMap<&[String], u32> = BTreeMap::new();
    let mut edges: BTreeMap<&[String], BTreeSet<&[String]>> = BTreeMap::new();
    for (from, named, scope) in raw {
        let d = depth.entry(from.as_slice()).or_default();
        *d = (*d).max(named.depth);
        let (package, imports) = &scopes[*scope];
        for r in &named.refs {
            let full: Vec<String> = match r.split_first() {
                Some((root, _)) if root == "data" => r.clone(),
                Some((root, rest)) => match imports.get(root) {
                    Some(base) => base.iter().chain(rest).cloned().collect(),
                    None => package.iter().chain(r).cloned().collect(),
                },
                None => continue,
            };
            let to = (1..=full.len()).rev().find_map(|k| rules.get_key_value(&full[..k]));
            if let Some((to, _)) = to {
                edges.entry(from.as_slice()).or_default().insert(to.as_slice());
            }
        }
    }
    for (from, to) in calls {
        for t in to {
            if let (Some((f, _)), Some((t, _))) = (rules.get_key_value(from), rules.get_key_value(t)) {
                edges.entry(f.as_slice()).or_default().insert(t.as_slice());
            }
        }
    }
    let cost = |n: &[String]| ENTRY_BYTES + EXPRESSION_BYTES * u64::from(depth.get(n).copied().unwrap_or(1));
    // The costliest chain from each node, by a depth-first walk with a stack of its own; an
    // edge back into the walk's path (a cycle, reported elsewhere or stopped by regorus) adds
    // nothing.
    let mut best: BTreeMap<&[String], u64> = BTreeMap::new();
    let none = BTreeSet::new();
    for &start in depth.keys() {
        if best.contains_key(start) {
            continue;
        }
        let mut open: BTreeSet<&[String]> = BTreeSet::from([start]);
        let mut path = vec![(start, edges.get(start).unwrap_or(&none).iter(), 0u64)];
        while let Some((node, next, most)) = path.last_mut() {
            match next.next() {
                Some(&to) if open.contains(to) => {}
                Some(&to) => match best.get(to) {
                    Some(&b) => *most = (*most).max(b),
                    None => {
                        open.insert(to);
                        path.push((to, edges.get(to).unwrap_or(&none).iter(), 0));
                    }
                },
                None => {
                    let (node, total) = (*node, cost(node).saturating_add(*most));
                    best.insert(node, total);
                    open.remove(node);
                    path.pop();
                    if let Some((_, _, most)) = path.last_mut() {
                        *most = (*most).max(total);
                    }
                }
            }
        }
    }
    let (start, &worst) = best.iter().max_by_key(|(n, b)| (**b, std::cmp::Reverse(**n)))?;
    if worst <= STACK_BUDGET {
        return None;
    }
    let mib = |b: u64| b / (1024 * 1024);
    let mut p = Problem::new(
        ProblemCode::PolicySyntax,
        format!(
            "`{}` nests too deeply to evaluate: the rules and functions it reaches, with their expressions, could take ≈ {} MiB of stack, more than the {} MiB sansho has",
            start.join("."),
            mib(worst),
            mib(STACK_BUDGET)
        ),
    )
    .help("split long expressions into rules of their own, and shorten chains of rules or functions that refer to each other");
    if let Some(at) = rules.get(*start) {
        p = p.at(at.clone());
    }
    Some(p)
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

/// The calls under `roots`, the references (`r`, `lib.r`, `data.x.r`, as written) and the
/// depth of the tree; with `withs` also the `with` replacements of their statements (each
/// with the calls of its statement, found by a second walk that looks for calls only).
fn walk(roots: Vec<Node<'_>>, withs: bool) -> Named {
    let mut named = Named::default();
    // Each node with its depth, and whether it is inside a reference already read whole.
    let mut stack: Vec<(Node<'_>, u32, bool)> = roots.into_iter().map(|n| (n, 1, false)).collect();
    while let Some((node, depth, inner)) = stack.pop() {
        named.depth = named.depth.max(depth);
        let d = depth.saturating_add(1);
        let e = match node {
            Node::Query(q) => {
                for s in &q.stmts {
                    let at = stack.len();
                    match &s.literal {
                        Literal::SomeVars { .. } => {}
                        Literal::SomeIn {
                            key, value, collection, ..
                        } => {
                            stack.extend(key.iter().map(|k| (Node::Expr(k), d, false)));
                            stack.push((Node::Expr(value), d, false));
                            stack.push((Node::Expr(collection), d, false));
                        }
                        Literal::Expr { expr, .. } | Literal::NotExpr { expr, .. } => {
                            stack.push((Node::Expr(expr), d, false))
                        }
                        Literal::Every { domain, query, .. } => {
                            stack.push((Node::Expr(domain), d, false));
                            stack.push((Node::Query(query), d, false));
                        }
                    }
                    if withs && !s.with_mods.is_empty() {
                        let statement = stack[at..].iter().map(|(n, _, _)| *n).collect();
                        let calls = walk(statement, false).calls;
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
                        stack.push((Node::Expr(&w.r#as), d, false));
                    }
                }
                continue;
            }
            Node::Expr(e) => e,
        };
        if !inner && matches!(e, Expr::Var { .. } | Expr::RefDot { .. } | Expr::RefBrack { .. }) {
            let p = ref_names(e);
            if !p.is_empty() {
                named.refs.push(p);
            }
        }
        match e {
            Expr::String { .. }
            | Expr::RawString { .. }
            | Expr::Number { .. }
            | Expr::Bool { .. }
            | Expr::Null { .. }
            | Expr::Var { .. } => {}
            Expr::Array { items, .. } | Expr::Set { items, .. } => {
                stack.extend(items.iter().map(|i| (Node::Expr(i), d, false)))
            }
            Expr::Object { fields, .. } => {
                for (_, k, v) in fields {
                    stack.push((Node::Expr(k), d, false));
                    stack.push((Node::Expr(v), d, false));
                }
            }
            Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
                stack.push((Node::Expr(term), d, false));
                stack.push((Node::Query(query), d, false));
            }
            Expr::ObjectCompr { key, value, query, .. } => {
                stack.push((Node::Expr(key), d, false));
                stack.push((Node::Expr(value), d, false));
                stack.push((Node::Query(query), d, false));
            }
            Expr::Call { fcn, params, .. } => {
                if let Some(p) = path_of(fcn) {
                    named.calls.push(p);
                }
                stack.push((Node::Expr(fcn), d, true));
                stack.extend(params.iter().map(|p| (Node::Expr(p), d, false)));
            }
            Expr::UnaryExpr { expr, .. } => stack.push((Node::Expr(expr), d, false)),
            // The names of a reference were read whole from its outermost node.
            Expr::RefDot { refr, .. } => stack.push((Node::Expr(refr), d, true)),
            Expr::RefBrack { refr, index, .. } => {
                stack.push((Node::Expr(refr), d, true));
                stack.push((Node::Expr(index), d, false));
            }
            Expr::BinExpr { lhs, rhs, .. }
            | Expr::BoolExpr { lhs, rhs, .. }
            | Expr::ArithExpr { lhs, rhs, .. }
            | Expr::AssignExpr { lhs, rhs, .. } => {
                stack.push((Node::Expr(lhs), d, false));
                stack.push((Node::Expr(rhs), d, false));
            }
            Expr::Membership {
                key, value, collection, ..
            } => {
                stack.extend(key.iter().map(|k| (Node::Expr(k), d, false)));
                stack.push((Node::Expr(value), d, false));
                stack.push((Node::Expr(collection), d, false));
            }
        }
    }
    named
}

/// The names a reference starts with, up to its first index that is not a constant string:
/// `data.x.r[i].y` is `data.x.r`.
fn ref_names(e: &Expr) -> Vec<String> {
    ref_parts(e).unwrap_or_default().into_iter().map_while(|n| n).collect()
}

/// `a.b["c"].d` as its names; `None` for anything else (a variable index, a call).
fn path_of(e: &Expr) -> Option<Vec<String>> {
    ref_parts(e)?.into_iter().collect()
}

/// The parts of a reference from its root: each name, or `None` for an index that is not a
/// constant string; `None` when `e` is not a reference.
fn ref_parts(e: &Expr) -> Option<Vec<Option<String>>> {
    let mut parts = Vec::new();
    let mut e = e;
    loop {
        match e {
            Expr::Var { span, .. } => {
                parts.push(Some(span.text().to_string()));
                break;
            }
            Expr::RefDot { refr, field, .. } => {
                parts.push(Some(field.0.text().to_string()));
                e = refr;
            }
            Expr::RefBrack { refr, index, .. } => {
                parts.push(match index.as_ref() {
                    Expr::String { value, .. } => value.as_string().ok().map(|s| s.to_string()),
                    _ => None,
                });
                e = refr;
            }
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts)
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
#[allow(clippy::unwrap_used, clippy::panic)]
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
    fn nesting_past_the_limit_is_found_before_parsing() {
        let deep = |open: &str, close: &str, n: usize| {
            format!(
                "package p\n\n# [[[[ ( \"[[[\"\nx := `[[[`\n\ny := {}1{}\n",
                open.repeat(n),
                close.repeat(n)
            )
        };
        assert!(too_nested("c/p.rego", &deep("[", "]", MAX_COLLECTION_NESTING)).is_none());
        let p = too_nested("c/p.rego", &deep("{\"a\": [", "]}", MAX_COLLECTION_NESTING / 2 + 1)).unwrap();
        assert!(
            p.message
                .starts_with("arrays, sets, objects and indexes nest more than 16 deep"),
            "{}",
            p.message
        );
        let at = p.location.unwrap();
        assert_eq!((at.line, at.column), (6, 6 + 8 * 7));
        // Parentheses: regorus stops them at 32 itself; with minus signs they count here.
        assert!(too_nested("c/p.rego", &deep("(", ")", MAX_NESTING)).is_none());
        let p = too_nested("c/p.rego", &deep("(", ")", MAX_NESTING + 1)).unwrap();
        assert_eq!(p.message, "brackets and minus signs nest more than 1000 deep here");
        // Minus signs count as levels, before a bracket too.
        let minus = format!("package p\n\ny := {}1\n", "- ".repeat(MAX_NESTING + 1));
        assert!(too_nested("c/p.rego", &minus).is_some());
        let mixed = format!(
            "package p\n\ny := {}1{}\n",
            "-(".repeat(MAX_NESTING / 2 + 1),
            ")".repeat(MAX_NESTING / 2 + 1)
        );
        assert!(too_nested("c/p.rego", &mixed)
            .unwrap()
            .message
            .starts_with("brackets and minus"));
        assert!(too_nested("c/p.rego", &mixed).is_some());
        assert!(too_nested("c/p.rego", "package p\n\ny := 1 - -2 - (3 - -4)\n").is_none());
        for (p, t, _) in crate::policy::PolicySet::builtin() {
            assert!(too_nested(&p, &t).is_none(), "{p}");
        }
    }

    #[test]
    fn a_chain_through_files_deeper_than_the_stack_is_refused() {
        // Each file is within regorus's limits; the chain through both is not within the stack.
        let half = 17_000;
        let chain = |from: usize, next: &str| -> String {
            (from..from + half)
                .map(|i| {
                    format!(
                        "f{i}(x) := {}(x)\n",
                        if i + 1 == from + half {
                            next.to_string()
                        } else {
                            format!("f{}", i + 1)
                        }
                    )
                })
                .collect()
        };
        let files = [
            file("c/a.rego", &format!("package a\n\n{}", chain(0, "data.b.f17000"))),
            file(
                "c/b.rego",
                &format!(
                    "package b\n\n{}\nf{}(x) := x\n",
                    chain(half, &format!("f{}", 2 * half)),
                    2 * half
                ),
            ),
        ];
        let got = messages(&files);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("c/a.rego:3:1 `data.a.f0` nests too deeply to evaluate"),
            "{got:?}"
        );
        // One file of it is fine.
        assert!(messages(&files[1..]).is_empty());
    }

    #[test]
    fn a_file_the_parser_cannot_finish_in_time_is_named() {
        // `{1 | N | 1}` twelve deep: within the nesting limit, ≈ 1 s of parsing in a release
        // build (three times more per level).
        let mut n = "1".to_string();
        for _ in 0..12 {
            n = format!("{{1 | {n} | 1}}");
        }
        let slow = format!("package slow\n\nx := {n}\n");
        assert!(too_nested("c/slow.rego", &slow).is_none());
        let files = vec![
            ("c/a.rego".to_string(), "package a\n\nx := 1\n".to_string()),
            ("c/slow.rego".to_string(), slow),
        ];
        let got = check_in_time(files.clone(), std::time::Duration::from_millis(20));
        assert_eq!(got.len(), 1, "{got:?}");
        let p = &got[0];
        assert_eq!(p.message, "the Rego parser did not finish this file in 0.02 s");
        assert_eq!(p.file.as_deref(), Some("c/slow.rego"));
        assert!(check_in_time(files[..1].to_vec(), std::time::Duration::from_secs(5)).is_empty());
        // In time, the check's own problems come back.
        let recursive = vec![("c/r.rego".to_string(), "package r\n\nf(x) := f(x)\n".to_string())];
        let got = check_in_time(recursive, std::time::Duration::from_secs(5));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].message, "function `data.r.f` calls itself");
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
