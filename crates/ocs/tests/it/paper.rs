//! `ocs paper add` on the demo's data folder (server stopped: SQLite serves one process).

use crate::{Demo, ocs};

#[test]
fn paper_add_records_once_and_refuses_invalid_fields() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let fields = dir.path().join("fields.json");
    let add = |body: &str| {
        std::fs::write(&fields, body).unwrap();
        ocs()
            .args([
                "paper",
                "add",
                "--initiative",
                "demo",
                "--country",
                "AT",
                "--config",
            ])
            .arg(data.join("ocs.toml"))
            .arg("--fields-file")
            .arg(&fields)
            .output()
            .unwrap()
    };
    let person = r#"{"full.first.names":"Franz","family.names":"Huber",
        "id.type":"id.card","id.number":"56565656"}"#;
    let output = add(person);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        printed.starts_with("recorded paper statement "),
        "{printed}"
    );
    assert!(!printed.contains("Huber"), "no personal data printed");
    let output = add(person);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("duplicate"));
    let output = add(r#"{"full.first.names":"Franz","family.names":"Huber",
        "id.type":"id.card","id.number":"5"}"#);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("id.number"));
}
