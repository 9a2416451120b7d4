//! A request of the contract being put together, sent to exactly the address it was given.
//!
//! `gloo_net`'s request builder appends its own query parameters to those of the address with
//! a `&`, even when it has none, so an address with a query went out as `/members?page=2&`.
//! The client's addresses already hold their query (written once, by the contract's
//! `query_string`), so this builder hands the address to `fetch` unchanged.

use gloo_net::http::Request;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{Headers, RequestCredentials, RequestInit};

use super::ApiError;

/// A request's method, address (query included) and headers, before its body.
pub(super) struct Outgoing {
    method: &'static str,
    url: String,
    headers: Vec<(&'static str, String)>,
}

impl Outgoing {
    fn new(method: &'static str, url: &str) -> Outgoing {
        Outgoing { method, url: url.to_owned(), headers: Vec::new() }
    }

    /// A `GET` of `url`.
    pub(super) fn get(url: &str) -> Outgoing {
        Outgoing::new("GET", url)
    }

    /// A `POST` to `url`.
    pub(super) fn post(url: &str) -> Outgoing {
        Outgoing::new("POST", url)
    }

    /// A `PUT` to `url`.
    pub(super) fn put(url: &str) -> Outgoing {
        Outgoing::new("PUT", url)
    }

    /// A `PATCH` of `url`.
    pub(super) fn patch(url: &str) -> Outgoing {
        Outgoing::new("PATCH", url)
    }

    /// A `DELETE` of `url`.
    pub(super) fn delete(url: &str) -> Outgoing {
        Outgoing::new("DELETE", url)
    }

    /// The request with header `name` set to `value`.
    pub(super) fn header(mut self, name: &'static str, value: &str) -> Outgoing {
        self.headers.push((name, value.to_owned()));
        self
    }

    /// The request without a body, with the cookies of the API's origin.
    pub(super) fn build(self) -> Result<Request, ApiError> {
        self.finish(None)
    }

    /// The request with `body` as its JSON body.
    pub(super) fn json<T: Serialize + ?Sized>(self, body: &T) -> Result<Request, ApiError> {
        let body = serde_json::to_string(body)
            .map_err(|error| ApiError::Network(format!("the request was not sent: {error}")))?;
        self.header("Content-Type", "application/json").finish(Some(body))
    }

    fn finish(self, body: Option<String>) -> Result<Request, ApiError> {
        let init = RequestInit::new();
        init.set_method(self.method);
        init.set_credentials(RequestCredentials::Include);
        let headers = Headers::new().map_err(not_sent)?;
        for (name, value) in &self.headers {
            headers.set(name, value).map_err(not_sent)?;
        }
        init.set_headers(&headers);
        if let Some(body) = body {
            init.set_body(&JsValue::from_str(&body));
        }
        web_sys::Request::new_with_str_and_init(&self.url, &init)
            .map(Request::from)
            .map_err(not_sent)
    }
}

/// A request the browser refused to build, as the error of a request that was not sent.
fn not_sent(error: JsValue) -> ApiError {
    let reason = error.as_string().unwrap_or_else(|| format!("{error:?}"));
    ApiError::Network(format!("the request was not sent: {reason}"))
}
