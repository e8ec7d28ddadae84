//! Names folded for comparison ([`normalise`]), remembered on each thread: a repository's
//! plans repeat the same few hundred heading titles and parent titles, and folding one is
//! dearer than looking it up.

use planlint_model::names::normalise;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// At most this many texts are remembered on a thread, and at most this many bytes.
const ENTRIES: usize = 20_000;
const BYTES: usize = 4 << 20;

/// Each text kept, with its folded form; and the bytes kept in all.
type Memo = (HashMap<String, Arc<str>, ahash::RandomState>, usize);

thread_local! {
    static MEMO: RefCell<Memo> =
        RefCell::new((HashMap::default(), 0));
}

/// `normalise(text)`, remembered on this thread. The memory is bounded by entries and by
/// bytes; when either is full it starts over, and a text too long to be worth keeping is
/// folded without being kept. A text already folded is shared, not copied.
pub fn folded(text: &str) -> Arc<str> {
    MEMO.with(|memo| {
        if let Some(folded) = memo.borrow().0.get(text) {
            return folded.clone();
        }
        let folded: Arc<str> = normalise(text).into();
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
