//! Usage: rvm-compare LIB.rego RULES.txt DATA.json INPUT.json
//! RULES.txt: one "path/to/rule.rego package.name" per line. For each rule, evaluates
//! `data.<package>.deny` with the interpreter and with the RVM (instruction limit lifted) and
//! prints both times, the interpreter's count and whether the two results are equal.
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::vm::RegoVM;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: rvm-compare LIB.rego RULES.txt DATA.json INPUT.json");
        std::process::exit(2);
    }
    let (lib, rules, data, input) = (&args[1], &args[2], &args[3], &args[4]);
    let input = regorus::Value::from_json_file(input).expect("input");
    let data = regorus::Value::from_json_file(data).expect("data");
    let (mut interp_total, mut rvm_total) = (Duration::ZERO, Duration::ZERO);
    for line in std::fs::read_to_string(rules).expect("rules list").lines() {
        let Some((file, pkg)) = line.split_once(' ') else { continue };
        let mut engine = regorus::Engine::new();
        engine.add_policy_from_file(lib).expect("lib");
        if let Err(e) = engine.add_policy_from_file(file) {
            println!("{pkg} PARSE-ERR {e}");
            continue;
        }
        engine.add_data(data.clone()).expect("data");
        engine.set_input(input.clone());
        let query = format!("data.{pkg}.deny");
        let t = Instant::now();
        let expected = engine.eval_rule(query.clone()).expect("interpreter");
        let interp = t.elapsed();
        let entry: regorus::Rc<str> = query.as_str().into();
        let program = engine
            .compile_with_entrypoint(&entry)
            .map_err(|e| e.to_string())
            .and_then(|p| Compiler::compile_from_policy(&p, &[query.as_str()]).map_err(|e| e.to_string()));
        let program = match program {
            Ok(p) => p,
            Err(e) => {
                println!("{pkg} COMPILE-ERR {e}");
                continue;
            }
        };
        let mut vm = RegoVM::new();
        vm.set_max_instructions(usize::MAX);
        vm.load_program(program);
        vm.set_data(data.clone()).expect("data");
        vm.set_input(input.clone());
        let t = Instant::now();
        let got = vm.execute();
        let rvm = t.elapsed();
        match got {
            Ok(got) => {
                interp_total += interp;
                rvm_total += rvm;
                println!(
                    "{pkg} interp={:.0}ms rvm={:.0}ms n={} equal={}",
                    interp.as_secs_f64() * 1e3,
                    rvm.as_secs_f64() * 1e3,
                    expected.as_set().map_or(0, |s| s.len()),
                    expected == got
                );
            }
            Err(e) => println!("{pkg} RUN-ERR {e}"),
        }
    }
    println!("TOTAL interp={interp_total:?} rvm={rvm_total:?}");
}
