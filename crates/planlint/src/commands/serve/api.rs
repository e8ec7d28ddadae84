//! The endpoints of `planlint serve`: the page and its files, and a JSON API.
//!
//! - `GET /api/plans` — the repository's plans, for the parent picker.
//! - `POST /api/inspect` (a form with `file`) — the document imported: what was read,
//!   the parent proposed from its basis, and the problems reading it.
//! - `POST /api/check` (a form with `file`, and optionally `parent` and `lang`) — the
//!   upload checked exactly as `planlint report` checks it, in memory (nothing of it is
//!   written to disk): the verdict, the counts, the problems reading it (each at its place
//!   in the document), the report's HTML, and the imported plan file.
//!
//! Every failure is a JSON `{"error": {"code", "zh", "en"}}` with a status that says what
//! kind of failure it is, and a note in the request's log line. Nothing here panics on any
//! upload; the check itself runs on the blocking pool, where a panic would be caught and
//! answered as an internal error.

use super::{size, Context, LogNote, ReadFiles, Received};
use crate::discover;
use crate::repo::{self, Checked};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use planlint_check::{Input, Repository, SourceFile};
use planlint_diagnostics::{Diagnostic, Lang, Severity};
// What an upload is: `Kind::of`, the decision every command makes the same way.
use planlint_import::Kind;
use planlint_model::{load_plan, Plan};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// What the page may load: itself only. The report is shown in a sandboxed frame made
/// from a string (`srcdoc`), which inherits this policy: its inline stylesheet is allowed,
/// scripts and every address outside this server are not.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
    frame-src 'self' about:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A request that failed: its status, a stable code (also in the log line), and what to
/// tell the reader in both languages.
#[derive(Debug)]
pub(crate) struct Problem {
    status: StatusCode,
    code: &'static str,
    zh: String,
    en: String,
    /// Body bytes read before the failure, for the log line.
    received: Option<usize>,
    /// A technical detail for the log line (the reader gets the plain message).
    detail: Option<String>,
}

impl Problem {
    fn new(status: StatusCode, code: &'static str, zh: String, en: String) -> Problem {
        Problem {
            status,
            code,
            zh,
            en,
            received: None,
            detail: None,
        }
    }

    fn detail(mut self, detail: &str) -> Problem {
        self.detail = Some(detail.to_string());
        self
    }

    fn received(mut self, bytes: usize) -> Problem {
        self.received = Some(bytes);
        self
    }

    /// An upload over `limit`: `bytes` is its size where the request declared it, else
    /// unknown (it was still coming when the limit was passed).
    fn too_large(bytes: Option<usize>, limit: usize) -> Problem {
        let (zh, en) = match bytes {
            Some(bytes) => (
                format!("文件太大（{}）", size(bytes)),
                format!("The file is too large ({})", size(bytes)),
            ),
            None => (
                format!("文件超过 {}", size(limit)),
                format!("The file is larger than {}", size(limit)),
            ),
        };
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "upload-too-large",
            format!(
                "{zh}：最多只能上传 {}。规划文档连同表格通常只有几 MB，请确认选择的是规划文件。",
                size(limit)
            ),
            format!(
                "{en}: at most {} can be uploaded. A plan document with its tables is usually a few MB; check that this is the plan.",
                size(limit)
            ),
        )
    }

    fn internal(what: &str) -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal-error",
            format!("planlint 内部错误（{what}）。请重试；如果再次出现，请把这条消息和命令行窗口中的记录发给维护人员。"),
            format!("planlint failed internally ({what}). Try again; if it happens again, send this message and the lines in the command window to the maintainers."),
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = refusal(self.status, self.code, self.zh, self.en);
        if let Some(bytes) = self.received {
            response.extensions_mut().insert(Received(bytes));
        }
        if let Some(detail) = self.detail {
            response
                .extensions_mut()
                .insert(LogNote(format!("{} ({detail})", self.code)));
        }
        response
    }
}

