//! The shell's security configuration: the content security policy and the
//! grants of the window. These files are data, so a loosening would pass
//! every other test; this one catches it.

use followthrough_app::window_permissions;
use serde_json::Value;
use std::collections::BTreeSet;
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
fn every_command_is_granted_by_a_described_permission_once() {
    let mut seen = BTreeSet::new();
    for p in window_permissions() {
        assert!(
            p.description.split_whitespace().count() >= 12,
            "{} says in prose what it grants",
            p.identifier
        );
        assert!(!p.commands.is_empty(), "{} grants something", p.identifier);
        for c in p.commands {
            assert!(seen.insert(*c), "{c} is granted by one permission only");
        }
    }
    assert!(seen.len() >= 30, "the window's commands are all declared");
}

#[test]
fn the_main_window_gets_exactly_the_declared_permissions_and_nothing_else() {
    let cap: Value =
        serde_json::from_str(&read("src-tauri/shell/capabilities/main-window.json")).unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(
        cap.get("remote").is_none(),
        "no remote URL gets a capability"
    );
    let granted: BTreeSet<&str> = cap["permissions"]
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
    let declared: BTreeSet<&str> = window_permissions().iter().map(|p| p.identifier).collect();
    assert_eq!(granted, declared);
}
