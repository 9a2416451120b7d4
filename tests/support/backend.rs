//! A stand-in backend at the browser's `fetch`: it records every request the console sends, as
//! the address it went to, and answers each as a test says, so that a test sees the requests
//! and the answers exactly as a backend would.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::window;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise, js_sys};
use web_sys::{Headers, Request, Response, ResponseInit};

/// A request as the backend received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path and query, as sent (`/api/v1/members?page=2`).
    pub path_and_query: String,
    /// The body, as text (empty when there is none).
    pub body: String,
    /// The headers, names in lower case.
    pub headers: Vec<(String, String)>,
}

impl Received {
    /// The value of header `name` (in any case), if it was sent.
    pub fn header(&self, name: &str) -> Option<String> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(key, _)| *key == name).map(|(_, value)| value.clone())
    }
}

/// An answer of the stand-in.
#[derive(Clone, Debug)]
pub struct Answer {
    status: u16,
    content_type: &'static str,
    body: String,
}

impl Answer {
    /// A JSON answer with status `status`.
    pub fn json(status: u16, body: serde_json::Value) -> Answer {
        Answer { status, content_type: "application/json", body: body.to_string() }
    }

    /// A JSON answer with status `status` whose body is `body` exactly as written (a static file).
    pub fn file(status: u16, body: &str) -> Answer {
        Answer { status, content_type: "application/json", body: body.to_owned() }
    }

    /// A problem details answer (RFC 9457) with status `status`.
    pub fn problem(status: u16, body: serde_json::Value) -> Answer {
        Answer { status, content_type: "application/problem+json", body: body.to_string() }
    }
}

type Responder = Rc<dyn Fn(&Received) -> Answer>;

/// The stand-in, installed as `window.fetch` until it is dropped.
pub struct Backend {
    received: Rc<RefCell<Vec<Received>>>,
    responder: Rc<RefCell<Responder>>,
    original_fetch: JsValue,
    _fetch: Closure<dyn FnMut(JsValue, JsValue) -> js_sys::Promise>,
}

impl Backend {
    /// Replaces `window.fetch` with a backend that answers every request with `answer`.
    pub fn install(answer: impl Fn(&Received) -> Answer + 'static) -> Backend {
        let received = Rc::new(RefCell::new(Vec::new()));
        let responder: Rc<RefCell<Responder>> = Rc::new(RefCell::new(Rc::new(answer)));
        let fetch = {
            let received = Rc::clone(&received);
            let responder = Rc::clone(&responder);
            Closure::<dyn FnMut(JsValue, JsValue) -> js_sys::Promise>::new(
                move |input: JsValue, _init: JsValue| {
                    let received = Rc::clone(&received);
                    let responder = Rc::clone(&*responder.borrow());
                    future_to_promise(async move {
                        let request: Request = input.dyn_into()?;
                        let body = JsFuture::from(request.text()?).await?;
                        let origin = window().location().origin()?;
                        let url = request.url();
                        let seen = Received {
                            method: request.method(),
                            path_and_query: url.strip_prefix(&origin).unwrap_or(&url).to_owned(),
                            body: body.as_string().unwrap_or_default(),
                            headers: header_pairs(&request.headers())?,
                        };
                        received.borrow_mut().push(seen.clone());
                        let answer = responder(&seen);
                        let headers = Headers::new()?;
                        headers.set("Content-Type", answer.content_type)?;
                        let init = ResponseInit::new();
                        init.set_status(answer.status);
                        init.set_headers(&headers);
                        let response =
                            Response::new_with_opt_str_and_init(Some(&answer.body), &init)?;
                        Ok(response.into())
                    })
                },
            )
        };
        let window: JsValue = window().into();
        let original_fetch = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), fetch.as_ref()).unwrap();
        Backend { received, responder, original_fetch, _fetch: fetch }
    }

    /// From now on, answers every request with `answer`.
    pub fn answer_with(&self, answer: impl Fn(&Received) -> Answer + 'static) {
        *self.responder.borrow_mut() = Rc::new(answer);
    }

    /// Every request received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.received.borrow().clone()
    }

    /// The requests received so far whose path (without the query) is `path`.
    pub fn received_at(&self, path: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|request| request.path_and_query.split('?').next() == Some(path))
            .collect()
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        let window: JsValue = window().into();
        js_sys::Reflect::set(&window, &"fetch".into(), &self.original_fetch).unwrap();
    }
}

/// Every header of `headers`, as name and value.
fn header_pairs(headers: &Headers) -> Result<Vec<(String, String)>, JsValue> {
    let mut pairs = Vec::new();
    for entry in js_sys::try_iter(headers)?.into_iter().flatten() {
        let entry: js_sys::Array = entry?.dyn_into()?;
        let text = |index| entry.get(index).as_string().unwrap_or_default();
        pairs.push((text(0), text(1)));
    }
    Ok(pairs)
}
