//! Placeholder: filled in by the text-encoding work.
