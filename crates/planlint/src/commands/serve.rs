//! `planlint serve`: the reviewer's desk. A small HTTP server on this machine with one page,
//! where a reviewer who never opens a terminal drops the submitted document, picks the
//! parent plan, and reads the review report that `planlint report` would write.
//!
//! The server listens on 127.0.0.1 (a free port unless `--port` is given; any other
//! address only with an explicit `--bind`, and then with a warning saying what is exposed)
//! and prints the page's address on standard output. Ctrl-C or SIGTERM stops it. Every
//! request logs one line on standard error: method, path, status, bytes received, time, and
//! what went wrong if anything did.
//!
//! A request must name the server by one `Host` header it knows ([`Hosts`]): on any
//! address, so that a web page elsewhere cannot reach the server through a domain name
//! pointed at it (DNS rebinding). What the server holds is bounded whatever the clients
//! do: connections ([`MAX_CONNECTIONS`]; one more is answered 503 and closed), memory in
//! request bodies ([`MAX_BODY_MEMORY`], across all requests; an upload past it is answered
//! 503), and checks running at once ([`MAX_CHECKS`], which never hold up `/api/plans` or
//! the page).
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

/// Connections open at once. A browser opens six or so; a desk serves a few reviewers.
pub const MAX_CONNECTIONS: usize = 64;

/// Bytes of request bodies held at once, across all requests: a few uploads at the
/// largest size.
pub const MAX_BODY_MEMORY: usize = 3 * MAX_UPLOAD_BYTES;

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
    /// Host names accepted besides the bind address and this computer's (`--allow-host`).
    pub allow_hosts: Vec<String>,
    pub max_connections: usize,
    pub max_body_memory: usize,
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
    /// The names a request may call the server by.
    pub hosts: Hosts,
    /// Memory for request bodies, in KB, shared by all requests: a body holds its share
    /// until its request is answered.
    pub bodies: Arc<tokio::sync::Semaphore>,
    /// Checks (and imports) running; `/api/plans` and the page do not wait for them.
    pub checks: Arc<tokio::sync::Semaphore>,
}

/// The names a request may give in its `Host` header: this computer's own (`localhost`, a
/// loopback address), the address the server listens on (any IP address when it listens
/// on all of them: an address is not a name a web page elsewhere can point at this
/// server), and the names given with `--allow-host`.
#[derive(Debug)]
pub(crate) struct Hosts {
    bind: IpAddr,
    names: Vec<String>,
}

impl Hosts {
    pub(crate) fn new(bind: IpAddr, names: &[String]) -> Hosts {
        Hosts {
            bind,
            names: names.iter().map(|n| normal_name(n)).collect(),
        }
    }

    /// Whether `host` (the host part of a `Host` header) names this server.
    fn allows(&self, host: &str) -> bool {
        if is_loopback_name(host) {
            return true;
        }
        if let Ok(ip) = host.parse::<IpAddr>() {
            return ip == self.bind || self.bind.is_unspecified();
        }
        let host = normal_name(host);
        self.names.contains(&host)
    }

    /// The names accepted, as the warning and a refusal list them.
    fn listed(&self, lang: Lang) -> String {
        let mut listed = vec!["localhost".to_string()];
        if self.bind.is_unspecified() {
            listed.push(match lang {
                Lang::Zh => "本机的任一 IP 地址".to_string(),
                Lang::En => "any IP address of this computer".to_string(),
            });
        } else {
            listed.push(self.bind.to_string());
        }
        listed.extend(self.names.iter().cloned());
        match lang {
            Lang::Zh => listed.join("、"),
            Lang::En => listed.join(", "),
        }
    }
}

