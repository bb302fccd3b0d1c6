//! The bad-input catalog (#7): one folder holding every bad input a test can make, loaded once
//! by the real binary (`list --format json` and `events`), and the explicit-path cases that
//! cannot sit in a folder (`/dev/zero`, a FIFO named on the command line, endless stdin).
//!
//! Every problem gives exactly one sanitized stderr line naming the file; everything else
//! loads with the right title. The long single line is 2 MiB and the cap 3 MiB, not the
//! 100 MB of the issue: the behaviour is the same and the debug binary stays fast.

mod cli;

use cli::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// `--max-file-size` for the folder run: above the long line, below `big.txt`.
const CAP: usize = 3 * 1024 * 1024;
const LONG_LINE: usize = 2 * 1024 * 1024;

fn set_mode(path: &Path, mode: u32) {
    if let Err(err) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
        panic!("chmod {}: {err}", path.display());
    }
}

/// A file `nobody` can read whatever the umask (the folder run is unprivileged under root).
fn put(dir: &Path, name: impl AsRef<OsStr>, bytes: &[u8]) {
    let path = dir.join(name.as_ref());
    write(&path, bytes);
    set_mode(&path, 0o644);
}

/// Windows-1252 bytes of Latin-1-range text (every char of the fixture is below U+0100).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// Build the catalog folder; returns the socket listener, which must outlive the run.
fn build_catalog(dir: &Path) -> std::os::unix::net::UnixListener {
    set_mode(dir, 0o755);
    put(
        dir,
        "good.txt",
        "Un bon article\n\nLe 3 mars 2024, tout allait bien.\n".as_bytes(),
    );
    put(dir, "empty.txt", b"");
    put(dir, "blank.txt", b"  \n\t \r\n   ");
    put(dir, "nul.txt", b"Some text\0with a NUL byte\n");
    put(dir, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    put(dir, "ignored.png", b"\x89PNG\r\n\x1a\n"); // not an article extension: not read
    put(dir, "program.txt", b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0");
    put(
        dir,
        "badutf8.txt",
        b"Article ab\xc3\xaem\xc3\xa9\n\nUn octet \xff perdu en 2023.\n",
    );
    put(
        dir,
        "cp1252.txt",
        &latin1("Été à Noël\n\nLe «\u{a0}café\u{a0}» coûtait peu en 2022.\n"),
    );
    put(
        dir,
        "utf16-bom.txt",
        &utf16_with_bom("Titre UTF-16 avec BOM\n\nEn 2021.\n", true),
    );
    put(
        dir,
        "utf16le.txt",
        &utf16("Titre UTF-16LE sans BOM\n\nEn 2020.\n", true),
    );
    put(
        dir,
        "utf16be.txt",
        &utf16("Titre UTF-16BE sans BOM\n\nEn 2014.\n", false),
    );
    put(dir, "crlf.txt", b"Titre CRLF\r\n\r\nCorps en 2019.\r\n");
    put(dir, "cr.txt", b"Titre CR\r\rCorps en 2018.\r");
    let mut big = b"Gros titre\n\n".to_vec();
    while big.len() <= CAP {
        big.extend_from_slice(b"mot ");
    }
    put(dir, "big.txt", &big);
    let mut long = b"Ligne longue ".to_vec();
    long.resize(LONG_LINE, b'x');
    long.push(b'\n');
    put(dir, "longline.txt", &long);
    mkfifo(&dir.join("fifo.txt"));
    let socket = match std::os::unix::net::UnixListener::bind(dir.join("sock.txt")) {
        Ok(listener) => listener,
        Err(err) => panic!("bind socket: {err}"),
    };
    symlink("/dev/zero", &dir.join("zero.txt"));
    symlink("loop.txt", &dir.join("loop.txt"));
    symlink("missing.txt", &dir.join("dangling.txt"));
    put(dir, "secret.txt", b"Unreadable article\n");
    set_mode(&dir.join("secret.txt"), 0o000);
    if let Err(err) = std::fs::create_dir(dir.join("closed")) {
        panic!("mkdir: {err}");
    }
    put(&dir.join("closed"), "inside.txt", b"Hidden\n");
    set_mode(&dir.join("closed"), 0o000);
    put(dir, "esc\x1b[31mname.txt", b"Nom avec ESC\n");
    put(dir, "bell\x1b]0;pwned\x07.txt", b"");
    put(dir, "new\nline.txt", b"Nom avec saut de ligne\n");
    put(dir, "bidi\u{202E}txt.exe.txt", b"Nom avec bidi\n");
    put(
        dir,
        OsStr::from_bytes(b"bad\xffname.txt"),
        b"Nom invalide\n",
    );
    put(
        dir,
        "script.html",
        b"<html><head><title>Page avec script</title><style>p{color:red}</style>\
          <script>alert(\"x\")</script></head><body><!-- secret comment -->\
          <p>Texte visible en 2017.</p></body></html>",
    );
    put(
        dir,
        "entities.html",
        b"<html><head><title>Ent&#27;]0;pwn&#7;it&#x202E;es &#128;&#0;</title></head><body>\
          <p>Esc &#27;[2J bidi &#x202E;gnp.exe c1 &#128;&#x9b;31m nul &#0; fin.</p></body></html>",
    );
    put(
        dir,
        "entities.md",
        b"# Ent&#27;]0;pwn&#7;it&#x202E;es md\n\nEsc &#27;[2J bidi &#x202E; c1 &#x9b;31m nul &#0; fin.\n",
    );
    let mut divs = b"<html><body>".to_vec();
    divs.extend(b"<div>".repeat(100_000));
    divs.extend_from_slice(b"<p>Au fond des divs en 2016.</p>");
    divs.extend(b"</div>".repeat(100_000));
    divs.extend_from_slice(b"</body></html>");
    put(dir, "divs.html", &divs);
    let mut quotes = b"# Citations\n\n".to_vec();
    quotes.extend(b">".repeat(10_000));
    quotes.extend_from_slice(b" Tout au fond en 2015.\n");
    put(dir, "quotes.md", &quotes);
    socket
}

/// The binary on the catalog folder, as `nobody` under root, with a bounded wait.
fn run_on_catalog(args: &[&str], dir: &Path) -> Run {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"));
    cmd.args(args)
        .args(["--max-file-size", &CAP.to_string()])
        .arg(dir);
    unprivileged(&mut cmd);
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(Duration::from_secs(60));
    run_with(&mut cmd)
}

/// A stderr line must be one inert line: no escape, control, bidi or invisible character.
fn assert_inert_line(line: &str) {
    assert!(
        !line.chars().any(|c| c.is_control()
            || dossier::core::sanitize::is_removed_format(c)
            || matches!(c, '\u{2028}' | '\u{2029}')),
        "active character in {line:?}"
    );
}

#[test]
fn every_bad_input_in_one_folder_gets_one_line_and_the_rest_loads() {
    let dir = tmp();
    let root = dir.path();
    let _socket = build_catalog(root);
    let path = |name: &str| format!("{}/{name}", root.display());

    let list = run_on_catalog(&["list", "--format", "json"], root);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    let mut lines: Vec<&str> = list.stderr.lines().collect();
    lines.iter().for_each(|line| assert_inert_line(line));
    lines.sort_unstable();
    let mut expected: Vec<String> = [
        ("badutf8.txt", "invalid UTF-8 replaced".to_string()),
        ("bell.txt", "empty file".to_string()),
        ("big.txt", format!("truncated to {CAP} bytes")),
        ("blank.txt", "empty file".to_string()),
        ("closed", "permission denied".to_string()),
        (
            "dangling.txt",
            "dangling symbolic link, skipped".to_string(),
        ),
        ("empty.txt", "empty file".to_string()),
        ("fifo.txt", "named pipe (FIFO), skipped".to_string()),
        ("image.txt", "binary file (PNG image)".to_string()),
        ("loop.txt", "symbolic link loop, skipped".to_string()),
        ("nul.txt", "binary file (NUL bytes)".to_string()),
        ("program.txt", "binary file (ELF executable)".to_string()),
        ("secret.txt", "permission denied".to_string()),
        ("sock.txt", "socket, skipped".to_string()),
        ("zero.txt", "device, skipped".to_string()),
    ]
    .iter()
    .map(|(name, message)| format!("{}: {message}", path(name)))
    .collect();
    expected.sort_unstable();
    assert_eq!(lines, expected, "{}", list.stderr);

    let articles = json(&list.stdout);
    let loaded: BTreeSet<(String, String)> = articles
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|e| {
                    let field = |key: &str| e[key].as_str().unwrap_or("").to_string();
                    (field("file"), field("title"))
                })
                .collect()
        })
        .unwrap_or_default();
    let expected: BTreeSet<(String, String)> = [
        ("bad\u{FFFD}name.txt", "Nom invalide"),
        ("badutf8.txt", "Article abîmé"),
        ("biditxt.exe.txt", "Nom avec bidi"),
        ("big.txt", "Gros titre"),
        ("cp1252.txt", "Été à Noël"),
        ("cr.txt", "Titre CR"),
        ("crlf.txt", "Titre CRLF"),
        ("divs.html", "Au fond des divs en 2016"),
        // `&#128;` is `€` (the HTML5 Windows-1252 remap), `&#0;` is U+FFFD.
        ("entities.html", "Entites €\u{FFFD}"),
        ("entities.md", "Entites md"),
        ("escname.txt", "Nom avec ESC"),
        ("good.txt", "Un bon article"),
        ("longline.txt", "Ligne longue…"),
        ("new line.txt", "Nom avec saut de ligne"),
        ("quotes.md", "Citations"),
        ("script.html", "Page avec script"),
        ("utf16-bom.txt", "Titre UTF-16 avec BOM"),
        ("utf16be.txt", "Titre UTF-16BE sans BOM"),
        ("utf16le.txt", "Titre UTF-16LE sans BOM"),
    ]
    .iter()
    .map(|(file, title)| (file.to_string(), title.to_string()))
    .collect();
    assert_eq!(loaded, expected);
    // Script, style and comment text is not body text; the nested body text is.
    let words = |file: &str| {
        articles
            .as_array()
            .and_then(|entries| entries.iter().find(|e| e["file"] == file))
            .map_or(Value::Null, |e| e["words"].clone())
    };
    assert_eq!(words("script.html"), 4, "Texte visible en 2017.");
    assert_eq!(words("divs.html"), 6, "Au fond des divs en 2016.");
    assert_eq!(words("quotes.md"), 5, "Tout au fond en 2015.");
    assert!(!list
        .stdout
        .contains(['\x1b', '\x07', '\u{9b}', '\u{202E}', '\0']));

    let events = run_on_catalog(&["events"], root);
    assert_eq!(events.code, Some(0), "{}", events.stderr);
    let mut event_lines: Vec<&str> = events.stderr.lines().collect();
    event_lines.sort_unstable();
    assert_eq!(event_lines, lines, "events reports the same problems");
    let found: BTreeSet<(&str, &str, &str)> = events
        .stdout
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            Some((fields.next()?, fields.next()?, fields.next()?))
        })
        .collect();
    let expected: BTreeSet<(&str, &str, &str)> = [
        ("badutf8.txt", "en 2023", "2023"),
        ("cp1252.txt", "en 2022", "2022"),
        ("cr.txt", "en 2018", "2018"),
        ("crlf.txt", "en 2019", "2019"),
        ("divs.html", "en 2016", "2016"),
        ("good.txt", "3 mars 2024", "2024-03-03"),
        ("quotes.md", "en 2015", "2015"),
        ("script.html", "en 2017", "2017"),
        ("utf16-bom.txt", "En 2021", "2021"),
        ("utf16be.txt", "En 2014", "2014"),
        ("utf16le.txt", "En 2020", "2020"),
    ]
    .into_iter()
    .collect();
    assert_eq!(found, expected, "{}", events.stdout);

    set_mode(&root.join("closed"), 0o755); // let the temp dir be removed
}

