//! The desk's copy of the repository: every plan file under the root, parsed once and kept,
//! and brought up to date at each request by looking at the files' sizes and times — a
//! file is read again only when it changed, so a request reads the repository once at
//! most, and usually not at all.

use crate::discover;
use planlint_check::Repository;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// What a file looked like when it was read: its size and modification time.
type Stamp = (u64, Option<SystemTime>);

/// The repository as last read, shared by the requests.
#[derive(Debug, Default)]
pub(crate) struct Index {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The repository as of the last refresh: requests take it and let go of the lock, so
    /// a long check never holds up another request.
    repository: Arc<Repository>,
    /// Each file read, by path, with its stamp and the name the repository knows it by.
    stamps: BTreeMap<PathBuf, (Stamp, String)>,
}

impl Index {
    /// The repository under `root`, re-reading only the plan files that were added or
    /// changed since the last call and dropping those that are gone; and how many files
    /// were read.
    pub(crate) fn current(&self, root: &Path) -> (Arc<Repository>, usize) {
        let mut ignored = Vec::new();
        let paths = discover::discover(&[root.to_path_buf()], &mut ignored);
        let mut state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
        let mut stale: Vec<(PathBuf, Stamp)> = Vec::new();
        for path in &paths {
            let stamp = stamp(path);
            if state
                .stamps
                .get(path)
                .is_none_or(|(known, _)| *known != stamp)
            {
                stale.push((path.clone(), stamp));
            }
        }
        let gone: Vec<PathBuf> = state
            .stamps
            .keys()
            .filter(|p| paths.binary_search(p).is_err())
            .cloned()
            .collect();
        if stale.is_empty() && gone.is_empty() {
            return (state.repository.clone(), 0);
        }
        let read = stale.len();
        let mut repository = (*state.repository).clone();
        for path in gone {
            if let Some((_, name)) = state.stamps.remove(&path) {
                repository.remove(&name);
            }
        }
        for (path, stamp) in stale {
            match discover::read(&path) {
                Ok(mut file) => {
                    // Named from the repository's root, as the page lists them: what the
                    // desk hands out (reports, opinions, plan files) carries no path of
                    // this machine.
                    if let Ok(inside) = path.strip_prefix(root) {
                        file.name = discover::display(inside);
                    }
                    state.stamps.insert(path, (stamp, file.name.clone()));
                    repository.set(file);
                }
                // A file that cannot be read cannot be a parent; it is tried again next
                // time.
                Err(_) => {
                    if let Some((_, name)) = state.stamps.remove(&path) {
                        repository.remove(&name);
                    }
                }
            }
        }
        state.repository = Arc::new(repository);
        (state.repository.clone(), read)
    }
}

fn stamp(path: &Path) -> Stamp {
    match std::fs::metadata(path) {
        Ok(meta) => (meta.len(), meta.modified().ok()),
        Err(_) => (0, None),
    }
}
