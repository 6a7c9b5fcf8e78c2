//! Followthrough's desktop shell and command line.
//!
//! Everything the tracker knows and decides lives in `followthrough-core`
//! (and the briefing in `followthrough-briefing`); this crate only adapts
//! it: Tauri commands for the window (`commands/`, declared once in
//! `commands/list.rs`), clap for the terminal (`cli/`). Neither holds a
//! rule of its own.

mod commands;
mod dialogs;
mod error;
mod exchange;
mod operations;
mod state;
mod window;

pub mod cli;

pub use commands::Permission;

/// The window's permissions and the commands each grants, as declared in
/// `commands/list.rs`: for the shell's configuration test.
pub fn window_permissions() -> &'static [Permission] {
    commands::PERMISSIONS
}
