//! Any bytes as a .docx: `docx::read_docx` must return a document or an error, never
//! panic, and stay within its limits. Input starting with `PK` goes through the zip
//! layer; other input is read as the XML parts themselves (`word/document.xml`, then
//! `word/styles.xml` after the first NUL byte), so that mutations reach the XML reader
//! without breaking a zip checksum first.
//!
//! A document read must be consistent: body paragraphs numbered 1, 2, 3 …, tables numbered
//! 1, 2, 3 …, every cell in its table and row, grid columns rising along a row, and a merged
//! cell pointing at an earlier row.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    planlint_import::fuzzing::import_docx(bytes);
});
