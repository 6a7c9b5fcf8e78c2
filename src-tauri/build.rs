// Tauri's build step, with the app's own commands placed under the
// permission system: each must be granted by a permission in
// `src-tauri/permissions/` listed in a capability, or the window cannot call
// it. Keep `COMMANDS` in step with `commands::handler()`.
const COMMANDS: &[&str] = &["app_info", "dashboard", "set_actor", "ui_ready"];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/permissions");
    println!("cargo:rerun-if-changed=ui");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(
            tauri_build::AppManifest::new()
                .commands(COMMANDS)
                .permissions_path_pattern("src-tauri/permissions/**/*"),
        );
    tauri_build::try_build(attributes).expect("tauri build step");
}
