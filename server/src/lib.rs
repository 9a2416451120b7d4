//! The Twostep Admin reference backend: the REST contract v1 over SQLite, and the console's
//! files on the same origin.
//!
//! [`app`] opens (and on first start seeds) the database and builds the router; [`run`] also
//! binds the listening socket, announces it on stdout and serves until Ctrl-C or SIGTERM.
//!
//! Requests go through [`routes`] (read, check who may act, answer) to [`data`], which holds
//! every SQL statement; [`contract`](twostep_contract) types are what both speak.

#![warn(missing_docs)]

pub mod auth;
pub mod client;
pub mod code;
pub mod conditional;
pub mod config;
pub mod csv;
pub mod data;
pub mod db;
pub mod error;
pub mod json;
pub mod openapi;
pub mod path;
pub mod query;
pub mod routes;
mod security;
pub mod serve;
pub mod spa;
pub mod state;
pub mod sweeper;
pub mod two_step;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub use config::{Cli, CodeArgs, Command, Config, GenerateArgs, Limits};
pub use error::{Error, Result};
pub use serve::serve;
pub use state::AppState;

/// A server ready to serve: its router, its database, and what start-up should tell people.
#[derive(Debug)]
pub struct App {
    /// The complete router (API, console files, headers, compression, tracing).
    pub router: Router,
    /// The database the router uses.
    pub db: db::Db,
    /// Set when this start seeded the demo.
    pub seeded: Option<data::seed::Seeded>,
    /// The file that holds a generated demo password, when the demo was ever seeded with one.
    pub credentials_file: PathBuf,
    /// Whether the demo password was given in the settings.
    pub demo_password_configured: bool,
    /// The account holder to sign in as: the demo's master administrator, or the first
    /// organization's account holder in a generated database; `None` in an empty one.
    pub sign_in_email: Option<String>,
    /// The shared state the router was built over (the secret key, the sender, ...).
    pub state: AppState,
}

/// Opens and migrates the database, seeds the demo when it is empty, and builds the router.
///
/// Approval links start with the configured public URL, or else `http://<config.listen>`;
/// [`run`] passes the address actually bound.
pub async fn app(config: &Config) -> Result<App> {
    let public_url = match &config.public_url {
        Some(url) => url.clone(),
        None => format!("http://{}", visible(config.listen)),
    };
    app_at(config, public_url).await
}

async fn app_at(config: &Config, public_url: String) -> Result<App> {
    let data_dir = config::data_dir(&config.database_path);
    let secret_key = config.secret_key.clone();
    let key_file = config::key_file(&config.database_path);
    std::fs::create_dir_all(&data_dir).map_err(|e| {
        Error::io(format!("cannot create the data directory {}", data_dir.display()), e)
    })?;
    let secrets = two_step::Secrets::load(secret_key.as_deref(), &key_file)?;
    let db = db::open_with(&config.database_path, config.limits.busy_timeout).await?;
    let seeded =
        data::seed::seed_if_empty(&db, config.demo_password.as_deref(), &data_dir, &secrets)
            .await?;
    sweeper::spawn(db.clone());
    tokio::task::spawn_blocking(auth::password::dummy_hash)
        .await
        .map_err(|e| Error::Internal(format!("dummy hash task: {e}")))?;
    let sender: two_step::outbox::SharedSender =
        Arc::new(two_step::outbox::FileOutbox::new(config.outbox_dir.clone()));
    let state = AppState {
        db: db.clone(),
        spa: Arc::new(spa::Spa::new(config.dist_dir.clone())),
        secrets,
        sender,
        public_url: public_url.into(),
        approval_wait: state::APPROVAL_WAIT,
        limits: Arc::new(config.limits.clone()),
        password_checks: auth::password::PasswordChecks::new(config.limits.password_checks)?,
        exports: Arc::new(tokio::sync::Semaphore::new(config.limits.max_exports)),
    };
    if !state.spa.is_built() {
        tracing::warn!(
            dist_dir = %config.dist_dir.display(),
            "the console is not built; run `cargo xtask run` to build it"
        );
    }
    let sign_in_email = data::members::account_holder_email(&db).await?;
    Ok(App {
        sign_in_email,
        router: router(state.clone()),
        state,
        db,
        seeded,
        credentials_file: data_dir.join(data::seed::CREDENTIALS_FILE),
        demo_password_configured: config.demo_password.is_some(),
    })
}

