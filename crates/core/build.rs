//! Compiles the shipped `knowledge/*.toml` into the binary, so it answers from any folder.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=../../knowledge");
    // Read at run time: `env!` would bake in the folder the build script was compiled in,
    // and a build script reused from another checkout would embed that one's knowledge.
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // The shipped knowledge lives at the workspace root, two folders up from this crate.
    let dir = Path::new(&root).join("../../knowledge");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    files.sort();
    let mut out = String::from("/// Shipped knowledge files: (file name, contents).\npub(super) const FILES: &[(&str, &str)] = &[\n");
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("shipped_knowledge.rs");
    fs::write(dest, out).unwrap();
}
