//! The deployment's configuration, `config.json` next to `index.html`.

use gloo_net::http::Request;
use serde::Deserialize;
use twostep_contract::API_BASE_PATH;

use super::ApiClient;

/// Where the configuration is served, on the app's own origin.
pub const CONFIG_PATH: &str = "/config.json";

/// The body of `config.json`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AppConfig {
    /// The base URL of the REST API, absolute or relative to the app's origin.
    pub api_base_url: String,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig { api_base_url: API_BASE_PATH.to_owned() }
    }
}

/// How long the app waits for one of its own files before going on without it.
const FILE_TIMEOUT_MS: u32 = 10_000;

/// The text of the file at `path` on the app's own origin (`config.json`, a language's words),
/// or why it could not be read within [`FILE_TIMEOUT_MS`].
pub async fn fetch_text(path: &str) -> Result<String, String> {
    let timeout = web_sys::AbortSignal::timeout_with_u32(FILE_TIMEOUT_MS);
    let response = Request::get(path)
        .abort_signal(Some(&timeout))
        .send()
        .await
        .map_err(|error| error.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|error| error.to_string())
}

/// Reads `config.json` and builds the client it describes.
///
/// A deployment without a readable `config.json` talks to `/api/v1` on the app's origin, as the
/// contract says; if the server is unreachable the first API call reports it.
pub async fn load_client() -> ApiClient {
    let config = fetch_text(CONFIG_PATH)
        .await
        .ok()
        .and_then(|text| serde_json::from_str::<AppConfig>(&text).ok())
        .unwrap_or_default();
    ApiClient::new(&config.api_base_url)
}
