//! `planlint serve`: the reviewer's desk. A small HTTP server on this machine with one page,
//! where a reviewer who never opens a terminal drops the submitted document, picks the
//! parent plan, and reads the review report that `planlint report` would write.
//!
//! The server listens on 127.0.0.1 (a free port unless `--port` is given; any other
//! address only with an explicit `--bind`, and then with a warning) and prints the page's
//! address on standard output. Ctrl-C stops it. Every request logs one line on standard
//! error: method, path, status, bytes received, time, and what went wrong if anything did.
//!
//! The endpoints are in [`api`]; the page's HTML, JavaScript and stylesheet are in
//! `serve/`, embedded in the binary (no front-end build, nothing from the internet).
//!
//! Uploads are untrusted. The request body is read by [`api`] itself, under a size limit
//! ([`MAX_UPLOAD_BYTES`], refused from the declared length before any byte is read) and a
//! deadline (`--read-timeout`, 30 s, which also bounds the time to send the headers), so a
//! trickling or broken upload ends in a clear error and never holds the server. An upload
//! is checked in memory and never written to disk; between requests the server keeps only
//! its copy of the repository's plans ([`index`]), which each request brings up to date by
//! re-reading the files that changed.
//!
//! Why axum: it is the tokio project's own web framework (maintained with hyper, tokio and
//! tower), small at this size (routing, the multipart form, middleware), with no macros
//! needed, and its `Router` is a plain `tower` service, so the connection loop here can use
//! hyper's HTTP/1 server directly and set the header timeout that `axum::serve` does not
//! expose. One thread runs the server (a current-thread runtime); checks, which are CPU
//! work, run on tokio's blocking pool, a few at a time.

mod api;
mod index;
mod overview;

use crate::discover;
use crate::write::say;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use planlint_diagnostics::Lang;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The largest upload accepted. Plan documents are a few megabytes with their tables; a
/// larger file is the wrong file, and the check would hold it in memory several times.
pub const MAX_UPLOAD_BYTES: usize = 20 << 20;

/// How long a client has to send a request's headers, and then its whole body.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Checks running at once; more wait their turn. A check uses every core for a moment.
const MAX_CHECKS: usize = 2;

/// What `planlint serve` was asked to do.
#[derive(Debug)]
pub struct Args {
    pub repo: PathBuf,
    pub port: u16,
    pub bind: Option<IpAddr>,
    /// The language of this command's own messages.
    pub lang: Lang,
    /// The page's language when it opens (the reader can switch).
    pub page_lang: Lang,
    pub catalogs: Vec<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
    pub read_timeout: Duration,
}

/// What every request needs, shared: nothing a request does is kept for the next one but
/// the repository's plans, read once and re-read only where a file changed.
#[derive(Debug)]
pub(crate) struct Context {
    /// The repository's root (the folder holding `planlint.yaml`).
    pub root: PathBuf,
    /// The repository's plans as last read.
    pub index: index::Index,
    pub catalogs: Vec<PathBuf>,
    pub rule_dirs: Vec<PathBuf>,
    pub read_timeout: Duration,
    pub max_upload: usize,
    pub page_lang: Lang,
    /// Whether the server listens on a loopback address only: then a request must name a
    /// loopback host, so that a web page elsewhere cannot reach the server through a
    /// domain name pointed at 127.0.0.1 (DNS rebinding).
    pub loopback_only: bool,
}

/// Reads `--port`: a number. An address given there (`0.0.0.0:8080`) is refused with a
/// pointer to `--bind`, so that listening beyond this machine is never an accident.
pub fn parse_port(text: &str) -> Result<u16, String> {
    if let Ok(port) = text.parse::<u16>() {
        return Ok(port);
    }
    match text.parse::<SocketAddr>() {
        Ok(addr) if addr.ip().is_loopback() => Err(format!(
            "--port takes a port number: use `--port {}`",
            addr.port()
        )),
        Ok(addr) => Err(format!(
            "--port takes a port number, not an address. To listen on {} (the page is then \
             reachable from the network), say so explicitly: `--bind {} --port {}`",
            addr.ip(),
            addr.ip(),
            addr.port()
        )),
        Err(_) => Err(format!("`{text}` is not a port number (0 to 65535)")),
    }
}

/// Reads `--bind`: an IP address, or `localhost`.
pub fn parse_bind(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
        .map_err(|_| format!("`{text}` is not an IP address (for example 127.0.0.1 or ::1)"))
}

