//! The `twostep-server` binary: reads the settings and runs the reference backend, or with
//! `generate`, writes a large generated organization into a new database, or with `code`,
//! prints a demo member's authenticator app code.

#![warn(missing_docs)]

use clap::Parser;
use twostep_server::{Cli, Command, Result};

#[tokio::main]
async fn main() {
    twostep_server::init_tracing();
    let mut cli = Cli::parse();
    let result = match cli.command.take() {
        Some(Command::Generate(args)) => generate(args).await,
        Some(Command::Code(args)) => code(args).await,
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

async fn code(args: twostep_server::CodeArgs) -> Result<()> {
    let code = twostep_server::code::run(args.into_options()?).await?;
    println!("{code}");
    Ok(())
}
