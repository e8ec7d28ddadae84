//! The repository index: every plan file of a repository, read once and kept parsed.
//!
//! The command line builds one per run; the desk and an editor keep one and replace the
//! files that change ([`Repository::set`]), so a check reads nothing twice.

use crate::SourceFile;
use planlint_diagnostics::Diagnostic;
use planlint_import::Candidate;
use planlint_model::{load_plan, Plan};
use std::collections::{BTreeMap, BTreeSet};

/// Plan files by name, each with its plan and the problems loading it.
#[derive(Clone, Debug, Default)]
pub struct Repository {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    file: SourceFile,
    plan: Option<Plan>,
    problems: Vec<Diagnostic>,
}

impl Entry {
    fn load(file: SourceFile) -> Entry {
        let (plan, problems) = load_plan(&file.name, &file.text);
        Entry {
            file,
            plan,
            problems,
        }
    }
}

impl Repository {
    /// The repository of `files`, each parsed on up to `jobs` threads and kept in the
    /// order given.
    pub fn load(files: Vec<SourceFile>, jobs: usize) -> Repository {
        let entries = planlint_align::parallel_map(&files, jobs, |file| {
            let (plan, problems) = load_plan(&file.name, &file.text);
            (plan, problems)
        });
        Repository {
            entries: files
                .into_iter()
                .zip(entries)
                .map(|(file, (plan, problems))| Entry {
                    file,
                    plan,
                    problems,
                })
                .collect(),
        }
    }

    /// Adds a file, or replaces the file of the same name; it is parsed again only when
    /// its text changed. Says whether anything changed.
    pub fn set(&mut self, file: SourceFile) -> bool {
        match self.entries.iter_mut().find(|e| e.file.name == file.name) {
            Some(entry) if entry.file.text == file.text => false,
            Some(entry) => {
                *entry = Entry::load(file);
                true
            }
            None => {
                self.entries.push(Entry::load(file));
                true
            }
        }
    }

    /// Removes the file named `name`; says whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.file.name != name);
        self.entries.len() != before
    }

    /// The files, in order.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.entries.iter().map(|e| &e.file)
    }

    /// The readable plans, each with its file's name.
    pub fn plans(&self) -> impl Iterator<Item = &Plan> {
        self.entries.iter().filter_map(|e| e.plan.as_ref())
    }

    /// The plan a file holds, with the problems loading it; `None` for a file not here.
    pub fn get(&self, name: &str) -> Option<(Option<&Plan>, &[Diagnostic])> {
        self.entries
            .iter()
            .find(|e| e.file.name == name)
            .map(|e| (e.plan.as_ref(), e.problems.as_slice()))
    }

    /// How many files the repository holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The plans a document may implement: every readable plan with an id. The one list
    /// of parent candidates for `import`, `check DOC`, `report DOC` and the desk.
    pub fn candidates(&self) -> Vec<Candidate> {
        candidates(self.plans())
    }

    /// What a check of `plans` needs of the repository, in the repository's order: every
    /// ancestor of theirs (following `parent` by id, every plan holding that id), and every
    /// plan that holds one of their ids (a clash the check reports). Files named `shadowed`
    /// (the inputs themselves) and plans whose id is `replaced` (by a document's new
    /// version) are left out.
    pub(crate) fn needed<'p>(
        &self,
        plans: impl IntoIterator<Item = &'p Plan>,
        shadowed: &BTreeSet<String>,
        replaced: &BTreeSet<&str>,
    ) -> Vec<(&SourceFile, &Plan)> {
        let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let Some(plan) = &entry.plan else { continue };
            if shadowed.contains(&entry.file.name) || replaced.contains(plan.id()) {
                continue;
            }
            by_id.entry(plan.id()).or_default().push(i);
        }
        let mut taken = vec![false; self.entries.len()];
        let mut wanted: Vec<&str> = Vec::new();
        for plan in plans {
            wanted.push(plan.id());
            wanted.extend(plan.parent.as_ref().map(|p| p.value.as_str()));
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        while let Some(id) = wanted.pop() {
            if !seen.insert(id) {
                continue;
            }
            for &i in by_id.get(id).into_iter().flatten() {
                taken[i] = true;
                if let Some(parent) = self.entries[i]
                    .plan
                    .as_ref()
                    .and_then(|p| p.parent.as_ref())
                {
                    wanted.push(parent.value.as_str());
                }
            }
        }
        self.entries
            .iter()
            .zip(taken)
            .filter(|(_, taken)| *taken)
            .filter_map(|(e, _)| Some((&e.file, e.plan.as_ref()?)))
            .collect()
    }
}

/// The candidates for a document's parent among `plans`: those with an id.
pub fn candidates<'p>(plans: impl IntoIterator<Item = &'p Plan>) -> Vec<Candidate> {
    plans
        .into_iter()
        .filter(|p| !p.id().is_empty())
        .map(|p| Candidate {
            id: p.id().to_string(),
            title: p.title().to_string(),
            level: p.level().map(|l| l.as_str().to_string()),
            file: p.file.clone(),
        })
        .collect()
}
