//! Serving the built single-page app: static files from the dist directory, `index.html` for
//! every other non-API path (client-side routes), and a 503 page when the console is not built.

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::Error;
use crate::state::AppState;

/// The policy sent with every answer that is not the console's page.
pub const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The built console in a directory.
#[derive(Clone, Debug)]
pub struct Spa {
    dist_dir: PathBuf,
    files: ServeDir,
}

impl Spa {
    /// Serves the console built into `dist_dir`.
    pub fn new(dist_dir: PathBuf) -> Self {
        let files = ServeDir::new(&dist_dir).append_index_html_on_directories(false);
        Spa { dist_dir, files }
    }

    /// Whether `index.html` is there (checked again at each request; the console may be built
    /// while the server runs).
    pub fn is_built(&self) -> bool {
        self.dist_dir.join("index.html").is_file()
    }

    async fn index(&self, method: &Method) -> Response {
        let html = match tokio::fs::read_to_string(self.dist_dir.join("index.html")).await {
            Ok(html) => html,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return not_built(),
            Err(e) => {
                return Error::Internal(format!(
                    "cannot read {}/index.html: {e}",
                    self.dist_dir.display()
                ))
                .into_response();
            }
        };
        let csp = content_security_policy(&html);
        let body = if method == Method::HEAD { Body::empty() } else { Body::from(html) };
        let mut response = (StatusCode::OK, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if let Ok(csp) = HeaderValue::from_str(&csp) {
            headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
        response
    }
}

/// The fallback of the router: API paths that matched no route, then the console's files.
pub async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if path == "/api" || path.starts_with("/api/") {
        return Error::NotFound(format!(
            "There is no API endpoint at {path}. The API is described at /api/v1/openapi.json."
        ))
        .into_response();
    }
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let mut response = Error::MethodNotAllowed.into_response();
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let spa = &state.spa;
    if path == "/" || path == "/index.html" {
        return spa.index(&method).await;
    }
    let response = match spa.files.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return spa.index(&method).await;
    }
    let mut response = response.map(Body::new);
    if response.status().is_success() {
        let name = path.rsplit('/').next().unwrap_or_default();
        let cache = if name == "config.json" || name.ends_with(".html") {
            "no-cache"
        } else if is_hashed(name) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}

/// The 503 page shown when the console has not been built into the dist directory.
fn not_built() -> Response {
    let html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>Twostep Admin is not built</title></head><body>\
        <h1>The console has not been built</h1>\
        <p>The server found no <code>index.html</code> in its dist directory \
        (<code>TWOSTEP_DIST_DIR</code>). Run <code>cargo xtask run</code> to build the console \
        and start the server.</p><p>The API answers at <a href=\"/api/v1/health\">/api/v1</a>.</p>\
        </body></html>\n";
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Whether a file name carries a content hash (as Trunk names its outputs, such as
/// `app-9f8e7d6c5b4a3f21_bg.wasm`), so that it may be cached for good.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    stem.split(['-', '_'])
        .any(|part| part.len() >= 16 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The Content-Security-Policy of the console's page: its own origin only, WebAssembly
/// compilation, and exactly the inline scripts and style blocks `index.html` contains (by hash).
/// No `style` attribute: components set their dynamic styles through the CSSOM
/// (`style.setProperty`), which the policy does not restrict.
pub fn content_security_policy(index_html: &str) -> String {
    let scripts = inline_hashes(index_html, "script");
    let styles = inline_hashes(index_html, "style");
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; \
         style-src-attr 'none'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// ` 'sha256-…'` for every inline `<tag>` element (a `<script src>` is not inline).
fn inline_hashes(html: &str, tag: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut hashes = String::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find(&open).map(|i| i + from) {
        let after_name = start + open.len();
        let Some(tag_end) = lower[after_name..].find('>').map(|i| i + after_name) else { break };
        let attributes = &lower[after_name..tag_end];
        let is_element =
            attributes.is_empty() || attributes.starts_with(|c: char| c.is_ascii_whitespace());
        let Some(end) = lower[tag_end..].find(&close).map(|i| i + tag_end) else { break };
        if is_element && !(tag == "script" && has_src(attributes)) {
            let content = &html[tag_end + 1..end];
            let digest = STANDARD.encode(Sha256::digest(content.as_bytes()));
            hashes.push_str(&format!(" 'sha256-{digest}'"));
        }
        from = end + close.len();
    }
    hashes
}

fn has_src(attributes: &str) -> bool {
    attributes.split(|c: char| c.is_ascii_whitespace()).any(|a| a == "src" || a.starts_with("src="))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<html><head><script type="module">import init from '/app.js';await init();</script>
            <script src="/other.js"></script><style>body{color:red}</style></head></html>"#;
        let csp = content_security_policy(html);
        let expected = STANDARD.encode(Sha256::digest(b"import init from '/app.js';await init();"));
        assert!(
            csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}';")),
            "{csp}"
        );
        assert_eq!(csp.matches("sha256-").count(), 2, "{csp}");
        let script_src = csp.split("; ").find(|d| d.starts_with("script-src ")).unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "no inline style attributes either: {csp}");
        assert!(csp.contains("; style-src-attr 'none';"), "{csp}");
    }

    #[test]
    fn trunk_names_are_recognised_as_hashed() {
        assert!(is_hashed("twostep-admin-9f8e7d6c5b4a3f21_bg.wasm"));
        assert!(is_hashed("style-0123456789abcdef.css"));
        assert!(!is_hashed("favicon.ico"));
        assert!(!is_hashed("config.json"));
    }
}
