//! The binary as operators run it: JSON logs carrying the request id, and a clean stop on
//! SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn json_logs_with_request_ids_and_graceful_sigterm() {
    let dir = std::env::temp_dir().join(format!("koprogo-proc-{}", uuid::Uuid::now_v7()));
    let port = crate::common::free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_koprogo"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .env("KOPROGO_DATA_DIR", &dir)
        .env("KOPROGO_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let lines = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });

    let started = Instant::now();
    let response = loop {
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            stream
                // A cross-site POST: refused with a warning, logged inside the request's span.
                .write_all(
                    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\nx-request-id: probe-42\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                )
                .unwrap();
            let mut text = String::new();
            stream.read_to_string(&mut text).unwrap();
            break text;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(response.starts_with("HTTP/1.1 403"), "{response}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status:?}");
    let lines = lines.join().unwrap();
    let parsed: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    assert!(
        parsed
            .iter()
            .any(|l| l["fields"]["message"] == "cross-site request refused"
                && l["spans"].as_array().is_some_and(|spans| spans
                    .iter()
                    .any(|s| s["request_id"] == "probe-42" && s["path"] == "/api/v1/auth/login"))),
        "{lines:#?}"
    );
    assert!(
        parsed.iter().any(|l| l["fields"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("closing the database pool")),
        "{lines:#?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
