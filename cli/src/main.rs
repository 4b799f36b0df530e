//! `sansho`: the command line over `sansho-engine`. Flags are parsed once into plain structs
//! (one module per subcommand); the engine returns data; rendering and exit codes live here.

/// `println!` that does not panic on a closed pipe.
macro_rules! outln {
    ($($t:tt)*) => {
        $crate::out::line(&format!($($t)*))
    };
}

/// `print!` that does not panic on a closed pipe.
macro_rules! outp {
    ($($t:tt)*) => {
        $crate::out::emit(&format!($($t)*))
    };
}

mod alloc;
mod commands;
mod exit;
mod lang;
mod out;
mod progress;
mod render;

use clap::{Parser, Subcommand};

/// Policy-as-code checks of Japanese medical information security rules
/// (医療情報システムの安全管理に関するガイドライン第6.0版, 提供事業者ガイドライン第2.0版,
/// サイバーセキュリティ対策チェックリスト令和7年度版).
#[derive(Debug, Parser)]
#[command(name = "sansho", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check an inventory against the policy pack (exit 0 clean, 1 findings, 2 untrusted run).
    Check(commands::check::Args),
    /// Run the Rego unit tests (`test_*` rules) of the built-in pack or of policy directories, OPA suites included.
    Test(commands::test::Args),
    /// Print the JSON Schema of an inventory kind.
    Schema(commands::schema::Args),
    /// List the requirement catalog.
    Requirements(commands::requirements::Args),
    /// List the rules of the pack.
    Rules(commands::rules::Args),
    /// Fill in the MHLW cybersecurity checklist (医療機関確認用 / 事業者確認用) from a check.
    Checklist(commands::checklist::Args),
    /// Write a self-contained HTML audit report (status per source, gaps with evidence, waivers, input hashes).
    Report(commands::report::Args),
    /// Show the documentation of a rule or a requirement.
    Explain(commands::explain::Args),
    /// Check policy directories: metadata, requirement ids, duplicate ids, tests, both languages.
    Lint(commands::lint::Args),
    /// Write a skeleton: `sansho new policy ID` (policy, tests, fixtures).
    New(commands::new::Args),
    /// The responsibility matrix of the contracts (Markdown, CSV, HTML, JSON, OSCAL), or the
    /// cross-check of an institution's and a vendor's splits (exit 1 when they disagree).
    Matrix(commands::matrix::Args),
    /// Draft a vendor's MDS/SDS answers from its inventory.
    Disclosure(commands::disclosure::Args),
    /// Write a synthetic inventory (deterministic by seed) with a known share of defects.
    Generate(commands::generate::Args),
    /// Time one check by phase and report peak memory (scripts/bench.sh).
    #[command(hide = true)]
    Bench(commands::bench::Args),
    /// Write the rule reference (docs/rules/) from policy metadata.
    #[command(hide = true)]
    GenDocs(commands::gen_docs::Args),
}

fn main() {
    // regorus reports some evaluation outcomes as `anyhow` errors; with RUST_BACKTRACE=1 in the
    // environment (common on developer machines and CI runners) each would capture a backtrace,
    // which made a small check half again as slow. Panics keep their backtraces (they follow
    // RUST_BACKTRACE); a user who wants library backtraces can still set RUST_LIB_BACKTRACE=1.
    // Set before any thread starts.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        std::env::set_var("RUST_LIB_BACKTRACE", "0");
    }
    alloc::tune();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { exit::UNTRUSTED } else { exit::OK };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    // The work runs on a thread with a stack as deep as the engine's workers (see
    // `STACK_SIZE`): a deeply nested custom policy is evaluated on it with one worker. Where
    // the system refuses that stack, on this thread.
    let command = std::sync::Mutex::new(Some(cli.command));
    let take = || command.lock().ok().and_then(|mut c| c.take());
    let code = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("sansho".into())
            .stack_size(sansho_engine::STACK_SIZE)
            .spawn_scoped(s, || take().map(run))
            .map(|h| h.join())
    });
    let code = match code {
        Ok(Ok(code)) => code,
        // A panic: its message is on stderr already; the exit code of a panic in Rust.
        Ok(Err(_)) => Some(101),
        Err(_) => take().map(run),
    };
    std::process::exit(code.unwrap_or(exit::UNTRUSTED));
}

/// Runs one command and gives its exit code.
fn run(command: Command) -> i32 {
    match command {
        Command::Check(a) => commands::check::run(a),
        Command::Checklist(a) => commands::checklist::run(a),
        Command::Report(a) => commands::report::run(a),
        Command::Test(a) => commands::test::run(a),
        Command::Schema(a) => commands::schema::run(a),
        Command::Requirements(a) => commands::requirements::run(a),
        Command::Rules(a) => commands::rules::run(a),
        Command::Explain(a) => commands::explain::run(a),
        Command::Lint(a) => commands::lint::run(a),
        Command::New(a) => commands::new::run(a),
        Command::Matrix(a) => commands::matrix::run(a),
        Command::Disclosure(a) => commands::disclosure::run(a),
        Command::Generate(a) => commands::generate::run(a),
        Command::Bench(a) => commands::bench::run(a),
        Command::GenDocs(a) => commands::gen_docs::run(a),
    }
}
