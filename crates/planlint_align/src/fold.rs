//! Names folded for comparison ([`normalise`]), remembered on each thread: a repository's
//! plans repeat the same few hundred heading titles and parent titles, and folding one is
//! dearer than looking it up.

use planlint_model::names::normalise;
use std::cell::RefCell;
use std::collections::HashMap;

/// At most this many texts are remembered on a thread, and at most this many bytes.
const ENTRIES: usize = 20_000;
const BYTES: usize = 4 << 20;

thread_local! {
    static MEMO: RefCell<(HashMap<String, String, ahash::RandomState>, usize)> =
        RefCell::new((HashMap::default(), 0));
}

/// `normalise(text)`, remembered on this thread. The memory is bounded by entries and by
/// bytes; when either is full it starts over, and a text too long to be worth keeping is
/// folded without being kept.
pub fn folded(text: &str) -> String {
    MEMO.with(|memo| {
        if let Some(folded) = memo.borrow().0.get(text) {
            return folded.clone();
        }
        let folded = normalise(text);
        let size = text.len() + folded.len();
        if size > BYTES / 16 {
            return folded;
        }
        let mut memo = memo.borrow_mut();
        if memo.0.len() >= ENTRIES || memo.1 + size > BYTES {
            memo.0.clear();
            memo.1 = 0;
        }
        memo.0.insert(text.to_string(), folded.clone());
        memo.1 += size;
        folded
    })
}
