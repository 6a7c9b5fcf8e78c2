//! The shell's security configuration: the content security policy and the
//! grants of the window. These files are data, so a loosening would pass
//! every other test; this one catches it.

use serde_json::Value;
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

#[test]
fn the_csp_allows_only_the_apps_own_content() {
    let conf: Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set");
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert!(directives.contains(&"default-src 'self'"), "{csp}");
    assert!(directives.contains(&"script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    for d in &directives {
        for source in d.split_whitespace().skip(1) {
            let allowed = source.starts_with('\'')
                || source == "ipc:"
                || source == "http://ipc.localhost"
                || source == "data:";
            assert!(allowed, "remote or unexpected source {source:?} in {d:?}");
        }
    }
}

#[test]
fn every_command_is_granted_explicitly_and_nothing_else_is() {
    let build = read("src-tauri/shell/build.rs");
    let list = build
        .split("const COMMANDS: &[&str] = &[")
        .nth(1)
        .and_then(|s| s.split("];").next())
        .expect("COMMANDS in build.rs");
    let commands: Vec<&str> = list
        .split(',')
        .map(|s| s.trim().trim_matches('"'))
        .filter(|s| !s.is_empty())
        .collect();
    let handler = read("src-tauri/shell/commands.rs");
    for c in &commands {
        assert!(handler.contains(&format!("fn {c}(")), "{c} is a command");
    }
    let registered: Vec<&str> = handler
        .split("generate_handler![")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .expect("generate_handler! in commands.rs")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(
        registered, commands,
        "the handler registers exactly the commands build.rs puts under the permission system"
    );

    let cap: Value =
        serde_json::from_str(&read("src-tauri/shell/capabilities/main-window.json")).unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "no remote URL gets a capability"
    );
    let granted: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names, no scopes"))
        .collect();
    for p in &granted {
        assert!(
            !p.contains(':'),
            "no plugin or core permission is granted: {p}"
        );
    }
    let perms = read("src-tauri/shell/permissions/tracker.toml");
    for c in &commands {
        assert!(
            perms.contains(&format!("\"{c}\"")),
            "{c} is granted by a described permission"
        );
    }
    for p in &granted {
        assert!(
            perms.contains(&format!("identifier = \"{p}\"")),
            "{p} is defined"
        );
    }
}
