//! `planlint lsp`: a language server for `*.plan.yaml` over standard input and output.
//!
//! The server keeps one [`Workspace`] per repository (found from each file as `check` finds
//! it: walking up to `planlint.yaml`), holds the editor's text of every open file there
//! (it wins over the disk), and checks an open plan on open and after each change. Checks
//! are throttled, not delayed: the first change after a quiet spell is checked at once;
//! changes arriving while it runs, or within the debounce window after it, are checked
//! together once the window has passed. A request (hover, completion…) about a plan with a
//! check pending runs the check first, so every answer is about the text the editor shows.
//!
//! The features, one file each: `convert` (URIs, positions, diagnostics), `hover` and
//! `definition` (`rows`), `complete`, `actions`.

mod actions;
mod complete;
mod convert;
mod rows;

use crate::workspace::{Changes, Workspace};
use convert::{Encoding, Lines};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::Uri;
use planlint_check::Outcome;
use planlint_diagnostics::{Diagnostic, Lang};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long after a check further changes wait to be checked together.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// What `planlint lsp` was started with.
pub struct Args {
    pub lang: Lang,
    pub catalogs: Vec<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
}

/// Runs the server until the editor says `exit`.
pub fn run(args: Args) -> ExitCode {
    let (connection, io) = Connection::stdio();
    let status = match serve(&connection, args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("planlint lsp: {message}");
            ExitCode::from(2)
        }
    };
    drop(connection);
    // The reader thread ends with standard input; a broken pipe at the end is no error.
    let _ = io.join();
    status
}

fn serve(connection: &Connection, args: Args) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let offered: Vec<String> = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|e| e.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let encoding = Encoding::choose(&offered);
    let options = params.get("initializationOptions");
    let lang = match options.and_then(|o| o.get("lang")).and_then(Value::as_str) {
        Some("en") => Lang::En,
        Some("zh") => Lang::Zh,
        _ => args.lang,
    };
    let debounce = options
        .and_then(|o| o.get("debounceMs"))
        .and_then(Value::as_u64)
        .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
    let result = json!({
        "capabilities": {
            "positionEncoding": encoding.name(),
            "textDocumentSync": {"openClose": true, "change": 1, "save": {"includeText": false}},
            "hoverProvider": true,
            "definitionProvider": true,
            "completionProvider": {"triggerCharacters": [":", " "]},
            "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        },
        "serverInfo": {"name": "planlint", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    // Plan files changed by other programs (a pull, another editor) are looked at again
    // when the editor reports them; an editor that cannot watch files for a server reports
    // its own saves (`didSave`), which look at the disk too.
    let watches = params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if watches {
        let registration = json!({"registrations": [{
            "id": "planlint-plan-files",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [{"globPattern": "**/*.plan.yaml"}]},
        }]});
        let request = Request::new(
            RequestId::from("planlint-watch".to_string()),
            "client/registerCapability".to_string(),
            registration,
        );
        // The answer (or its absence) changes nothing: saves are still reported.
        let _ = connection.sender.send(Message::Request(request));
    }
    let mut server = Server {
        connection,
        lang,
        encoding,
        debounce,
        args,
        workspaces: BTreeMap::new(),
        docs: BTreeMap::new(),
    };
    server.main_loop()
}

/// An open plan file.
struct Doc {
    uri: Uri,
    path: PathBuf,
    /// The repository it belongs to (the workspace's key).
    root: Option<PathBuf>,
    version: i32,
    text: String,
    /// When a pending check is due; `None` when the last check saw this text.
    due: Option<Instant>,
    /// When the last check ran.
    last: Option<Instant>,
    analysis: Option<Analysis>,
}

/// The last check of an open plan, which hover, definition, completion and code actions
/// read: the outcome, the plan's index in its world, and the text checked.
pub(crate) struct Analysis {
    pub outcome: Outcome,
    pub name: String,
    pub plan: Option<usize>,
    pub text: String,
    /// The rule ids that ran, and their documentation pages.
    pub rules: Arc<BTreeMap<String, Option<Uri>>>,
    pub encoding: Encoding,
    pub lang: Lang,
}

impl Analysis {
    /// The diagnostics of the plan's own file, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.outcome
            .diagnostics()
            .into_iter()
            .filter(|d| d.primary.location.file == self.name)
            .collect()
    }

    pub fn lines(&self) -> Lines<'_> {
        Lines::new(&self.text, self.encoding)
    }
}