/// The router over a prepared state.
pub fn router(state: AppState) -> Router {
    let api = routes::api()
        .route("/openapi.json", axum::routing::get(openapi::openapi_json))
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed.into_response() })
        .layer(DefaultBodyLimit::max(json::BODY_LIMIT));
    let https = security::is_https(&state.public_url);
    let router = Router::new()
        .nest(twostep_contract::API_BASE_PATH, api)
        .fallback(spa::fallback)
        .layer(axum::middleware::from_fn_with_state(state.clone(), serve::body::read_whole))
        .with_state(state);
    security::headers(router, https)
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(TraceLayer::new_for_http())
}

/// Starts the server and serves until Ctrl-C or SIGTERM.
///
/// Prints `Twostep Admin listening on http://<bound address>` to stdout once the socket is
/// bound, then where to sign in.
pub async fn run(config: Config) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| Error::Bind { addr: config.listen, source })?;
    let addr = listener.local_addr().map_err(|e| Error::io("cannot read the bound address", e))?;
    let public_url = match &config.public_url {
        Some(url) => url.clone(),
        None => format!("http://{}", visible(addr)),
    };
    let app = app_at(&config, public_url).await?;
    let shutdown = shutdown_signal();
    serve::raise_open_file_limit(config.limits.max_connections);
    announce(&app, addr, &config.outbox_dir);
    serve(listener, app.router, app.state.limits.clone(), shutdown).await?;
    tracing::info!("stopped");
    Ok(())
}

/// `addr` as a browser on this machine reaches it: an unspecified IP (0.0.0.0) becomes
/// 127.0.0.1.
fn visible(addr: SocketAddr) -> SocketAddr {
    let mut visible = addr;
    if visible.ip().is_unspecified() {
        visible.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    visible
}

fn announce(app: &App, addr: SocketAddr, outbox_dir: &std::path::Path) {
    let visible = visible(addr);
    let demo = app.sign_in_email.as_deref() == Some(data::seed::SIGN_IN_EMAIL);
    let password_hint = if !demo {
        "with the password given when the database was generated".to_string()
    } else if app.demo_password_configured {
        "with the password given in TWOSTEP_DEMO_PASSWORD".to_string()
    } else if app.credentials_file.is_file() {
        format!("with the password in {}", app.credentials_file.display())
    } else {
        "with the demo password chosen when the database was created".to_string()
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "Twostep Admin listening on http://{addr}");
    match &app.sign_in_email {
        Some(email) => {
            let _ = writeln!(out, "Sign in at http://{visible}/ as {email} {password_hint}");
        }
        None => {
            let _ = writeln!(out, "Open http://{visible}/ (the database has no account holder)");
        }
    }
    if let Some(password) = app.seeded.as_ref().and_then(|s| s.generated_password.as_ref()) {
        let _ = writeln!(out, "Demo password (every demo account): {password}");
    }
    if demo {
        let _ = writeln!(
            out,
            "Second step: `cargo xtask code {email}` prints the authenticator app code of an account that uses one; SMS and email codes and approval links are written to {outbox}",
            email = data::seed::SIGN_IN_EMAIL,
            outbox = outbox_dir.display()
        );
    }
    let _ = out.flush();
}

/// Installs the log subscriber: to stderr, filtered by `RUST_LOG` (default `info`).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .try_init();
}

/// Resolves at Ctrl-C or SIGTERM. The handlers are registered when this is called, not when it is
/// first polled, so a signal sent as soon as the address is announced is not lost.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (signal(SignalKind::interrupt()), signal(SignalKind::terminate()))
    };
    async move {
        #[cfg(unix)]
        match signals {
            (Ok(mut interrupt), Ok(mut terminate)) => {
                tokio::select! {
                    _ = interrupt.recv() => {},
                    _ = terminate.recv() => {},
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    }
}
