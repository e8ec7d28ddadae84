//! The whole import as one checked call, shared by the `import_document` fuzz target and
//! the test that replays its corpus, so the two cannot drift.

use crate::{import, read, Options};
use planlint_model::{codes, load_plan};

/// Imports `bytes` (as a .docx when they start like a zip, as text otherwise) and checks
/// what comes out. Panics on any broken promise; returns whether a plan file was written.
pub fn import_document(bytes: &[u8]) -> bool {
    let name = if bytes.starts_with(b"PK") { "fuzz.docx" } else { "fuzz.txt" };
    let document = match read(name, bytes) {
        Ok(document) => document,
        Err(problem) => {
            assert_eq!(problem.code, "import-unreadable");
            assert!(!problem.message.zh.is_empty() && !problem.message.en.is_empty());
            return false;
        }
    };
    let imported = import(name, &document, &Options::default());
    assert_eq!(imported.origins.len(), imported.yaml.lines().count());
    let (_, problems) = load_plan("fuzz.plan.yaml", &imported.yaml);
    for p in &problems {
        assert!(
            ![codes::YAML_SYNTAX, codes::UNKNOWN_FIELD, codes::DUPLICATE_KEY]
                .contains(&p.code.as_str()),
            "malformed plan file: {p:?}\n{}",
            imported.yaml
        );
    }
    let text_len = imported.rendering.text.len();
    for origin in imported.origins.iter().flatten() {
        let (_, _, offset, len) = imported.rendering.locate(*origin);
        assert!(offset + len <= text_len, "{origin:?} outside the rendering");
        assert!(imported.rendering.text.is_char_boundary(offset));
        assert!(imported.rendering.text.is_char_boundary(offset + len));
    }
    for d in imported.problems.iter().chain(&problems) {
        let mut d = d.clone();
        imported.relocate(&mut d, "fuzz.plan.yaml", name);
        let at = &d.primary.location;
        assert!(at.offset + at.len <= text_len, "{d:?}");
    }
    true
}
