//! The command line: `followthrough` with no subcommand opens the window;
//! subcommands use the same core for scripts and tests. `args` says what
//! is accepted, `run` does it, `output` prints it.

mod args;
mod output;
mod review;
mod run;

pub use args::Cli;

use clap::{CommandFactory, Parser};
use followthrough_briefing::BriefingError;
use followthrough_core::CoreError;

/// A failure of the command line, printed on standard error.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
}

impl From<BriefingError> for CliError {
    fn from(e: BriefingError) -> Self {
        match e {
            BriefingError::Core(e) => CliError::Core(e),
            other => CliError::Usage(other.to_string()),
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match run::run(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("followthrough: error: {e}");
            1
        }
    }
}

/// The manual page, generated from the command line's definition.
pub fn manual() -> Vec<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .expect("rendering into memory cannot fail");
    page
}
