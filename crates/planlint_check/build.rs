//! Embeds the bundled rules (`rules/<id>/rule.yaml` and `check.rhai`) in the binary, so
//! that planlint works outside this repository.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    let mut ids: Vec<String> = std::fs::read_dir(&rules)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("rule.yaml").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    let mut out = String::from("/// The bundled rules: (id, rule.yaml, check.rhai).\npub const BUNDLED: &[(&str, &str, &str)] = &[\n");
    for id in &ids {
        let dir = rules.join(id);
        let meta = dir.join("rule.yaml");
        let script = dir.join("check.rhai");
        writeln!(
            out,
            "    ({id:?}, include_str!({:?}), include_str!({:?})),",
            meta.display().to_string(),
            script.display().to_string()
        )
        .unwrap();
        println!("cargo:rerun-if-changed={}", meta.display());
        println!("cargo:rerun-if-changed={}", script.display());
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_rules.rs");
    std::fs::write(dest, out).unwrap();
}