/// The JSON error answer, with its code noted for the log line.
pub(crate) fn refusal(status: StatusCode, code: &str, zh: String, en: String) -> Response {
    let mut response = json_response(
        status,
        &json!({ "error": { "code": code, "zh": zh, "en": en } }),
    );
    response.extensions_mut().insert(LogNote(code.to_string()));
    response
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(crate) fn static_response(content_type: &'static str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// `GET /`: the page, in the language the server was started with.
pub(crate) async fn page(State(context): State<Arc<Context>>) -> Response {
    let (lang, html_lang) = match context.page_lang {
        Lang::Zh => ("zh", "zh-CN"),
        Lang::En => ("en", "en"),
    };
    static_response(
        "text/html; charset=utf-8",
        PAGE.replace("{{html_lang}}", html_lang)
            .replace("{{lang}}", lang),
    )
}

/// `GET /page.js`.
pub(crate) async fn script() -> Response {
    static_response("text/javascript; charset=utf-8", SCRIPT.to_string())
}

/// `GET /page.css`.
pub(crate) async fn style() -> Response {
    static_response("text/css; charset=utf-8", STYLE.to_string())
}

/// Any other path.
pub(crate) async fn not_found() -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "not-found",
        "没有这个页面；请打开审查页面的首页".to_string(),
        "no such page; open the review page's home".to_string(),
    )
}

/// Runs a check or an import on the blocking pool, when one of the [`super::MAX_CHECKS`]
/// places is free: the request waits for it here, and the page and `/api/plans` do not.
async fn checking<F>(context: &Context, work: F) -> Response
where
    F: FnOnce() -> Result<Response, Problem> + Send + 'static,
{
    let Ok(_place) = context.checks.acquire().await else {
        return Problem::internal("closed").into_response();
    };
    blocking(work).await
}

/// Runs `work` on the blocking pool: a check is CPU work, and a panic there is caught and
/// answered rather than taking the server down.
async fn blocking<F>(work: F) -> Response
where
    F: FnOnce() -> Result<Response, Problem> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(response)) => response,
        Ok(Err(problem)) => problem.into_response(),
        Err(err) if err.is_panic() => Problem::internal("panic").into_response(),
        Err(_) => Problem::internal("cancelled").into_response(),
    }
}

/// The repository's readable plans in the order the parent picker lists them: the higher
/// levels first (a county's parent is usually a prefecture, then a province), then by
/// region and id.
fn picker(repository: &Repository) -> Vec<&Plan> {
    let mut plans: Vec<&Plan> = repository.plans().filter(|p| !p.id().is_empty()).collect();
    plans.sort_by_key(|plan| {
        (
            plan.level().map_or(9, level_rank),
            plan.region.as_ref().map(|r| r.value.clone()),
            plan.id().to_string(),
        )
    });
    plans
}

fn level_rank(level: planlint_model::Level) -> usize {
    planlint_model::Level::ALL
        .iter()
        .position(|(_, l)| *l == level)
        .unwrap_or(9)
}

/// A plan's file as the picker shows it: relative to the repository's root.
fn shown_file(root: &Path, file: &str) -> String {
    let path = Path::new(file);
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    absolute
        .strip_prefix(&root)
        .map_or_else(|_| discover::display(path), discover::display)
}

/// `GET /api/plans`: the parent picker's list, and the upload limit.
pub(crate) async fn plans(State(context): State<Arc<Context>>) -> Response {
    blocking(move || {
        let (repository, read) = context.index.current(&context.root);
        let plans: Vec<Value> = picker(&repository)
            .iter()
            .map(|p| {
                json!({
                    "id": p.id(),
                    "title": p.title(),
                    "level": p.level().map(|l| l.as_str()),
                    "region": p.region.as_ref().map(|r| r.value.as_str()),
                    "file": shown_file(&context.root, &p.file),
                })
            })
            .collect();
        let mut response = json_response(
            StatusCode::OK,
            &json!({
                "repository": discover::display(&context.root),
                "plans": plans,
                "max_upload_bytes": context.max_upload,
            }),
        );
        response.extensions_mut().insert(ReadFiles(read));
        Ok(response)
    })
    .await
}

/// Whether a document of this kind is read as Word (places are paragraphs and cells).
fn is_word(kind: Kind) -> bool {
    matches!(kind, Kind::Docx | Kind::Office(_))
}

