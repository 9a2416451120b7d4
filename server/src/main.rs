//! The `twostep-server` binary: reads the settings and runs the reference backend.

use clap::Parser;

#[tokio::main]
async fn main() {
    twostep_server::init_tracing();
    let cli = twostep_server::Cli::parse();
    let result = match cli.into_config() {
        Ok(config) => twostep_server::run(config).await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(e.exit_code());
    }
}
