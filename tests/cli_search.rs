//! `dossier search` on the real binary, over small folders written in temp dirs.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write fixture");
}

/// Articles whose first line is the title; one-line paragraphs below it.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a_networking.txt",
        "networking basics\n\nCables and switches.\n",
    );
    write(
        dir.path(),
        "b_new.txt",
        "new tools for network admins\n\nA list of tools.\n",
    );
    write(dir.path(), "c_exact.txt", "network\n\nThe word itself.\n");
    write(
        dir.path(),
        "d_kernel.txt",
        "Kernel notes\n\nThe first sentence is short. The memory leak was fixed in version 2.4.10 of the kernel! A third sentence follows.\n",
    );
    write(dir.path(), "e_rust.txt", "Rust compiler\n\nIt compiles.\n");
    write(
        dir.path(),
        "f_trust.txt",
        "trust issues\n\nNothing about memory here.\n",
    );
    write(
        dir.path(),
        "g_module.txt",
        "kernel module signing\n\nKeys and certificates.\n",
    );
    dir
}

fn dossier() -> Command {
    Command::cargo_bin("dossier").expect("binary")
}

fn search_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = dossier()
        .arg("search")
        .arg(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run");
    serde_json::from_slice(&out.stdout).expect("json")
}

fn titles(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| h["title"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn exact_title_ranks_first() {
    let dir = fixture();
    let hits = search_json(dir.path(), &["--query", "network", "--field", "title"]);
    let got = titles(&hits);
    // Same SkimMatcherV2 score for the exact title and "networking basics": the shorter wins;
    // "new tools for network admins" matches later in the title and scores lower.
    assert_eq!(got.first().map(String::as_str), Some("network"));
    assert_eq!(got.get(1).map(String::as_str), Some("networking basics"));
    assert!(got.contains(&"new tools for network admins".to_string()));
    assert_eq!(hits[0]["rank"], 1);
    assert_eq!(hits[0]["field"], "title");
    assert_eq!(hits[0]["file"], "c_exact.txt");
    assert!(hits[0]["sentence"].is_null());
    let scores: Vec<i64> = hits
        .as_array()
        .map(|a| a.iter().filter_map(|h| h["score"].as_i64()).collect())
        .unwrap_or_default();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn smart_case_and_all_terms_required() {
    let dir = fixture();
    let mut lower = titles(&search_json(
        dir.path(),
        &["-q", "rust", "--field", "title"],
    ));
    lower.sort();
    assert_eq!(lower, ["Rust compiler", "trust issues"]);
    let upper = titles(&search_json(
        dir.path(),
        &["-q", "Rust", "--field", "title"],
    ));
    assert_eq!(upper, ["Rust compiler"]);
    let both = titles(&search_json(
        dir.path(),
        &["-q", "kernel module", "--field", "title"],
    ));
    assert_eq!(both, ["kernel module signing"]);
}

#[test]
fn body_hit_points_at_its_sentence() {
    let dir = fixture();
    let hits = search_json(dir.path(), &["-q", "memory leak", "--field", "body"]);
    let hits = hits.as_array().cloned().unwrap_or_default();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hit = &hits[0];
    assert_eq!(hit["field"], "body");
    assert_eq!(hit["file"], "d_kernel.txt");
    assert_eq!(
        hit["sentence"],
        "The memory leak was fixed in version 2.4.10 of the kernel!"
    );
    let source = std::fs::read_to_string(dir.path().join("d_kernel.txt")).expect("read");
    let expected = source.find("memory leak").expect("in fixture");
    assert_eq!(hit["byte_offset"].as_u64(), Some(expected as u64));
    // The last sentence has no terminator: it runs to the end of the paragraph.
    let third = search_json(dir.path(), &["-q", "third", "--field", "body"]);
    assert_eq!(third[0]["sentence"], "A third sentence follows.");
}

#[test]
fn text_format_is_title_then_sentence() {
    let dir = fixture();
    dossier()
        .arg("search")
        .arg(dir.path())
        .args(["-q", "fixed version", "--field", "body"])
        .assert()
        .success()
        .stdout("Kernel notes — The memory leak was fixed in version 2.4.10 of the kernel!\n");
    dossier()
        .arg("search")
        .arg(dir.path())
        .args(["-q", "Rust", "--field", "title"])
        .assert()
        .success()
        .stdout("Rust compiler\n");
}

#[test]
fn limit_caps_the_hits() {
    let dir = fixture();
    let hits = search_json(dir.path(), &["-q", "n", "--field", "title", "--limit", "2"]);
    assert_eq!(hits.as_array().map(Vec::len), Some(2));
}

#[test]
fn no_hit_exits_1_with_no_output() {
    let dir = fixture();
    dossier()
        .arg("search")
        .arg(dir.path())
        .args(["-q", "zzqqxx"])
        .assert()
        .code(1)
        .stdout("");
    dossier()
        .arg("search")
        .arg(dir.path())
        .args(["-q", "memory zebra", "--field", "body"])
        .assert()
        .code(1);
}

#[test]
fn bench_prints_one_timing_line() {
    let dir = fixture();
    dossier()
        .arg("search")
        .arg(dir.path())
        .args([
            "-q",
            "net",
            "--field",
            "title",
            "--bench",
            "30ms",
            "--threads",
            "2",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"^avg: \d+\.\d\d ms  min: \d+\.\d\d ms  max: \d+\.\d\d ms  runs: [1-9]\d*\n$",
            )
            .expect("regex"),
        );
}

#[test]
fn bad_duration_is_a_usage_error() {
    let dir = fixture();
    dossier()
        .arg("search")
        .arg(dir.path())
        .args(["-q", "net", "--bench", "soon"])
        .assert()
        .code(2);
}
