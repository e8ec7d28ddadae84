//! Placeholder: filled in by the .docx reader work.
