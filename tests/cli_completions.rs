//! Completions and the man page are generated from the clap definition.

use assert_cmd::Command;
use std::io::Write;
use std::process::Stdio;

fn dossier(args: &[&str]) -> String {
    let out = Command::cargo_bin("dossier")
        .expect("binary built")
        .args(args)
        .output()
        .expect("dossier runs");
    assert!(out.status.success(), "dossier {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn bash_completion_is_valid_bash_and_knows_the_subcommands() {
    let script = dossier(&["completions", "bash"]);
    for word in ["list", "show", "--no-color", "--max-file-size"] {
        assert!(script.contains(word), "bash completion lacks {word}");
    }
    let mut bash = std::process::Command::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .spawn()
        .expect("bash available");
    bash.stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write script");
    assert!(
        bash.wait().expect("bash exits").success(),
        "bash -n rejected the script"
    );
}

#[test]
fn zsh_and_fish_completions_name_the_subcommands() {
    let zsh = dossier(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef dossier"));
    assert!(zsh.contains("'list:"), "zsh completion lacks list");
    let fish = dossier(&["completions", "fish"]);
    assert!(fish.contains("complete -c dossier"));
    assert!(fish.contains("-a \"show\""), "fish completion lacks show");
}

#[test]
fn man_page_renders_with_groff_when_available() {
    let page = dossier(&["man"]);
    assert!(page.contains(".TH dossier 1"));
    assert!(page.contains("\\-\\-no\\-color"));
    let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    else {
        eprintln!("groff not installed: rendering not checked");
        return;
    };
    groff
        .stdin
        .take()
        .expect("stdin")
        .write_all(page.as_bytes())
        .expect("write page");
    let rendered = groff.wait_with_output().expect("groff exits");
    assert!(rendered.status.success());
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(text.contains("terminal reader"), "rendered page: {text}");
}
