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

/// Reads `config.json` and builds the client it describes.
///
/// A deployment without a readable `config.json` talks to `/api/v1` on the app's origin, as the
/// contract says; if the server is unreachable the first API call reports it.
pub async fn load_client() -> ApiClient {
    let config = match Request::get(CONFIG_PATH).send().await {
        Ok(response) if response.ok() => response.json::<AppConfig>().await.unwrap_or_default(),
        _ => AppConfig::default(),
    };
    ApiClient::new(&config.api_base_url)
}