/// An upload's names: as shown to the reader (its own name, made safe), its stem, and the
/// file it is written as in the temporary folder (the stem with the extension its
/// content calls for, so that a Word file named `.txt` is read as Word).
#[derive(Debug, PartialEq)]
struct Names {
    shown: String,
    stem: String,
    file: String,
}

impl Names {
    fn new(original: &str, kind: Kind) -> Names {
        // Only the last component of whatever path a client sends; no control characters,
        // and none a file system refuses; at most 150 bytes.
        let base = original.rsplit(['/', '\\']).next().unwrap_or("");
        let mut clean = String::new();
        for c in base.chars().filter(|c| !c.is_control()) {
            let c = if "<>:\"|?*".contains(c) { '_' } else { c };
            if clean.len() + c.len_utf8() > 150 {
                break;
            }
            clean.push(c);
        }
        let clean = clean.trim().trim_matches('.').trim().to_string();
        let lower = clean.to_ascii_lowercase();
        let stem = [".plan.yaml", ".plan.yml"]
            .iter()
            .find(|suffix| lower.ends_with(*suffix))
            .map(|suffix| &clean[..clean.len() - suffix.len()])
            .or_else(|| {
                clean
                    .rsplit_once('.')
                    .filter(|(_, ext)| {
                        !ext.is_empty()
                            && ext.len() <= 5
                            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
                    })
                    .map(|(stem, _)| stem)
            })
            .unwrap_or(&clean)
            .trim()
            .to_string();
        let stem = if stem.is_empty() {
            "upload".to_string()
        } else {
            stem
        };
        let file = format!("{stem}{}", kind.extension());
        Names {
            shown: if clean.is_empty() {
                file.clone()
            } else {
                clean
            },
            stem,
            file,
        }
    }
}

/// An upload as the form sent it.
struct Upload {
    name: String,
    bytes: Bytes,
    parent: Option<String>,
    lang: Option<Lang>,
    received: usize,
    /// The share of [`Context::bodies`] the body holds, given back when the upload is
    /// dropped (once answered).
    _memory: Memory,
}

/// A share of the memory for request bodies, in KB.
struct Memory {
    pool: Arc<tokio::sync::Semaphore>,
    held: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl Memory {
    fn new(pool: &Arc<tokio::sync::Semaphore>) -> Memory {
        Memory {
            pool: pool.clone(),
            held: None,
        }
    }

    /// Holds enough for `bytes` in all, or says the server is busy.
    fn hold(&mut self, bytes: usize) -> Result<(), Problem> {
        let want = bytes.div_ceil(1024);
        let have = self.held.as_ref().map_or(0, |p| p.num_permits());
        if want <= have {
            return Ok(());
        }
        let more = u32::try_from(want - have)
            .ok()
            .and_then(|n| self.pool.clone().try_acquire_many_owned(n).ok())
            .ok_or_else(|| {
                Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "server-busy",
                    "服务器正在接收其他上传，暂时无法接收此文件。请稍后重试。".to_string(),
                    "The server is receiving other uploads and cannot take this file now. Try again in a moment.".to_string(),
                )
            })?;
        match &mut self.held {
            Some(held) => held.merge(more),
            None => self.held = Some(more),
        }
        Ok(())
    }
}

/// Reads a request's whole body: refused when it declares or grows past `limit`, when the
/// memory for bodies (`memory`) runs out, or when it has not all arrived after `deadline`,
/// or when the connection breaks.
async fn read_body(
    body: Body,
    limit: usize,
    deadline: Duration,
    memory: &mut Memory,
) -> Result<Bytes, Problem> {
    let mut body = body;
    let mut buffer: Vec<u8> = Vec::new();
    let reading = async {
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|err| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    "upload-broken",
                    "上传中断：文件没有完整传到（连接断开了）。请重新选择文件再试一次。".to_string(),
                    "The upload broke off: the file did not arrive whole (the connection was lost). Choose the file again and retry.".to_string(),
                )
                .detail(&err.to_string())
            })?;
            if let Ok(data) = frame.into_data() {
                if buffer.len() + data.len() > limit {
                    return Err(Problem::too_large(None, limit));
                }
                memory.hold(buffer.len() + data.len())?;
                buffer.extend_from_slice(&data);
            }
        }
        Ok(())
    };
    let result = tokio::time::timeout(deadline, reading).await;
    let received = buffer.len();
    match result {
        Ok(Ok(())) => Ok(Bytes::from(buffer)),
        Ok(Err(problem)) => Err(problem.received(received)),
        Err(_) => Err(Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "upload-timeout",
            format!(
                "上传超时：{} 秒内没有收到完整的文件（只收到 {}）。请重试；如果文件在网络磁盘上，请先复制到本机。",
                deadline.as_secs_f64(),
                size(received)
            ),
            format!(
                "The upload timed out: the file did not arrive whole within {} s (only {} came). Retry; if the file is on a network drive, copy it to this computer first.",
                deadline.as_secs_f64(),
                size(received)
            ),
        )
        .received(received)),
    }
}

