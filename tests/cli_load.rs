//! The loading contract through the real binary: inputs, decoding, per-file problems on
//! stderr, exit codes. Fixtures are built at test time in temporary folders.

mod cli;

use cli::*;
use dossier::core::decode::decode;
use dossier::core::load::{build_article, SEEDS};
use dossier::core::sanitize::is_removed_format;
use proptest::prelude::*;
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

const SENTENCE: &str = "L'été – déjà €";

fn seed_names() -> Vec<String> {
    SEEDS.iter().map(|(name, _)| name.to_string()).collect()
}

#[test]
fn list_json_of_the_builtin_seeds() {
    let out = run(&["list", "--format", "json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let list = json(&out.stdout);
    assert_eq!(files(&list), seed_names());
    let paths: Vec<&str> = list
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["path"].as_str()).collect())
        .unwrap_or_default();
    let expected: Vec<String> = seed_names().iter().map(|n| format!("seeds/{n}")).collect();
    assert_eq!(paths, expected);
}

#[test]
fn list_json_of_the_seeds_folder() {
    let folder: PathBuf = [env!("CARGO_MANIFEST_DIR"), "seeds"].iter().collect();
    let out = run(&["list", "--format", "json", arg(&folder)]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let list = json(&out.stdout);
    assert_eq!(files(&list), seed_names());
    // Same bytes as the embedded seeds: same word counts.
    let builtin = json(&run(&["list", "--format", "json"]).stdout);
    let words = |v: &Value| -> Vec<u64> {
        v.as_array()
            .map(|a| a.iter().filter_map(|e| e["words"].as_u64()).collect())
            .unwrap_or_default()
    };
    assert_eq!(words(&list), words(&builtin));
}

/// The article file: a heading line, then the sentence as its own paragraph.
fn article_text() -> String {
    format!("Essai d'encodage\r\n\r\n{SENTENCE}\r\n")
}

fn block_texts(show: &Value) -> Vec<String> {
    show.as_array()
        .into_iter()
        .flatten()
        .flat_map(|article| article["blocks"].as_array().cloned().unwrap_or_default())
        .filter_map(|block| block["text"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn encodings_come_back_as_the_same_text() {
    let dir = tmp();
    let text = article_text();
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(article_text().as_bytes());
    let fixtures: [(&str, Vec<u8>); 4] = [
        ("windows-1252.txt", cp1252.into_owned()),
        ("utf16le-bom.txt", utf16_with_bom(&article_text(), true)),
        ("utf16be-bom.txt", utf16_with_bom(&article_text(), false)),
        ("utf8-bom.txt", utf8_bom),
    ];
    for (name, bytes) in fixtures {
        let path = dir.path().join(name);
        write(&path, &bytes);
        let out = run(&["show", "--format", "json", arg(&path)]);
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        assert_eq!(out.stderr, "", "{name}");
        let texts = block_texts(&json(&out.stdout));
        assert!(
            texts.iter().any(|t| t == SENTENCE),
            "{name}: no block reads {SENTENCE:?}: {texts:?}"
        );
        assert!(
            texts
                .iter()
                .all(|t| !t.contains(['\u{FFFD}', '\r', '\u{FEFF}'])),
            "{name}: {texts:?}"
        );
    }
}

#[test]
fn exit_codes() {
    // 0: something loaded, even with problems.
    let dir = tmp();
    let empty = dir.path().join("empty.txt");
    write(&empty, b"  \n");
    let good = dir.path().join("good.txt");
    write(&good, b"Good\n");
    let out = run(&["list", arg(&empty), arg(&good)]);
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stderr, format!("{}: empty file\n", empty.display()));
    // 1: nothing loaded.
    let out = run(&["list", arg(&empty)]);
    assert_eq!(out.code, Some(1));
    assert!(out
        .stderr
        .starts_with(&format!("{}: empty file\n", empty.display())));
    assert_eq!(out.stdout, "");
    let out = run(&["list", arg(&dir.path().join("missing.txt"))]);
    assert_eq!(out.code, Some(1));
    assert!(out
        .stderr
        .contains("missing.txt: no such file or directory"));
    // 2: usage errors (clap's code).
    assert_eq!(run(&["list", "--format", "bogus"]).code, Some(2));
    assert_eq!(run(&["list", "--no-such-flag"]).code, Some(2));
    assert_eq!(run(&["--max-file-size", "lots", "list"]).code, Some(2));
    // Global options may come before the subcommand; paths may not (they would be ignored).
    let out = run(&["--no-color", "--no-cache", "list", "--format", "tsv"]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.contains("Deux visions, un futur"),
        "{}",
        out.stdout
    );
    let out = run(&[arg(dir.path()), "list"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("paths go after the subcommand"),
        "{}",
        out.stderr
    );
}

#[test]
fn stdin_and_explicit_files_of_any_extension() {
    let out = run_with(
        dossier()
            .args(["list", "--format", "json", "-"])
            .write_stdin("Read from standard input\n\nBody.\n"),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(files(&json(&out.stdout)), vec!["stdin"]);
    let dir = tmp();
    let odd = dir.path().join("notes.data");
    write(&odd, b"Named on the command line\n");
    let out = run_with(
        dossier()
            .args(["list", "--format", "json", arg(&odd), "-"])
            .write_stdin("Piped\n"),
    );
    assert_eq!(out.stderr, "");
    assert_eq!(files(&json(&out.stdout)), vec!["notes.data", "stdin"]);
}

#[test]
fn large_file_is_truncated_with_one_line() {
    let dir = tmp();
    let path = dir.path().join("big.txt");
    write(
        &path,
        "Un titre\n\nDéjà un texte bien trop long.\n".as_bytes(),
    );
    let out = run(&[
        "show",
        "--format",
        "json",
        "--max-file-size",
        "20",
        arg(&path),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!("{}: truncated to 20 bytes\n", path.display())
    );
    let texts = block_texts(&json(&out.stdout));
    assert!(texts.iter().any(|t| t == "Déjà un"), "{texts:?}");
}

#[test]
fn escapes_in_content_and_names_never_reach_the_terminal() {
    let dir = tmp();
    let evil = dir.path().join("evil\x1b]0;pwned\x07name.txt");
    write(
        &evil,
        b"\x1b]0;title\x07Heading\n\nBody \x1b[31mred\x1b[0m \xe2\x80\xaeevil\n\x1b]8;;x\n",
    );
    let empty = dir.path().join("bad\x1b[2Jname.txt");
    write(&empty, b"");
    for format in ["text", "json", "md"] {
        let out = run(&["show", "--format", format, arg(dir.path())]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        for text in [&out.stdout, &out.stderr] {
            assert!(
                !text.contains(['\x1b', '\x07', '\u{202E}', '\u{9b}']),
                "{format}: {text:?}"
            );
        }
        assert!(out.stdout.contains("red"), "{}", out.stdout);
        assert!(
            out.stderr.contains("badname.txt: empty file"),
            "{}",
            out.stderr
        );
    }
}

/// No control (but `\n` and the `\t` joining table cells), escape, bidi or invisible format
/// character.
fn is_inert(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_removed_format(c))
}

/// Run the whole pipeline on `bytes` in a thread with a deadline, so a hang anywhere
/// (decode, parse, meta, dates) fails the test with the input instead of stalling the suite.
/// A thread that never finishes is left behind; the test process ends with the failure.
fn build_within_deadline(
    name: &str,
    bytes: &[u8],
) -> Result<Option<(String, Vec<String>)>, String> {
    let (send, receive) = std::sync::mpsc::channel();
    let (name, owned) = (name.to_string(), bytes.to_vec());
    std::thread::spawn(move || {
        let result = build_article(name, &owned).ok().map(|(article, _)| {
            let blocks = article
                .blocks()
                .map(|b| article.block_text(&b).to_string())
                .collect();
            (article.title().to_string(), blocks)
        });
        let _ = send.send(result);
    });
    receive
        .recv_timeout(Duration::from_secs(5))
        .map_err(|_| format!("build_article did not finish in 5 s on {bytes:?}"))
}

fn assert_inert_article(name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let _ = decode(bytes);
    let built = build_within_deadline(name, bytes).map_err(TestCaseError::fail)?;
    if let Some((title, blocks)) = built {
        prop_assert!(is_inert(&title), "title {:?}", title);
        for text in &blocks {
            prop_assert!(is_inert(text), "block {:?}", text);
        }
    }
    Ok(())
}

#[test]
fn pipeline_finishes_on_tricky_characters() {
    // U+00D7 × and U+00F7 ÷ share the lead byte 0xC3 with French letters: a word scanner that treats
    // the lead as a letter but will not step over the character never advances.
    for text in [
        "Titre\n\n3 × 4 = 12 et 6 ÷ 2 = 3, le 3 mars 2024.\n",
        "×÷×÷ 2024 ×",
        "ÿ‐–—―‘’‚‛“”„†‡•…‰′″‹›€™ 1er mai 2025",
        "12\u{a0}mars\u{202f}2024 ½ ¼ ¾ ° ± ² ³ µ ¶ · ¸ ¹ º » ¿",
    ] {
        for name in ["x.txt", "x.md", "x.html"] {
            if let Err(err) = assert_inert_article(name, text.as_bytes()) {
                panic!("{name}: {text:?}: {err}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        // A hang found by the deadline leaves a spinning thread per shrink step: keep few.
        max_shrink_iters: 32,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic_and_come_out_inert(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        name in prop_oneof![Just("x.txt"), Just("x.md"), Just("x.html"), Just("x")],
    ) {
        assert_inert_article(name, &bytes)?;
    }

    #[test]
    fn encoding_shaped_bytes_never_panic_and_come_out_inert(
        pieces in prop::collection::vec(prop_oneof![
            Just(&b"\xFF\xFE"[..]), Just(&b"\xFE\xFF"[..]), Just(&b"\xEF\xBB\xBF"[..]),
            Just(&b"a\0"[..]), Just(&b"\0a"[..]), Just(&b"\x1b\0[\0"[..]), Just(&b"\0\x1b"[..]),
            Just(&b"\xE9"[..]), Just(&b"\xC3\xA9"[..]), Just(&b"\r"[..]), Just(&b"\r\n"[..]),
            Just(&b"\x00\xD8"[..]), Just(&b"\xD8\x00"[..]), Just(&b"\x9b"[..]),
            Just(&b"\xC2\x9B31m"[..]), Just(&b"\x1b]0;"[..]), Just(&b"word "[..]),
            Just(&b"\xC3\x97"[..]), Just(&b"2024 "[..]),
        ], 0..80),
        name in prop_oneof![Just("x.txt"), Just("x.md"), Just("x.html")],
    ) {
        assert_inert_article(name, &pieces.concat())?;
    }

    #[test]
    fn escape_laden_text_comes_out_inert(
        pieces in prop::collection::vec(prop_oneof![
            Just("\x1b[31m"), Just("\x1b]0;t"), Just("\x07"), Just("&#27;[2J"), Just("&#x9b;"),
            Just("\u{202e}"), Just("\t"), Just("\r\n"), Just("\n\n"), Just("<p>"), Just("# "),
            Just("word "), Just("été "), Just("\u{feff}"), Just("&#8238;"), Just("| a | b |\n"),
        ], 0..60),
        name in prop_oneof![Just("x.txt"), Just("x.md"), Just("x.html")],
    ) {
        assert_inert_article(name, pieces.concat().as_bytes())?;
    }
}
