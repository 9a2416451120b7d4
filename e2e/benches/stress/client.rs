//! A small HTTP/1.1 client for the stress runs: every request has a time limit, may leave from
//! a chosen loopback address, and reports what came of it instead of panicking.

use std::future::Future;
use std::net::IpAddr;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{HeaderMap, Request};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// What one request came to.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status code, or why there is none (`timeout`, `connect failed`, `connection error`).
    pub outcome: Result<u16, &'static str>,
    /// From sending the request to the end of the answer's body (or to the failure).
    pub elapsed: Duration,
    /// The answer's headers.
    pub headers: HeaderMap,
    /// The answer's body.
    pub body: Bytes,
}

impl Reply {
    /// The status code as text, or why there is none: one bucket of a count of answers.
    pub fn label(&self) -> String {
        match self.outcome {
            Ok(status) => status.to_string(),
            Err(why) => why.to_owned(),
        }
    }

    /// The value of header `name`, if the answer has it as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// `200 in 12 ms`, `timeout in 15.0 s`.
    pub fn describe(&self) -> String {
        format!("{} in {}", self.label(), crate::report::duration(self.elapsed))
    }
}

/// A client of one server. Its pooled connections belong to the Tokio runtime that made them:
/// use one `Http` within one runtime.
#[derive(Debug)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    base_url: String,
}

impl Http {
    /// A client of the server at `base_url` whose connections leave from `source` (an address
    /// of the loopback interface, like 127.0.0.2), or from the system's choice.
    pub fn new(base_url: &str, source: Option<IpAddr>) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_local_address(source);
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Self { client, base_url: base_url.to_owned() }
    }

    /// Sends `method path` with `headers` and an optional JSON `body`, giving up after `limit`.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
        limit: Duration,
    ) -> Reply {
        let began = Instant::now();
        let exchange = self.exchange(method, path, headers, body);
        let (outcome, headers, body) = match tokio::time::timeout(limit, exchange).await {
            Ok(Ok((status, headers, body))) => (Ok(status), headers, body),
            Ok(Err(why)) => (Err(why), HeaderMap::new(), Bytes::new()),
            Err(_) => (Err("timeout"), HeaderMap::new(), Bytes::new()),
        };
        Reply { outcome, elapsed: began.elapsed(), headers, body }
    }

    async fn exchange(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<String>,
    ) -> Result<(u16, HeaderMap, Bytes), &'static str> {
        let mut request = Request::builder().method(method).uri(format!("{}{path}", self.base_url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let request = request
            .body(Full::new(Bytes::from(body.unwrap_or_default())))
            .map_err(|_| "invalid request")?;
        let response = self.client.request(request).await.map_err(|error| {
            if error.is_connect() { "connect failed" } else { "connection error" }
        })?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(|_| "body cut off")?.to_bytes();
        Ok((parts.status.as_u16(), parts.headers, body))
    }
}

/// Runs `future` to its end on a new single-threaded Tokio runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("cannot build a Tokio runtime")
        .block_on(future)
}

/// One request from a client of its own (a new connection), waited for.
pub fn once(
    base_url: &str,
    source: Option<IpAddr>,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
    limit: Duration,
) -> Reply {
    block_on(async { Http::new(base_url, source).send(method, path, headers, body, limit).await })
}
