//! A minimal HTTP/1.1 client on hyper, for the API-level checks and for polling WebDriver.

use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// A response, read in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The response headers, names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl Answer {
    /// The first value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The `name=value` pair of the cookie `name` that the answer sets (a `Set-Cookie` header
    /// with a value; one that clears the cookie does not count).
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case("set-cookie"))
            .filter_map(|(_, value)| value.split(';').next())
            .find(|pair| {
                pair.split_once('=')
                    .is_some_and(|(key, value)| key.trim() == name && !value.is_empty())
            })
            .map(|pair| pair.trim().to_owned())
    }

    /// The body parsed as JSON.
    ///
    /// # Panics
    /// If the body is not JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| {
            panic!("expected a JSON body ({error}), got {} {:?}", self.status, self.body)
        })
    }
}

/// Sends `GET url` with extra `headers`.
///
/// # Errors
/// A description of the failure if the request could not be made or the answer not read.
pub async fn get(url: &str, headers: &[(&str, &str)]) -> Result<Answer, String> {
    send("GET", url, headers, None).await
}

/// Sends one request; `body` is sent as `application/json` when given, unless `headers` name
/// another `content-type`.
///
/// # Errors
/// A description of the failure if the request could not be made or the answer not read.
pub async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> Result<Answer, String> {
    let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let mut request = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let typed = headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    if body.is_some() && !typed {
        request = request.header("content-type", "application/json");
    }
    let request = request
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .map_err(|error| format!("{method} {url}: {error}"))?;
    let response =
        client.request(request).await.map_err(|error| format!("{method} {url}: {error}"))?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
        })
        .collect();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|error| format!("{method} {url}: reading the body: {error}"))?
        .to_bytes();
    Ok(Answer { status, headers, body: String::from_utf8_lossy(&body).into_owned() })
}