/// A host name as compared: lower case, without the final dot of a fully qualified name.
fn normal_name(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
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
    let hosts = Hosts::new(ip, &args.allow_hosts);
    let cannot_start = |err: std::io::Error| {
        say(
            lang,
            format!("无法启动：{err}"),
            format!("cannot start: {err}"),
        );
        ExitCode::from(2)
    };
    // The blocking pool runs the checks (at most MAX_CHECKS, by `Context::checks`) and the
    // short work of `/api/plans`, which must find a thread while checks run.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(MAX_CHECKS + 4)
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
    if !ip.is_loopback() {
        let (names_zh, names_en) = (hosts.listed(Lang::Zh), hosts.listed(Lang::En));
        say(
            lang,
            format!(
                "警告：正在监听 {local}，网络中能访问该地址的任何人无需登录即可打开此页面，看到规划仓库 {} 中所有规划的 id、标题、地区和文件名，并上传文件进行审查；通信未加密。只接受以 {names_zh} 访问的请求（可用 --allow-host 增加名称）。只在可信的网络中这样做",
                discover::display(&root)
            ),
            format!(
                "warning: listening on {local}: anyone who can reach this address can, without logging in, open this page, see the id, title, region and file of every plan in the repository {}, and upload files to be checked; nothing is encrypted. Requests are accepted only as {names_en} (add names with --allow-host). Do this only on a network you trust",
                discover::display(&root)
            ),
        );
    }
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
        hosts,
        bodies: Arc::new(tokio::sync::Semaphore::new(
            args.max_body_memory.div_ceil(1024),
        )),
        checks: Arc::new(tokio::sync::Semaphore::new(MAX_CHECKS)),
    });
    runtime.block_on(serve(listener, context, args.max_connections));
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

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Accepts connections until Ctrl-C or SIGTERM. Each connection is served by hyper's
/// HTTP/1 server with a header timeout (which also closes a connection left idle); a
/// connection that fails ends alone. Past `max_connections` open, a new connection is
/// answered 503 at once and closed, so that it neither waits unseen nor holds anything.
async fn serve(listener: tokio::net::TcpListener, context: Arc<Context>, max_connections: usize) {
    let app = router(context.clone());
    let open = Arc::new(tokio::sync::Semaphore::new(max_connections));
    let mut stop = std::pin::pin!(stopped());
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
        let Ok(permit) = open.clone().try_acquire_owned() else {
            eprintln!(
                "planlint: connection from {peer} refused: {max_connections} connections are open"
            );
            tokio::spawn(too_many_connections(stream));
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let timeout = context.read_timeout;
        tokio::spawn(async move {
            let _permit = permit;
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

/// The answer to a connection over the limit, written by hand (hyper is not involved: the
/// request is not read), within a second.
async fn too_many_connections(mut stream: tokio::net::TcpStream) {
    let body = serde_json::json!({ "error": {
        "code": "server-busy",
        "zh": "服务器当前连接过多，请稍后重试。",
        "en": "The server has too many connections open; try again in a moment.",
    }})
    .to_string();
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 5\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let mut rest = answer.as_bytes();
        while !rest.is_empty() {
            stream.writable().await?;
            match stream.try_write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(err) => return Err(err),
            }
        }
        // Done writing; what the client sent is read and dropped until it closes, so that
        // closing with its request unread does not reset the connection before it reads
        // the answer.
        std::future::poll_fn(|cx| {
            tokio::io::AsyncWrite::poll_shutdown(std::pin::Pin::new(&mut stream), cx)
        })
        .await?;
        let mut sink = [0u8; 4096];
        loop {
            stream.readable().await?;
            match stream.try_read(&mut sink) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(err) => return Err(err),
            }
        }
    })
    .await;
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

/// Refuses requests that do not come from the page (a `Host` that is not one of
/// [`Hosts`], and a POST whose `Origin` is another site), then logs one line for every
/// request.
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
    let mut hosts = req.headers().get_all(header::HOST).iter();
    let (first, more) = (hosts.next(), hosts.next().is_some());
    let bad_host = |zh: &str, en: &str| {
        Some(api::refusal(
            StatusCode::BAD_REQUEST,
            "bad-host",
            format!("请求{zh}，不予受理；请在浏览器中打开审查页面"),
            format!("the request {en}, and is refused; open the review page in a browser"),
        ))
    };
    let host = match (first, more) {
        (None, _) => return bad_host("没有 Host 头", "has no Host header"),
        (Some(_), true) => return bad_host("有多个 Host 头", "has several Host headers"),
        // `to_str` takes visible ASCII only: a name in any other bytes is refused.
        (Some(value), false) => match value.to_str() {
            Ok(host) => host,
            Err(_) => {
                return bad_host(
                    "的 Host 头含有非 ASCII 字节",
                    "has a Host header that is not ASCII",
                )
            }
        },
    };
    if !context.hosts.allows(host_name(host)) {
        return Some(api::refusal(
            StatusCode::FORBIDDEN,
            "foreign-host",
            format!(
                "此页面只能以 {} 打开，不能用“{host}”",
                context.hosts.listed(Lang::Zh)
            ),
            format!(
                "this page opens only as {}, not as `{host}`",
                context.hosts.listed(Lang::En)
            ),
        ));
    }
    let host = Some(host);
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
    fn hosts_are_this_computer_the_bind_address_and_the_names_given() {
        let v4 = |a, b, c, d| IpAddr::V4(Ipv4Addr::new(a, b, c, d));
        let loopback = Hosts::new(v4(127, 0, 0, 1), &[]);
        assert!(loopback.allows("localhost") && loopback.allows("127.0.0.1"));
        assert!(!loopback.allows("192.168.1.10") && !loopback.allows("evil.example"));
        let one = Hosts::new(v4(192, 168, 1, 10), &["Desk.Office.".to_string()]);
        assert!(one.allows("192.168.1.10") && one.allows("::1"));
        assert!(one.allows("desk.office") && one.allows("DESK.OFFICE."));
        assert!(!one.allows("192.168.1.11") && !one.allows("desk.office.evil"));
        let all = Hosts::new(v4(0, 0, 0, 0), &[]);
        assert!(all.allows("10.0.0.5") && all.allows("fe80::1"));
        assert!(!all.allows("evil.example") && !all.allows(""));
        assert_eq!(one.listed(Lang::En), "localhost, 192.168.1.10, desk.office");
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
