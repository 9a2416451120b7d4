//! The `twostep-server` binary: reads the settings and runs the reference backend, or with
//! `generate`, writes a large generated organization into a new database.

#![warn(missing_docs)]

use clap::Parser;
use twostep_server::{Cli, Command, Result};

#[tokio::main]
async fn main() {
    twostep_server::init_tracing();
    let mut cli = Cli::parse();
    let result = match cli.command.take() {
        Some(Command::Generate(args)) => generate(args).await,
        None => match cli.into_config() {
            Ok(config) => twostep_server::run(config).await,
            Err(e) => Err(e),
        },
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(e.exit_code());
    }
}

async fn generate(args: twostep_server::GenerateArgs) -> Result<()> {
    let generated = twostep_server::data::generate::generate(&args.into_options()?).await?;
    println!("{generated}");
    Ok(())
}
