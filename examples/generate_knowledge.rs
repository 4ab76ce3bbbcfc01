//! Writes a knowledge folder of the shipped files plus N generated team FAQs, for timing
//! `rolecall check` at scale: `cargo run --release --example generate_knowledge -- 10000 /tmp/k10k`.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("usage: generate_knowledge ENTRIES FOLDER");
        return ExitCode::FAILURE;
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("generate_knowledge: ENTRIES must be a number, not {n:?}");
        return ExitCode::FAILURE;
    };
    let dir = PathBuf::from(dir);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        for source in rolecall_core::Knowledge::shipped_sources() {
            let name = std::path::Path::new(&source.path)
                .file_name()
                .map_or_else(|| source.path.clone().into(), |n| n.to_os_string());
            std::fs::write(dir.join(name), source.text)?;
        }
        std::fs::write(dir.join("team.toml"), generate::faqs(n))
    };
    match write() {
        Ok(()) => {
            println!("wrote {n} FAQs to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("generate_knowledge: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