/// Runs `planlint serve` until Ctrl-C: 0 when stopped, 2 when it cannot start (no
/// repository, the address cannot be bound).
pub fn run(args: Args) -> ExitCode {
    let lang = args.lang;
    let shown = discover::display(&args.repo);
    if !args.repo.exists() {
        say(
            lang,
            format!("找不到 {shown}"),
            format!("{shown}: no such folder"),
        );
        return ExitCode::from(2);
    }
    let Some(root) = crate::repo::root_of(&args.repo) else {
        say(
            lang,
            format!(
                "{shown} 不是规划仓库：它和它的上级目录中都没有 planlint.yaml（请指定规划仓库的目录，或用 `planlint init` 创建一个）"
            ),
            format!(
                "{shown} is not a plan repository: there is no planlint.yaml in it or above it (name the repository's folder, or create one with `planlint init`)"
            ),
        );
        return ExitCode::from(2);
    };
    let ip = args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !ip.is_loopback() {
        say(
            lang,
            format!(
                "警告：正在监听 {ip}，网络中的其他计算机也能打开此页面并上传文件；只在可信的网络中这样做"
            ),
            format!(
                "warning: listening on {ip}: other computers on the network can open this page and upload files; do this only on a network you trust"
            ),
        );
    }
    let cannot_start = |err: std::io::Error| {
        say(
            lang,
            format!("无法启动：{err}"),
            format!("cannot start: {err}"),
        );
        ExitCode::from(2)
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(MAX_CHECKS)
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return cannot_start(err),
    };
    let listener = match runtime.block_on(tokio::net::TcpListener::bind((ip, args.port))) {
        Ok(listener) => listener,
        Err(err) => {
            say(
                lang,
                format!("无法在 {ip} 的 {} 端口上监听：{err}", args.port),
                format!("cannot listen on {ip} port {}: {err}", args.port),
            );
            return ExitCode::from(2);
        }
    };
    let local = match listener.local_addr() {
        Ok(addr) => addr,
        Err(err) => return cannot_start(err),
    };
    // 0.0.0.0 is not an address a browser can open: the page is shown at the loopback
    // address of the same family.
    let visible = match local.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), local.port())
        }
        IpAddr::V6(v6) if v6.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(std::net::Ipv6Addr::LOCALHOST), local.port())
        }
        _ => local,
    };
    let url = format!("http://{visible}/");
    // One line a shortcut or a test can read, flushed at once.
    let line = match lang {
        Lang::Zh => format!("planlint: 审查页面已就绪：{url}\n"),
        Lang::En => format!("planlint: the review page is ready: {url}\n"),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(line.as_bytes());
    let _ = stdout.flush();
    drop(stdout);
    say(
        lang,
        format!(
            "规划仓库：{}；在浏览器中打开上面的地址；按 Ctrl-C 停止",
            discover::display(&root)
        ),
        format!(
            "plan repository: {}; open the address above in a browser; press Ctrl-C to stop",
            discover::display(&root)
        ),
    );
    let context = Arc::new(Context {
        root,
        index: index::Index::default(),
        catalogs: args.catalogs,
        rule_dirs: args.rule_dirs,
        read_timeout: args.read_timeout,
        max_upload: MAX_UPLOAD_BYTES,
        page_lang: args.page_lang,
        loopback_only: ip.is_loopback(),
    });
    runtime.block_on(serve(listener, context));
    // A check still running finishes on its own thread; its answer has nowhere to go.
    runtime.shutdown_timeout(Duration::from_secs(2));
    say(lang, "已停止".to_string(), "stopped".to_string());
    ExitCode::SUCCESS
}

/// The page and the API.
fn router(context: Arc<Context>) -> Router {
    Router::new()
        .route("/", get(api::page))
        .route("/page.js", get(api::script))
        .route("/page.css", get(api::style))
        .route("/api/plans", get(api::plans))
        .route("/api/inspect", post(api::inspect))
        .route("/api/check", post(api::check_endpoint))
        .route("/overview", get(overview::page))
        .route("/overview.xlsx", get(overview::workbook))
        .route("/report/{id}", get(overview::report))
        .fallback(api::not_found)
        // The body is read by the handlers themselves, under their own limit and deadline.
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(
            context.clone(),
            guard_and_log,
        ))
        .with_state(context)
}

/// Accepts connections until Ctrl-C. Each connection is served by hyper's HTTP/1 server
/// with a header timeout; a connection that fails ends alone.
async fn serve(listener: tokio::net::TcpListener, context: Arc<Context>) {
    let app = router(context.clone());
    let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, most likely: wait rather than spin.
                    eprintln!("planlint: accept: {err}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let service = TowerToHyperService::new(app.clone());
        let timeout = context.read_timeout;
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .serve_connection(TokioIo::new(stream), service);
            if let Err(err) = connection.await {
                // The client went away mid-request, sent no headers in time, or sent
                // something that is not HTTP. The request's own line (if it got that far)
                // has been logged already.
                eprintln!("planlint: connection from {peer} closed: {err}");
            }
        });
    }
}

