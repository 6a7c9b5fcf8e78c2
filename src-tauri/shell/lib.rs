//! Followthrough's desktop shell and command line.
//!
//! Everything the tracker knows and decides lives in `followthrough-core`;
//! this crate only adapts it: Tauri commands for the window, clap for the
//! terminal. Neither holds a rule of its own.

mod commands;
mod error;
mod state;
mod window;

pub mod cli;