impl convert::Texts for Outcome {
    fn text(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.text.as_str())
    }

    fn path(&self, name: &str) -> Option<PathBuf> {
        Some(PathBuf::from(name))
    }
}

/// A repository's workspace and the documentation pages of its rules.
struct Repo {
    workspace: Workspace,
    rules: Arc<BTreeMap<String, Option<Uri>>>,
}

struct Server<'c> {
    connection: &'c Connection,
    lang: Lang,
    encoding: Encoding,
    debounce: Duration,
    args: Args,
    workspaces: BTreeMap<Option<PathBuf>, Repo>,
    docs: BTreeMap<String, Doc>,
}

/// The name a workspace gives a path: the path itself, absolute, with `/` separators.
fn absolute_name(path: &Path) -> String {
    crate::discover::display(path)
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let wait = self
                .docs
                .values()
                .filter_map(|d| d.due)
                .min()
                .map(|due| due.saturating_duration_since(Instant::now()));
            let message = match wait {
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Ok(()),
                },
                Some(wait) => match self.connection.receiver.recv_timeout(wait) {
                    Ok(message) => Some(message),
                    Err(crossbeam_channel::RecvTimeoutError::Timeout) => None,
                    Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Ok(()),
                },
            };
            match message {
                Some(Message::Request(request)) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let response = self.request(request);
                    self.send(Message::Response(response));
                }
                Some(Message::Notification(notification)) => self.notification(notification),
                Some(Message::Response(_)) => {}
                None => {}
            }
            self.run_due();
        }
    }

    fn send(&self, message: Message) {
        // The editor has gone when this fails; the loop ends when its input does.
        let _ = self.connection.sender.send(message);
    }

    /// Checks every open plan whose pending check is due.
    fn run_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|due| due <= now))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in due {
            self.check(&uri);
        }
    }

    /// Schedules a check of `uri`: at once after a quiet spell, else when the debounce
    /// window since the last check has passed.
    fn schedule(&mut self, uri: &str) {
        let debounce = self.debounce;
        if let Some(doc) = self.docs.get_mut(uri) {
            let now = Instant::now();
            let soonest = doc.last.map_or(now, |last| last + debounce);
            doc.due = Some(soonest.max(now));
        }
    }

    /// Makes the workspace of the repository holding `path` on first use.
    fn repo_for(&mut self, path: &Path) {
        let root = crate::repo::root_of(path);
        if !self.workspaces.contains_key(&root) {
            let start = root.clone().unwrap_or_else(|| path.to_path_buf());
            let (setup, found) = crate::repo::setup(
                &start,
                &self.args.catalogs,
                &self.args.rule_dirs,
                planlint_engine::Selection::default(),
            );
            let rules = Arc::new(rule_pages(&setup, self.lang));
            let workspace = Workspace::new(setup, found, absolute_name, 0);
            self.workspaces
                .insert(root.clone(), Repo { workspace, rules });
        }
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(
                    notification.params,
                ) else {
                    return;
                };
                let item = params.text_document;
                let Some(path) = convert::path_of(&item.uri) else {
                    return;
                };
                // Editors that start servers by language open every YAML file here; only
                // plan files are checked.
                if !path
                    .to_string_lossy()
                    .ends_with(planlint_check::PLAN_SUFFIX)
                {
                    return;
                }
                let path = std::fs::canonicalize(&path).unwrap_or(path);
                let root = crate::repo::root_of(&path);
                self.repo_for(&path);
                let key = item.uri.as_str().to_string();
                self.docs.insert(
                    key.clone(),
                    Doc {
                        uri: item.uri,
                        path,
                        root,
                        version: item.version,
                        text: item.text,
                        due: None,
                        last: None,
                        analysis: None,
                    },
                );
                self.changed(&key);
            }
            "textDocument/didChange" => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(
                    notification.params,
                ) else {
                    return;
                };
                let key = params.text_document.uri.as_str().to_string();
                let encoding = self.encoding;
                let Some(doc) = self.docs.get_mut(&key) else {
                    return;
                };
                for change in params.content_changes {
                    match change.range {
                        None => doc.text = change.text,
                        Some(range) => {
                            let lines = Lines::new(&doc.text, encoding);
                            let (start, end) = (lines.offset(range.start), lines.offset(range.end));
                            if start <= end {
                                doc.text.replace_range(start..end, &change.text);
                            }
                        }
                    }
                }
                doc.version = params.text_document.version;
                self.changed(&key);
            }
            "textDocument/didClose" => {
                let Ok(params) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(
                    notification.params,
                ) else {
                    return;
                };
                let key = params.text_document.uri.as_str().to_string();
                if let Some(doc) = self.docs.remove(&key) {
                    let changes = match self.workspaces.get_mut(&doc.root) {
                        Some(repo) => repo.workspace.forget_text(&doc.path),
                        None => Changes::default(),
                    };
                    self.publish(&doc.uri, Vec::new(), Some(doc.version));
                    self.dependents(&doc.root, &changes);
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                // Files saved by other programs: the disk is looked at again.
                let roots: Vec<Option<PathBuf>> = self.workspaces.keys().cloned().collect();
                for root in roots {
                    let changes = match self.workspaces.get_mut(&root) {
                        Some(repo) => repo.workspace.refresh(),
                        None => continue,
                    };
                    self.dependents(&root, &changes);
                }
            }
            _ => {}
        }
    }

    /// An open plan's text changed: the workspace takes it, and the plan and the open
    /// plans below it are scheduled for a check.
    fn changed(&mut self, uri: &str) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let (root, path, text) = (doc.root.clone(), doc.path.clone(), doc.text.clone());
        let changes = match self.workspaces.get_mut(&root) {
            Some(repo) => repo.workspace.set_text(&path, text),
            None => Changes::default(),
        };
        self.schedule(uri);
        self.dependents(&root, &changes);
    }

    /// Schedules the open plans of `root` that `changes` affect.
    fn dependents(&mut self, root: &Option<PathBuf>, changes: &Changes) {
        if changes.is_empty() {
            return;
        }
        let Some(repo) = self.workspaces.get(root) else {
            return;
        };
        let open: Vec<(String, String)> = self
            .docs
            .iter()
            .filter(|(_, d)| &d.root == root)
            .map(|(uri, d)| (uri.clone(), repo.workspace.name(&d.path)))
            .collect();
        let names: Vec<String> = open.iter().map(|(_, n)| n.clone()).collect();
        let affected = repo.workspace.affected(changes, &names);
        for (uri, name) in open {
            if affected.contains(&name) {
                self.schedule(&uri);
            }
        }
    }

    /// Checks the open plan `uri` now and publishes its diagnostics.
    fn check(&mut self, uri: &str) {
        let (lang, encoding) = (self.lang, self.encoding);
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let Some(repo) = self.workspaces.get_mut(&doc.root) else {
            return;
        };
        let name = repo.workspace.name(&doc.path);
        let outcome = repo.workspace.check(std::slice::from_ref(&name));
        let plan = outcome
            .checked
            .iter()
            .copied()
            .find(|&p| outcome.world.plan(p).file == name);
        let analysis = Analysis {
            outcome,
            name,
            plan,
            text: doc.text.clone(),
            rules: repo.rules.clone(),
            encoding,
            lang,
        };
        doc.due = None;
        doc.last = Some(Instant::now());
        let lines = analysis.lines();
        let rules = analysis.rules.clone();
        let docs = |code: &str| rules.get(code).cloned().flatten();
        let diagnostics: Vec<lsp_types::Diagnostic> = analysis
            .diagnostics()
            .iter()
            .map(|d| convert::diagnostic(d, &lines, &analysis.outcome, lang, &docs))
            .collect();
        drop(lines);
        let (uri, version) = (doc.uri.clone(), doc.version);
        doc.analysis = Some(analysis);
        self.publish(&uri, diagnostics, Some(version));
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = lsp_types::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_string(),
            params,
        )));
    }

    /// The analysis of `uri`, checked first where a check is pending.
    fn fresh(&mut self, uri: &Uri) -> Option<&Analysis> {
        let key = uri.as_str().to_string();
        let doc = self.docs.get(&key)?;
        if doc.due.is_some() || doc.analysis.is_none() {
            self.check(&key);
        }
        self.docs.get(&key)?.analysis.as_ref()
    }

    fn request(&mut self, request: Request) -> Response {
        let id: RequestId = request.id.clone();
        let result = match request.method.as_str() {
            "textDocument/hover" => {
                let Ok(params) = serde_json::from_value::<lsp_types::HoverParams>(request.params)
                else {
                    return invalid(id);
                };
                let at = params.text_document_position_params;
                self.fresh(&at.text_document.uri)
                    .and_then(|a| rows::hover(a, a.lines().offset(at.position)))
                    .map_or(Value::Null, |h| json!(h))
            }
            "textDocument/definition" => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::GotoDefinitionParams>(request.params)
                else {
                    return invalid(id);
                };
                let at = params.text_document_position_params;
                let encoding = self.encoding;
                let analysis = self.fresh(&at.text_document.uri);
                let found = analysis
                    .and_then(|a| rows::definition(a, a.lines().offset(at.position), encoding));
                let found = found.or_else(|| {
                    // A parent the check did not find: any file holding its id.
                    let doc = self.docs.get(at.text_document.uri.as_str())?;
                    let lines = Lines::new(&doc.text, encoding);
                    let line = lines.line(at.position.line as usize);
                    let id = rows::parent_on_line(line)?;
                    let repo = self.workspaces.get(&doc.root)?;
                    let name = repo.workspace.files_with_id(id).first().copied()?;
                    let uri = convert::uri_of(repo.workspace.path(name)?)?;
                    Some(lsp_types::Location::new(uri, lsp_types::Range::default()))
                });
                found.map_or(Value::Null, |l| json!(l))
            }
            "textDocument/completion" => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::CompletionParams>(request.params)
                else {
                    return invalid(id);
                };
                let at = params.text_document_position;
                let uri = at.text_document.uri.clone();
                let ids: Vec<String> = self
                    .docs
                    .get(uri.as_str())
                    .and_then(|d| self.workspaces.get(&d.root))
                    .map(|r| r.workspace.ids().keys().map(|s| s.to_string()).collect())
                    .unwrap_or_default();
                match self.fresh(&uri) {
                    Some(analysis) => json!(complete::complete(analysis, at.position, &ids)),
                    None => Value::Null,
                }
            }
            "textDocument/codeAction" => {
                let Ok(params) =
                    serde_json::from_value::<lsp_types::CodeActionParams>(request.params)
                else {
                    return invalid(id);
                };
                let uri = params.text_document.uri.clone();
                match self.fresh(&uri) {
                    Some(analysis) => json!(actions::actions(analysis, &uri, params.range)),
                    None => json!([]),
                }
            }
            _ => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("planlint lsp does not answer {}", request.method),
                )
            }
        };
        Response::new_ok(id, result)
    }
}

fn invalid(id: RequestId) -> Response {
    Response::new_err(
        id,
        lsp_server::ErrorCode::InvalidParams as i32,
        "the request's parameters could not be read".to_string(),
    )
}

/// Each rule that runs, with a page of its documentation: written once into the user's
/// cache folder (`planlint rule ID` prints the same), so that an editor can open it without
/// a network. A rule whose page cannot be written has none.
fn rule_pages(setup: &planlint_check::Setup, lang: Lang) -> BTreeMap<String, Option<Uri>> {
    let folder = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map(|c| c.join("planlint").join("rules").join(pick_dir(lang)));
    setup
        .ran()
        .into_iter()
        .map(|rule| {
            let page = folder.as_ref().and_then(|folder| {
                let path = folder.join(format!("{}.md", rule.meta.id));
                let text = rule.meta.render(lang);
                let current = crate::discover::read(&path).is_ok_and(|f| f.text == text);
                if !current {
                    std::fs::create_dir_all(folder).ok()?;
                    crate::write::write_atomically(&path, text.as_bytes()).ok()?;
                }
                convert::uri_of(&path)
            });
            (rule.meta.id.clone(), page)
        })
        .collect()
}

fn pick_dir(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}
