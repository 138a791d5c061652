//! The `koprogo` binary's subcommands on a fresh SQLite data directory.

use std::io::Write;
use std::process::{Command, Stdio};

fn koprogo(data_dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_koprogo"))
        .args(args)
        .env("KOPROGO_DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

#[test]
fn migrate_seed_twice_and_create_users() {
    let dir = std::env::temp_dir().join(format!("koprogo-cli-{}", uuid::Uuid::now_v7()));
    let ok = |out: &std::process::Output| {
        assert!(
            out.status.success(),
            "stdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    ok(&koprogo(&dir, &["migrate"], None));
    assert!(dir.join("koprogo.db").exists());
    ok(&koprogo(&dir, &["seed-demo"], None));
    ok(&koprogo(&dir, &["seed-demo"], None)); // idempotent

    let created = koprogo(
        &dir,
        &[
            "create-user",
            "--email",
            "ops@example.be",
            "--password-stdin",
            "--role",
            "superadmin",
        ],
        Some("a long operator passphrase\n"),
    );
    ok(&created);
    assert!(String::from_utf8_lossy(&created.stdout).contains("ops@example.be"));

    let member = koprogo(
        &dir,
        &[
            "create-user",
            "--email",
            "acc@example.be",
            "--password-stdin",
            "--role",
            "accountant",
            "--organization",
            "syndic-dupont",
        ],
        Some("another long passphrase\n"),
    );
    ok(&member);

    let duplicate = koprogo(
        &dir,
        &[
            "create-user",
            "--email",
            "ops@example.be",
            "--password-stdin",
            "--role",
            "superadmin",
        ],
        Some("a long operator passphrase\n"),
    );
    assert!(!duplicate.status.success());
    let weak = koprogo(
        &dir,
        &[
            "create-user",
            "--email",
            "weak@example.be",
            "--password-stdin",
            "--role",
            "superadmin",
        ],
        Some("short\n"),
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password.too_short"));
    let no_org = koprogo(
        &dir,
        &[
            "create-user",
            "--email",
            "x@example.be",
            "--password-stdin",
            "--role",
            "owner",
        ],
        Some("a long operator passphrase\n"),
    );
    assert!(!no_org.status.success());

    // An operator resets the second factor of someone who lost it; an unknown e-mail fails.
    let reset = koprogo(
        &dir,
        &["reset-second-factor", "--email", "acc@example.be"],
        None,
    );
    ok(&reset);
    assert!(String::from_utf8_lossy(&reset.stdout).contains("acc@example.be"));
    let unknown = koprogo(
        &dir,
        &["reset-second-factor", "--email", "nobody@example.be"],
        None,
    );
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account"));
    std::fs::remove_dir_all(dir).unwrap();
}