fn not_a_form(detail: &str) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "not-a-form",
        "请求不是文件上传表单，或表单不完整。请在审查页面上选择文件后再提交。".to_string(),
        "The request is not a file upload form, or the form is incomplete. Choose the file on the review page and submit again.".to_string(),
    )
    .detail(detail)
}

/// Reads the form: the file (required, not empty), the parent and the language.
async fn read_upload(context: &Context, req: Request) -> Result<Upload, Problem> {
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    // Refused before a byte is read: a client that asked `Expect: 100-continue` sends
    // nothing more.
    if let Some(length) = declared.filter(|&n| n > context.max_upload) {
        return Err(Problem::too_large(Some(length), context.max_upload).received(0));
    }
    // The declared length is held before a byte is read: an upload the server has no
    // room for is told so at once.
    let mut memory = Memory::new(&context.bodies);
    if let Some(length) = declared {
        memory.hold(length).map_err(|p| p.received(0))?;
    }
    let bytes = read_body(body, context.max_upload, context.read_timeout, &mut memory).await?;
    let received = bytes.len();
    let request = Request::from_parts(parts, Body::from(bytes));
    let mut form = Multipart::from_request(request, &())
        .await
        .map_err(|err| not_a_form(&err.body_text()).received(received))?;
    let mut file: Option<(String, Bytes)> = None;
    let mut parent = None;
    let mut lang = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => return Err(not_a_form(&err.body_text()).received(received)),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let data = field
            .bytes()
            .await
            .map_err(|err| not_a_form(&err.body_text()).received(received))?;
        match name.as_str() {
            "file" if file.is_none() => file = Some((file_name.unwrap_or_default(), data)),
            "parent" => {
                let text = String::from_utf8_lossy(&data).trim().to_string();
                parent = (!text.is_empty()).then_some(text);
            }
            "lang" => {
                lang = match &data[..] {
                    b"en" => Some(Lang::En),
                    b"zh" => Some(Lang::Zh),
                    _ => None,
                }
            }
            _ => {}
        }
    }
    let Some((name, bytes)) = file.filter(|(name, bytes)| !(name.is_empty() && bytes.is_empty()))
    else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "no-file",
            "没有收到文件：请先选择要审查的规划文件（.docx、.doc、.wps、.rtf、.pdf、.txt 或 .plan.yaml）。".to_string(),
            "No file arrived: choose the plan to review first (.docx, .doc, .wps, .rtf, .pdf, .txt or .plan.yaml)."
                .to_string(),
        )
        .received(received));
    };
    if bytes.is_empty() {
        let shown = Names::new(&name, Kind::Text).shown;
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "empty-file",
            format!("文件“{shown}”是空的（0 字节），没有可审查的内容。请确认选择了正确的文件。"),
            format!("The file `{shown}` is empty (0 bytes): there is nothing to review. Check that you chose the right file."),
        )
        .received(received));
    }
    Ok(Upload {
        name,
        bytes,
        parent,
        lang,
        received,
        _memory: memory,
    })
}

