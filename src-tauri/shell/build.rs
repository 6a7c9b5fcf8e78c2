// Tauri's build step, with the app's own commands placed under the
// permission system: each must be granted by a permission in
// `src-tauri/shell/permissions/` listed in a capability, or the window cannot call
// it. Keep `COMMANDS` in step with `commands::handler()`.
const COMMANDS: &[&str] = &[
    "app_info",
    "dashboard",
    "set_actor",
    "set_language",
    "set_review_mode",
    "ui_ready",
    "recommendation_page",
    "evidence_feed",
    "owner_rows",
    "period_page",
    "search",
    "audit_trail",
    "add_owner",
    "update_owner",
    "set_owner_active",
    "delete_owner",
    "assign_owners",
    "set_target_date",
    "add_milestone",
    "edit_milestone",
    "move_milestone",
    "set_milestone_state",
    "add_evidence",
    "open_period",
    "sign_off_period",
    "report_assessment",
    "accept_assessment",
    "return_assessment",
    "list_backups",
    "backup_now",
    "restore_backup",
    "trust_data_file",
    "briefing_page",
    "export_briefing",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/shell/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/shell/permissions");
    println!("cargo:rerun-if-changed=ui");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/shell/capabilities/**/*")
        .app_manifest(
            tauri_build::AppManifest::new()
                .commands(COMMANDS)
                .permissions_path_pattern("src-tauri/shell/permissions/**/*"),
        );
    tauri_build::try_build(attributes).expect("tauri build step");
}
