//! Any bytes as a plan document, all the way: read (text or .docx), interpret, write the
//! plan file, and load it again. Importing must never panic; the plan file it writes must
//! be well-formed (no YAML syntax error, no unknown or repeated key — values it could not
//! find may be missing); every line's origin must be a place the rendering knows; and a
//! diagnostic moved to the document must land inside the rendered text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    planlint_import::fuzzing::import_document(bytes);
});