/// Reads a document upload (converting it first where it must be), or says in the
/// importer's words why it cannot be read.
fn read_document(
    names: &Names,
    kind: Kind,
    bytes: &[u8],
) -> Result<planlint_import::Document, Problem> {
    crate::documents::read_document(&names.shown, kind, bytes).map_err(|d| {
        // What to do about it (the package to install, how to save the file) goes with it.
        let (help_zh, help_en) = d.help.as_ref().map_or((String::new(), String::new()), |h| {
            (format!("。{}", h.zh), format!(". {}", h.en))
        });
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "import-unreadable",
            format!("无法读取“{}”：{}{help_zh}", names.shown, d.message.zh),
            format!("Cannot read `{}`: {}{help_en}", names.shown, d.message.en),
        )
    })
}

/// A problem reading the upload, as the page lists it: its place in the document (the
/// line and column of a text, the paragraph or table cell of a .docx) and the text there.
fn problem_json(d: &Diagnostic, kind: Kind, source: Option<&str>) -> Value {
    let location = &d.primary.location;
    let (place_zh, place_en) = match (&d.primary.text, location.line) {
        (Some(text), _) if is_word(kind) => (text.zh.clone(), text.en.clone()),
        (_, 0) => ("整个文件".to_string(), "the whole file".to_string()),
        (_, line) => (
            format!("第 {line} 行第 {} 列", location.column),
            format!("line {line}, column {}", location.column),
        ),
    };
    let excerpt = source
        .filter(|_| location.line > 0)
        .and_then(|text| text.lines().nth(location.line as usize - 1))
        .map(|line| {
            let line = line.trim();
            let mut shown: String = line.chars().take(100).collect();
            if shown.len() < line.len() {
                shown.push('…');
            }
            shown
        });
    json!({
        "code": d.code,
        "severity": d.severity.as_str(),
        "message": { "zh": d.message.zh, "en": d.message.en },
        "help": d.help.as_ref().map(|h| json!({ "zh": h.zh, "en": h.en })),
        "line": location.line,
        "column": location.column,
        "place": { "zh": place_zh, "en": place_en },
        "excerpt": excerpt,
    })
}

/// `POST /api/inspect`: what the importer reads in the upload, and the parent it proposes.
pub(crate) async fn inspect(State(context): State<Arc<Context>>, req: Request) -> Response {
    let upload = match read_upload(&context, req).await {
        Ok(upload) => upload,
        Err(problem) => return problem.into_response(),
    };
    let received = upload.received;
    let work = context.clone();
    let mut response = checking(&context, move || inspect_upload(&work, &upload)).await;
    response.extensions_mut().insert(Received(received));
    response
}

fn inspect_upload(context: &Context, upload: &Upload) -> Result<Response, Problem> {
    let kind = Kind::of(&upload.name, &upload.bytes);
    let names = Names::new(&upload.name, kind);
    if kind == Kind::Plan {
        let text = String::from_utf8_lossy(&upload.bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let (plan, problems) = load_plan(&names.shown, text);
        let plan = plan.unwrap_or_default();
        let problems: Vec<Value> = problems
            .iter()
            .map(|d| problem_json(d, kind, Some(text)))
            .collect();
        return Ok(json_response(
            StatusCode::OK,
            &json!({
                "file": names.shown,
                "kind": kind.name(),
                "title": plan.title.as_ref().map(|t| t.value.clone()),
                "region": plan.region.as_ref().map(|r| r.value.clone()),
                "level": plan.level().map(|l| l.as_str()),
                "basis": plan.basis.iter().map(|b| b.value.clone()).collect::<Vec<_>>(),
                "declared_parent": plan.parent.as_ref().map(|p| p.value.clone()),
                "proposed_parent": Value::Null,
                "problems": problems,
            }),
        ));
    }
    let document = read_document(&names, kind, &upload.bytes)?;
    let (repository, read) = context.index.current(&context.root);
    let imported = planlint_import::import(
        &names.shown,
        &document,
        &planlint_import::Options {
            candidates: repository.candidates(),
            ..planlint_import::Options::default()
        },
    );
    let draft = &imported.draft;
    // Imported without a parent, the document's parent is the one its basis proposes.
    let proposed = imported.parent.as_ref().map(|id| {
        let title = repository
            .plans()
            .find(|p| p.id() == id)
            .map(|p| p.title().to_string());
        json!({ "id": id, "title": title })
    });
    let problems: Vec<Value> = imported
        .problems
        .iter()
        .map(|d| problem_json(d, kind, Some(&imported.rendering.text)))
        .collect();
    let mut response = json_response(
        StatusCode::OK,
        &json!({
            "file": names.shown,
            "kind": kind.name(),
            "format": document.format,
            "title": draft.title.as_ref().map(|t| t.value.clone()),
            "region": draft.region,
            "level": draft.level,
            "basis": draft.basis.iter().map(|b| b.value.clone()).collect::<Vec<_>>(),
            "rows": draft.current_rows().count(),
            "declared_parent": Value::Null,
            "proposed_parent": proposed,
            "problems": problems,
        }),
    );
    response.extensions_mut().insert(ReadFiles(read));
    Ok(response)
}

/// `POST /api/check`: the upload checked and reported on.
pub(crate) async fn check_endpoint(State(context): State<Arc<Context>>, req: Request) -> Response {
    let upload = match read_upload(&context, req).await {
        Ok(upload) => upload,
        Err(problem) => return problem.into_response(),
    };
    let received = upload.received;
    let work = context.clone();
    let mut response = checking(&context, move || check_upload(&work, &upload)).await;
    response.extensions_mut().insert(Received(received));
    response
}

fn outcome_name(outcome: planlint_report::Outcome) -> &'static str {
    planlint_report::look::outcome(&outcome).key
}

