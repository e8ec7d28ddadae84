//! A repository kept between checks, for the editor (`planlint lsp`) and `check --watch`:
//! every plan file's header known, only the files a check needed parsed, and each change
//! re-read and re-parsed alone.
//!
//! At the start every plan file under the root is read once for its header
//! ([`planlint_check::scan_header`]: `id` and `parent`, no parse) and its text dropped. A
//! check of some plans parses what it needs — their ancestors and the files clashing with
//! their ids — into a [`Repository`] kept for the next check. A change (a file saved, an
//! editor's text) is judged by its content hash: the same text changes nothing; another
//! text re-scans the header and, where the file was parsed, parses it again. Which plans a
//! change affects is the headers' business ([`Workspace::affected`]): the plan itself, the
//! plans below it, and those sharing its id.
//!
//! An editor's text wins over the disk ([`Workspace::set_text`]) until the editor closes the
//! file ([`Workspace::forget_text`]).

use crate::discover;
use planlint_check::{Header, Input, Outcome, Repository, Request, Setup, SourceFile};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file on disk looked like when it was last read: its modification time and size.
type Stamp = (Option<SystemTime>, u64);

/// One plan file the workspace knows.
#[derive(Debug)]
struct Known {
    path: PathBuf,
    /// The disk's stamp when last read; `None` for a file only an editor holds.
    stamp: Option<Stamp>,
    /// The hash of the text last seen (the editor's, or the disk's).
    hash: u64,
    /// Its `id` and `parent`; `None` where unknown (the scan could not tell and the file
    /// does not parse), and then the file is always parsed for a check.
    header: Option<Header>,
    /// The editor's text, which wins over the disk's.
    editor: Option<String>,
}

/// A file's text as the workspace keeps it: its hash and header, and the text itself only
/// where it is to be parsed (the file is parsed already, or its header is unknown).
struct Content {
    hash: u64,
    header: Option<Header>,
    text: Option<String>,
}

impl Content {
    fn of(text: String, keep: bool) -> Content {
        let header = planlint_check::scan_header(&text);
        let keep = keep || header.is_none();
        Content {
            hash: hash_of(&text),
            header,
            text: keep.then_some(text),
        }
    }
}

/// What a round of changes touched: the files, and every id they held before or hold now.
#[derive(Debug, Default)]
pub struct Changes {
    pub names: BTreeSet<String>,
    pub ids: BTreeSet<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The repository of one root, kept between checks.
pub struct Workspace {
    pub setup: Setup,
    root: Option<PathBuf>,
    /// How a path is named in diagnostics.
    name_of: fn(&Path) -> String,
    known: BTreeMap<String, Known>,
    /// Plan files outside the root that were named ([`Workspace::track`]).
    extra: Vec<PathBuf>,
    /// The files parsed so far, by the same names.
    repository: Repository,
    jobs: usize,
}

fn hash_of(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok(), meta.len()))
}

impl Workspace {
    /// The workspace of the repository under `root` (none: only the files named later),
    /// every plan file's header read on up to `jobs` threads.
    pub fn new(
        setup: Setup,
        root: Option<PathBuf>,
        name_of: fn(&Path) -> String,
        jobs: usize,
    ) -> Workspace {
        let mut workspace = Workspace {
            setup,
            root,
            name_of,
            known: BTreeMap::new(),
            extra: Vec::new(),
            repository: Repository::default(),
            jobs: crate::repo::threads(jobs),
        };
        workspace.refresh();
        workspace
    }

    /// The name diagnostics use for `path`.
    pub fn name(&self, path: &Path) -> String {
        (self.name_of)(path)
    }

    /// The path of the file named `name`, where known.
    pub fn path(&self, name: &str) -> Option<&Path> {
        self.known.get(name).map(|k| k.path.as_path())
    }

