//! The desk's view of its whole repository: `GET /overview` (the overview page, each plan
//! linked to `GET /report/{id}`, its full report), and `GET /overview.xlsx` (the workbook);
//! and the review opinion of an upload, which `/api/check` returns beside the report as a
//! .docx in base64 ([`base64`]).
//!
//! The repository is checked as `planlint report <root>` checks it, from its files as they
//! are now. The pages are served with the desk's policy: their inline stylesheet is
//! allowed, scripts are not, and they need none (the overview filters and sorts in CSS).

use super::api::{refusal, static_response};
use super::Context;
use crate::repo;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use planlint_diagnostics::Lang;
use std::sync::Arc;

/// `?lang=en` chooses the language; the page's own otherwise.
fn lang(context: &Context, uri: &Uri) -> Lang {
    let query = uri.query().unwrap_or_default();
    if query.split('&').any(|p| p == "lang=en") {
        Lang::En
    } else if query.split('&').any(|p| p == "lang=zh") {
        Lang::Zh
    } else {
        context.page_lang
    }
}

/// The repository checked, and the reports and overview of every plan in it.
fn checked(
    context: &Context,
) -> (
    repo::Checked,
    Vec<planlint_report::Report>,
    planlint_report::Overview,
) {
    let checked = repo::run(&repo::Options {
        paths: vec![context.root.clone()],
        catalogs: context.catalogs.clone(),
        rule_dirs: context.rule_dirs.clone(),
        name_from: Some(context.root.clone()),
        ..repo::Options::default()
    });
    let diagnostics = checked.outcome.diagnostics();
    let scope = context
        .root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| crate::discover::display(&context.root));
    let (reports, overview) =
        crate::overview::of(&checked, diagnostics, &scope, planlint_report::Detail::Full);
    (checked, reports, overview)
}

/// A plan id as a path segment of `/report/{id}`.
fn segment(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Runs a check of the whole repository on the blocking pool, in one of the places the
/// desk keeps for checks (`Context::checks`), so that `/api/plans` and the page never wait
/// for a thread behind them.
async fn on_pool(
    places: Arc<tokio::sync::Semaphore>,
    work: impl FnOnce() -> Response + Send + 'static,
) -> Response {
    let Ok(_place) = places.acquire().await else {
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "内部错误，请重试".to_string(),
            "internal error; try again".to_string(),
        );
    };
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "内部错误，请重试".to_string(),
            "internal error; try again".to_string(),
        )
    })
}

/// `GET /overview`: the overview of the repository.
pub(crate) async fn page(State(context): State<Arc<Context>>, uri: Uri) -> Response {
    on_pool(context.checks.clone(), move || {
        let lang = lang(&context, &uri);
        let (_, _, overview) = checked(&context);
        let suffix = if lang == context.page_lang {
            String::new()
        } else {
            format!("?lang={}", if lang == Lang::En { "en" } else { "zh" })
        };
        let link = |row: &planlint_report::PlanRow| {
            row.plan
                .as_ref()
                .filter(|p| !p.id.is_empty())
                .map(|p| format!("/report/{}{suffix}", segment(&p.id)))
        };
        let html = planlint_report::overview_html(&overview, lang, &link);
        static_response("text/html; charset=utf-8", html)
    })
    .await
}

/// `GET /overview.xlsx`: the workbook of the repository.
pub(crate) async fn workbook(State(context): State<Arc<Context>>, uri: Uri) -> Response {
    on_pool(context.checks.clone(), move || {
        let lang = lang(&context, &uri);
        let (_, reports, overview) = checked(&context);
        match planlint_report::xlsx(&overview, &reports, lang) {
            Ok(bytes) => {
                let name = match lang {
                    Lang::Zh => "%E5%AE%A1%E6%9F%A5%E6%80%BB%E8%A7%88.xlsx",
                    Lang::En => "overview.xlsx",
                };
                let mut response = bytes.into_response();
                let headers = response.headers_mut();
                headers.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ),
                );
                if let Ok(value) = HeaderValue::from_str(&format!(
                    "attachment; filename=\"overview.xlsx\"; filename*=UTF-8''{name}"
                )) {
                    headers.insert(header::CONTENT_DISPOSITION, value);
                }
                headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                response
            }
            Err(why) => refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "workbook",
                format!("无法生成 Excel 文件：{why}"),
                format!("cannot make the workbook: {why}"),
            ),
        }
    })
    .await
}

/// `GET /report/{id}`: the full report of a plan of the repository.
pub(crate) async fn report(
    State(context): State<Arc<Context>>,
    UrlPath(id): UrlPath<String>,
    uri: Uri,
) -> Response {
    on_pool(context.checks.clone(), move || {
        let lang = lang(&context, &uri);
        let (_, reports, _) = checked(&context);
        match reports
            .iter()
            .find(|r| r.plan.as_ref().is_some_and(|p| p.id == id))
        {
            Some(report) => static_response(
                "text/html; charset=utf-8",
                planlint_report::html(report, lang),
            ),
            None => refusal(
                StatusCode::NOT_FOUND,
                "unknown-plan",
                format!("规划仓库中没有 id 为“{id}”的规划"),
                format!("the plan repository has no plan with the id `{id}`"),
            ),
        }
    })
    .await
}

/// Bytes in base64 (RFC 4648, with padding), for a file the page downloads from JSON.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_the_standard_one() {
        for (bytes, text) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"fooba", "Zm9vYmE="),
            (b"foobar", "Zm9vYmFy"),
            (&[0xFF, 0xFE, 0x00], "//4A"),
        ] {
            assert_eq!(base64(bytes), text);
        }
    }

    #[test]
    fn ids_are_safe_path_segments() {
        assert_eq!(segment("nm-alxa-health-14"), "nm-alxa-health-14");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
    }
}