#[test]
fn explicit_fifo_and_devices_never_hang() {
    let dir = tmp();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let out = run(&["list", arg(&fifo)]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.starts_with(&format!(
            "{}: named pipe (FIFO) with nothing to read, skipped\n",
            fifo.display()
        )),
        "{}",
        out.stderr
    );
    let out = run(&["list", "--max-file-size", "1048576", "/dev/zero"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .starts_with("/dev/zero: binary file (NUL bytes)\n"),
        "{}",
        out.stderr
    );
    let out = run(&["list", "/dev/null"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.starts_with("/dev/null: empty file\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn endless_stdin_is_read_to_the_cap() {
    let mut child = match std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .args([
            "list",
            "--format",
            "json",
            "--max-file-size",
            "1048576",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(err) => panic!("spawn: {err}"),
    };
    // `yes |`: write until the reader closes the pipe (EPIPE; the test harness ignores SIGPIPE).
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let chunk = b"y\n".repeat(4096);
            while stdin.write_all(&chunk).is_ok() {}
        })
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while matches!(child.try_wait(), Ok(None)) {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("dossier still reading endless stdin after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = match child.wait_with_output() {
        Ok(output) => output,
        Err(err) => panic!("wait: {err}"),
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "stdin: truncated to 1048576 bytes\n");
    let list = json(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(files(&list), vec!["stdin"]);
    assert!(
        list[0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("y y y")),
        "{list}"
    );
}
