//! The real binary from the command-line tests: runs with a timeout, temporary fixtures
//! (files, links, FIFOs), JSON output, and an unprivileged run for permission errors.
#![allow(dead_code)] // each test file uses part of the helpers

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

pub fn dossier() -> Command {
    let mut cmd = match Command::cargo_bin("dossier") {
        Ok(cmd) => cmd,
        Err(err) => panic!("binary not built: {err}"),
    };
    // Never let a regression hang the suite (FIFOs, devices).
    cmd.timeout(Duration::from_secs(20));
    cmd.env("COLUMNS", "100").env_remove("NO_COLOR");
    cmd
}

pub fn tmp() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("tempdir: {err}"),
    }
}

pub fn write(path: &Path, bytes: &[u8]) {
    if let Err(err) = std::fs::write(path, bytes) {
        panic!("write {}: {err}", path.display());
    }
}

pub fn symlink(target: &str, link: &Path) {
    if let Err(err) = std::os::unix::fs::symlink(target, link) {
        panic!("symlink {}: {err}", link.display());
    }
}

pub fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        panic!("path with NUL");
    };
    // SAFETY: a valid NUL-terminated path; mkfifo does not keep the pointer.
    let rc = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    run_with(dossier().args(args))
}

pub fn run_with(cmd: &mut Command) -> Run {
    let output = match cmd.output() {
        Ok(output) => output,
        Err(err) => panic!("run: {err}"),
    };
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn json(text: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => panic!("not JSON ({err}): {text}"),
    }
}

pub fn files(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|e| e["file"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn arg(path: &Path) -> &str {
    match path.to_str() {
        Some(s) => s,
        None => panic!("non-UTF-8 temp path"),
    }
}

/// Make `cmd` run as `nobody` when the tests run as root (CI does): root reads whatever the
/// mode, so only an unprivileged process meets a real "permission denied".
pub fn unprivileged(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        cmd.uid(65534).gid(65534);
    }
}

/// UTF-16 code units of `text`, no BOM.
pub fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

/// UTF-16 with its byte order mark.
pub fn utf16_with_bom(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    bytes.extend(utf16(text, little_endian));
    bytes
}