    /// The names of the files that hold plan `id` (by their headers).
    pub fn files_with_id(&self, id: &str) -> Vec<&str> {
        self.known
            .iter()
            .filter(|(_, k)| k.header.as_ref().and_then(|h| h.id.as_deref()) == Some(id))
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// Every plan id known, with the name of a file holding it (the first by name).
    pub fn ids(&self) -> BTreeMap<&str, &str> {
        let mut ids = BTreeMap::new();
        for (name, known) in &self.known {
            if let Some(id) = known.header.as_ref().and_then(|h| h.id.as_deref()) {
                ids.entry(id).or_insert(name.as_str());
            }
        }
        ids
    }

    /// Reads the disk again: files added, removed or changed since the last look (by their
    /// stamps, then their hashes) are taken in; files an editor holds keep the editor's
    /// text. Says what changed.
    pub fn refresh(&mut self) -> Changes {
        let mut changes = Changes::default();
        let mut ignored = Vec::new();
        let looked: Vec<PathBuf> = self.root.iter().chain(&self.extra).cloned().collect();
        let paths = discover::discover(&looked, &mut ignored)
            .into_iter()
            .filter(|p| p.is_file());
        let mut on_disk: BTreeSet<String> = BTreeSet::new();
        let mut stale: Vec<(String, PathBuf, Option<Stamp>)> = Vec::new();
        for path in paths {
            let name = self.name(&path);
            let stamp = stamp_of(&path);
            on_disk.insert(name.clone());
            match self.known.get(&name) {
                Some(known) if known.editor.is_some() || known.stamp == stamp => {}
                _ => stale.push((name, path, stamp)),
            }
        }
        // Files gone from the disk, unless an editor holds them.
        let gone: Vec<String> = self
            .known
            .iter()
            .filter(|(name, k)| k.editor.is_none() && k.stamp.is_some() && !on_disk.contains(*name))
            .map(|(name, _)| name.clone())
            .collect();
        for name in gone {
            if let Some(known) = self.known.remove(&name) {
                changes.ids.extend(known.header.and_then(|h| h.id));
            }
            self.repository.remove(&name);
            changes.names.insert(name);
        }
        // The rest read on every thread, their texts dropped unless they are parsed: a file
        // that cannot be read is left as it was.
        let parsed: BTreeSet<&str> = self.repository.files().map(|f| f.name.as_str()).collect();
        let read = planlint_align::parallel_map(&stale, self.jobs, |(name, path, _)| {
            let file = discover::read(path).ok()?;
            Some(Content::of(file.text, parsed.contains(name.as_str())))
        });
        for ((name, path, stamp), read) in stale.into_iter().zip(read) {
            let Some(content) = read else { continue };
            self.take(name, path, stamp, content, &mut changes);
        }
        changes
    }

    /// Takes a file's new text: nothing changes where its hash is the same; otherwise its
    /// header is the scan's (or the parse's where the scan cannot tell), and a file parsed
    /// before is parsed again.
    fn take(
        &mut self,
        name: String,
        path: PathBuf,
        stamp: Option<Stamp>,
        content: Content,
        changes: &mut Changes,
    ) {
        if let Some(known) = self.known.get_mut(&name) {
            known.stamp = stamp;
            if known.hash == content.hash {
                return;
            }
        }
        let parsed = self.repository.get(&name).is_some();
        let text = || {
            content
                .text
                .clone()
                .or_else(|| discover::read(&path).ok().map(|f| f.text))
        };
        let header = match content.header {
            Some(header) => {
                if parsed {
                    if let Some(text) = text() {
                        self.repository.set(SourceFile::new(&name, text));
                    }
                }
                Some(header)
            }
            None => {
                // The scan cannot tell: parse it now, and keep it parsed.
                if let Some(text) = text() {
                    self.repository.set(SourceFile::new(&name, text));
                }
                self.repository
                    .get(&name)
                    .and_then(|(plan, _)| plan.map(Header::of))
            }
        };
        let hash = content.hash;
        let old = self.known.insert(
            name.clone(),
            Known {
                path,
                stamp,
                hash,
                header: header.clone(),
                editor: None,
            },
        );
        if let Some(old) = old {
            changes.ids.extend(old.header.and_then(|h| h.id));
            if let Some(known) = self.known.get_mut(&name) {
                known.editor = old.editor;
            }
        }
        changes.ids.extend(header.and_then(|h| h.id));
        changes.names.insert(name);
    }

    /// Keeps the file or folder at `path` in view too (a plan outside the root, or the
    /// whole workspace where there is no root).
    pub fn track(&mut self, path: &Path) -> Changes {
        if !self.extra.iter().any(|p| p == path) {
            self.extra.push(path.to_path_buf());
        }
        self.refresh()
    }

    /// An editor's text for the file at `path`, which wins over the disk's until
    /// [`Workspace::forget_text`]. Says what changed.
    pub fn set_text(&mut self, path: &Path, text: String) -> Changes {
        let name = self.name(path);
        let mut changes = Changes::default();
        let stamp = self.known.get(&name).and_then(|k| k.stamp);
        let content = Content::of(text.clone(), true);
        self.take(
            name.clone(),
            path.to_path_buf(),
            stamp,
            content,
            &mut changes,
        );
        if let Some(known) = self.known.get_mut(&name) {
            known.editor = Some(text);
        }
        changes
    }

    /// The editor no longer holds the file: the disk's text counts again.
    pub fn forget_text(&mut self, path: &Path) -> Changes {
        let name = self.name(path);
        let mut changes = Changes::default();
        let Some(known) = self.known.get_mut(&name) else {
            return changes;
        };
        known.editor = None;
        match discover::read(path) {
            Ok(file) => {
                let stamp = stamp_of(path);
                let content = Content::of(file.text, true);
                self.take(name, path.to_path_buf(), stamp, content, &mut changes);
            }
            Err(_) => {
                if let Some(known) = self.known.remove(&name) {
                    changes.ids.extend(known.header.and_then(|h| h.id));
                }
                self.repository.remove(&name);
                changes.names.insert(name);
            }
        }
        changes
    }

    /// The text of the file named `name`: the editor's, or the disk's.
    pub fn text(&self, name: &str) -> Option<String> {
        let known = self.known.get(name)?;
        match &known.editor {
            Some(text) => Some(text.clone()),
            None => discover::read(&known.path).ok().map(|f| f.text),
        }
    }

    /// Of `candidates` (names), those `changes` affect: a changed file itself, a plan below
    /// one (its chain of parents, by the headers, passes a changed id), and a plan sharing a
    /// changed id.
    pub fn affected(&self, changes: &Changes, candidates: &[String]) -> Vec<String> {
        candidates
            .iter()
            .filter(|name| {
                if changes.names.contains(*name) {
                    return true;
                }
                let header = self.known.get(*name).and_then(|k| k.header.as_ref());
                if header
                    .and_then(|h| h.id.as_deref())
                    .is_some_and(|id| changes.ids.contains(id))
                {
                    return true;
                }
                let mut parent = header.and_then(|h| h.parent.as_deref());
                let mut seen: BTreeSet<&str> = BTreeSet::new();
                while let Some(p) = parent {
                    if changes.ids.contains(p) {
                        return true;
                    }
                    if !seen.insert(p) {
                        break; // a cycle, reported by the check
                    }
                    parent = self.parent_of_id(p);
                }
                false
            })
            .cloned()
            .collect()
    }

    /// The parent id of the first file holding plan `id`.
    fn parent_of_id(&self, id: &str) -> Option<&str> {
        self.known
            .values()
            .filter_map(|k| k.header.as_ref())
            .find(|h| h.id.as_deref() == Some(id))
            .and_then(|h| h.parent.as_deref())
    }

    /// Checks the files named `names` (each as its editor or the disk has it) against the
    /// plans they need, which are parsed now if they were not yet.
    pub fn check(&mut self, names: &[String]) -> Outcome {
        let mut inputs = Vec::new();
        let mut wanted = Vec::new();
        for name in names {
            let Some(text) = self.text(name) else {
                continue;
            };
            let header = self
                .known
                .get(name)
                .and_then(|k| k.header.clone())
                .unwrap_or_default();
            wanted.push(header);
            inputs.push(Input::Plan(SourceFile::new(name, text)));
        }
        self.parse_needed(&wanted);
        planlint_check::check(
            &self.setup,
            &self.repository,
            Request::new(inputs, self.jobs),
        )
    }

    /// Parses the files a check of plans with headers `wanted` needs that are not parsed.
    fn parse_needed(&mut self, wanted: &[Header]) {
        let names: Vec<&String> = self.known.keys().collect();
        let headers: Vec<Option<Header>> = self.known.values().map(|k| k.header.clone()).collect();
        let missing: Vec<String> = planlint_check::needed_by_headers(&headers, wanted)
            .into_iter()
            .map(|i| names[i].clone())
            .filter(|name| self.repository.get(name).is_none())
            .collect();
        for name in missing {
            if let Some(text) = self.text(&name) {
                self.repository.set(SourceFile::new(name, text));
            }
        }
    }
}