fn check_upload(context: &Context, upload: &Upload) -> Result<Response, Problem> {
    let lang = upload.lang.unwrap_or(context.page_lang);
    let kind = Kind::of(&upload.name, &upload.bytes);
    let names = Names::new(&upload.name, kind);
    let (repository, read) = context.index.current(&context.root);
    if let Some(id) = &upload.parent {
        if !repository.plans().any(|p| p.id() == id) {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "unknown-parent",
                format!("规划仓库中没有 id 为“{id}”的规划。请从列表中重新选择上级规划。"),
                format!("The plan repository has no plan with the id `{id}`. Choose the parent from the list again."),
            ));
        }
    }
    // The upload is checked in memory under its own name: an unreadable document is
    // refused in the importer's own words, and a readable one is imported once, by the
    // check, with its header comments in the reader's language.
    let input = match kind {
        Kind::Plan => match planlint_check::plan_text(&names.shown, upload.bytes.to_vec()) {
            Ok(text) => Input::Plan(SourceFile::new(&names.shown, text)),
            Err(problem) => {
                return Err(Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "import-unreadable",
                    format!("无法读取“{}”：{}", names.shown, problem.message.zh),
                    format!("Cannot read `{}`: {}", names.shown, problem.message.en),
                ))
            }
        },
        _ => Input::Read {
            name: names.shown.clone(),
            document: read_document(&names, kind, &upload.bytes)?,
        },
    };
    let (setup, _) = repo::setup(
        &context.root,
        &context.catalogs,
        &context.rule_dirs,
        planlint_engine::Selection::default(),
    );
    let mut request = planlint_check::Request::new(vec![input], repo::threads(0));
    request.parent = upload.parent.clone();
    request.lang = lang;
    let outcome = planlint_check::check(&setup, &repository, request);
    let checked = Checked { setup, outcome };
    let outcome = &checked.outcome;
    let diagnostics = outcome.diagnostics();
    let report = crate::review::report_of(&checked, &diagnostics, &names.shown);
    let html = planlint_report::html(&report, lang);
    let source = outcome
        .files
        .iter()
        .find(|f| f.name == names.shown)
        .map(|f| f.text.as_str());
    let yaml_name = format!("{}{}", names.shown, discover::PLAN_SUFFIX);
    let problems: Vec<Value> = outcome
        .load_problems
        .iter()
        .filter(|d| {
            [names.shown.as_str(), yaml_name.as_str()].contains(&d.primary.location.file.as_str())
        })
        .map(|d| problem_json(d, kind, source))
        .collect();
    let imported = outcome.documents.first().map(|doc| &doc.imported);
    let counts = report.counts;
    let proposed = upload.parent.is_none() && imported.is_some_and(|i| i.parent.is_some());
    let parent = report.ancestors.first().map(|p| {
        json!({
            "id": p.id,
            "title": p.title,
            "level": p.level.map(|l| l.as_str()),
            "proposed": proposed,
        })
    });
    let report_file = match lang {
        Lang::Zh => format!("{}-审查报告.html", names.stem),
        Lang::En => format!("{}-review.html", names.stem),
    };
    let value = json!({
        "file": names.shown,
        "kind": kind.name(),
        "outcome": outcome_name(report.outcome),
        "counts": {
            "error": counts.error,
            "warning": counts.warning,
            "info": counts.info,
            "exempted": counts.exempted,
        },
        "plan": report.plan.as_ref().map(|p| json!({ "id": p.id, "title": p.title })),
        "parent": parent,
        "indicators": report.indicators.len(),
        "problems": problems,
        "report_html": html,
        "report_file": report_file,
        // The review opinion, a Word document the page downloads (base64 in JSON).
        "opinion_docx": super::overview::base64(&planlint_report::docx(&planlint_report::opinion(&report, lang))),
        "opinion_file": match lang {
            Lang::Zh => format!("{}-审查意见.docx", names.stem),
            Lang::En => format!("{}-review-opinion.docx", names.stem),
        },
        "plan_yaml": imported.map(|i| i.yaml.clone()),
        "plan_file": imported.map(|_| format!("{}{}", names.stem, discover::PLAN_SUFFIX)),
        "lang": match lang { Lang::Zh => "zh", Lang::En => "en" },
    });
    let mut response = json_response(StatusCode::OK, &value);
    response.extensions_mut().insert(ReadFiles(read));
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.exemption.is_none())
        .count();
    response.extensions_mut().insert(LogNote(format!(
        "{}: {} ({errors} errors, {} warnings)",
        names.shown,
        outcome_name(report.outcome),
        counts.warning
    )));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alert_style_and_the_severity_badges_do_not_share_a_class() {
        // Every class a rule of the page's stylesheet names.
        let mut classes = std::collections::BTreeSet::new();
        for rule in STYLE.split('}') {
            let selector = rule.split('{').next().unwrap_or("");
            for part in selector.split('.').skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                classes.insert(name);
            }
        }
        assert!(classes.contains("alert") && classes.contains("sev-error"));
        // A problem's severity is a class of its own (`sev-error`), never a bare word that
        // a general rule styles, as `.error` once boxed the badge like the page's alert.
        for severity in ["error", "warning", "info"] {
            assert!(!classes.contains(severity), "a rule styles .{severity}");
        }
        assert!(SCRIPT.contains("class: `sev sev-${p.severity}`"));
        assert!(PAGE.contains("class=\"alert\" role=\"alert\""));
    }

    #[test]
    fn upload_names_are_made_safe() {
        let n = Names::new("county-draft.docx", Kind::Docx);
        assert_eq!(
            (n.shown.as_str(), n.stem.as_str(), n.file.as_str()),
            ("county-draft.docx", "county-draft", "county-draft.docx")
        );
        let n = Names::new("../../etc/passwd", Kind::Text);
        assert_eq!(
            (n.shown.as_str(), n.file.as_str()),
            ("passwd", "passwd.txt")
        );
        let n = Names::new("C:\\Users\\x\\某县规划.docx", Kind::Text);
        assert_eq!(
            (n.shown.as_str(), n.file.as_str()),
            ("某县规划.docx", "某县规划.txt")
        );
        let n = Names::new("x.plan.yaml", Kind::Plan);
        assert_eq!((n.stem.as_str(), n.file.as_str()), ("x", "x.plan.yaml"));
        let n = Names::new("", Kind::Docx);
        assert_eq!(
            (n.shown.as_str(), n.file.as_str()),
            ("upload.docx", "upload.docx")
        );
        let n = Names::new("..", Kind::Text);
        assert_eq!(n.file, "upload.txt");
        let n = Names::new("a<b>|c\u{7}.txt", Kind::Text);
        assert_eq!(n.file, "a_b__c.txt");
        let long = "规".repeat(200) + ".docx";
        let n = Names::new(&long, Kind::Docx);
        assert!(n.file.len() <= 160, "{}", n.file.len());
    }
}
