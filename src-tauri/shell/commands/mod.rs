//! The window's commands: one per use case, each a thin call into the core
//! with the current actor, grouped in modules by area. They are declared
//! once, in `list.rs`, with the permission that grants each; from there
//! come the handler below, the build manifest and the permission file
//! (`build.rs`).
//!
//! Arguments keep the core's snake_case names on the JavaScript side too.
//!
//! Every command runs off the window's main thread (Tauri runs a plain
//! command on the main thread, where it would freeze the window): those
//! that read or change a little are `async` and return at once; those that
//! can take longer than a frame (a restore, a backup, a briefing) also
//! report their progress on a channel the window passes in.

mod backups;
mod briefings;
mod evidence;
mod milestones;
mod operations;
mod owners;
mod periods;
mod preferences;
mod recommendations;
mod review;
mod screens;

/// A permission of the window's: its identifier, what it lets the window
/// do, and the commands it grants.
#[derive(Debug, Clone, Copy)]
pub struct Permission {
    pub identifier: &'static str,
    pub description: &'static str,
    pub commands: &'static [&'static str],
}

macro_rules! window_commands {
    ($($permission:literal => $description:literal [$($area:ident :: $command:ident),* $(,)?])*) => {
        /// Every command the window may call, by the permission that grants it.
        pub const PERMISSIONS: &[Permission] = &[$(Permission {
            identifier: $permission,
            description: $description,
            commands: &[$(stringify!($command)),*],
        }),*];

        /// The handler the window's invocations go to.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($($area::$command),*),*]
        }
    };
}

include!("list.rs");