/// Why a request failed, for the log line: set by the handler on its response.
#[derive(Clone, Debug)]
pub(crate) struct LogNote(pub String);

/// How many plan files of the repository a request read (re-read because they changed),
/// for the log line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ReadFiles(pub usize);

/// How many body bytes a handler read, for the log line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Received(pub usize);

/// Refuses requests that do not come from the page (see [`Context::loopback_only`], and a
/// POST whose `Origin` is another site), then logs one line for every request.
async fn guard_and_log(State(context): State<Arc<Context>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let response = match foreign(&context, &req) {
        Some(refusal) => refusal,
        None => next.run(req).await,
    };
    let received = response
        .extensions()
        .get::<Received>()
        .map(|r| r.0)
        .or(declared)
        .unwrap_or(0);
    let mut note = response
        .extensions()
        .get::<LogNote>()
        .map(|n| format!(" {}", n.0))
        .unwrap_or_default();
    match response.extensions().get::<ReadFiles>().map_or(0, |r| r.0) {
        0 => {}
        1 => note.push_str(" (read 1 plan file)"),
        n => note.push_str(&format!(" (read {n} plan files)")),
    }
    eprintln!(
        "planlint: {method} {path} {} {} {} ms{note}",
        response.status().as_u16(),
        size(received),
        started.elapsed().as_millis()
    );
    response
}

/// A byte count as a person reads it: `20 MB`, `2.2 KB`.
pub(crate) fn size(bytes: usize) -> String {
    let one = |n: f64| {
        if n.fract() == 0.0 {
            format!("{n:.0}")
        } else {
            format!("{n:.1}")
        }
    };
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", one(bytes as f64 / 1024.0))
    } else {
        format!("{} MB", one(bytes as f64 / (1024.0 * 1024.0)))
    }
}

/// The host part of a `Host` header or an origin's authority (`[::1]:80` → `::1`).
fn host_name(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    }
}

fn is_loopback_name(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A refusal for a request that does not come from the page itself, if it does not.
fn foreign(context: &Context, req: &Request) -> Option<Response> {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if context.loopback_only {
        if let Some(host) = host {
            if !is_loopback_name(host_name(host)) {
                return Some(api::refusal(
                    StatusCode::FORBIDDEN,
                    "foreign-host",
                    format!("此页面只能在本机用 127.0.0.1 或 localhost 打开，不能用“{host}”"),
                    format!("this page opens only as 127.0.0.1 or localhost on this computer, not as `{host}`"),
                ));
            }
        }
    }
    if req.method() == Method::POST {
        if let Some(origin) = req.headers().get(header::ORIGIN) {
            let origin = origin.to_str().unwrap_or("");
            let same = host.is_some_and(|h| origin.strip_prefix("http://") == Some(h));
            if !same {
                return Some(api::refusal(
                    StatusCode::FORBIDDEN,
                    "foreign-origin",
                    format!("拒绝来自其他网页（{origin}）的上传：请使用本机的审查页面"),
                    format!(
                        "refused an upload from another web page ({origin}): use the review page on this computer"
                    ),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_are_numbers_and_addresses_need_bind() {
        assert_eq!(parse_port("0"), Ok(0));
        assert_eq!(parse_port("8080"), Ok(8080));
        let err = parse_port("0.0.0.0:8080").unwrap_err();
        assert!(err.contains("--bind 0.0.0.0 --port 8080"), "{err}");
        assert!(err.contains("network"), "{err}");
        let err = parse_port("127.0.0.1:8080").unwrap_err();
        assert!(err.contains("--port 8080"), "{err}");
        assert!(parse_port("70000").is_err());
        assert!(parse_port("http").is_err());
    }

    #[test]
    fn bind_takes_addresses_and_localhost() {
        assert_eq!(parse_bind("localhost"), Ok(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        assert_eq!(parse_bind("0.0.0.0"), Ok(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
        assert_eq!(
            parse_bind("[::1]"),
            Ok(IpAddr::V6(std::net::Ipv6Addr::LOCALHOST))
        );
        assert!(parse_bind("example.org").is_err());
    }

    #[test]
    fn host_names_are_read_from_authorities() {
        assert_eq!(host_name("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_name("[::1]:8080"), "::1");
        assert_eq!(host_name("localhost"), "localhost");
        assert!(is_loopback_name(host_name("localhost:1")));
        assert!(is_loopback_name(host_name("127.0.0.2:1")));
        assert!(is_loopback_name(host_name("[::1]:1")));
        assert!(!is_loopback_name(host_name("evil.example:8080")));
        assert!(!is_loopback_name(host_name("192.168.1.10:8080")));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(2048), "2 KB");
        assert_eq!(size(2253), "2.2 KB");
        assert_eq!(size(21 << 20), "21 MB");
        assert_eq!(size((20 << 20) + 1), "20.0 MB");
    }
}
