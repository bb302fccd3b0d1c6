//! The load cache through the real binary: a second run of a large folder gives the same
//! output from the cache, `--no-cache` leaves no cache, and a changed file shows at once.

use std::path::Path;
use std::process::Command;

fn tmp() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("tempdir: {err}"),
    }
}

fn dossier(cache_home: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("XDG_CACHE_HOME", cache_home)
        .env("HOME", cache_home)
        .output();
    match out {
        Ok(out) => {
            assert!(out.status.success(), "dossier {args:?} failed");
            (
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        }
        Err(err) => panic!("run dossier: {err}"),
    }
}

fn cache_files(cache_home: &Path) -> usize {
    std::fs::read_dir(cache_home.join("dossier/loads")).map_or(0, |dir| dir.count())
}

#[test]
fn a_large_folder_loads_the_same_from_its_cache_and_follows_changes() {
    let root = tmp();
    for i in 0..240 {
        let text =
            format!("Titre {i}\n\nSource : Exemple\n\nEn mai 2025, {i} choses ont eu lieu.\n");
        std::fs::write(root.path().join(format!("{i:03}.txt")), text).ok();
    }
    // Files written within the last seconds are not cached (a change in the same timestamp
    // tick could go unseen): let them settle.
    std::thread::sleep(std::time::Duration::from_millis(3500));
    let folder = root.path().to_string_lossy().into_owned();
    let cache = tmp();
    let no_cache = tmp();
    let cold = dossier(
        no_cache.path(),
        &["events", "--no-cache", &folder, "--format", "json"],
    );
    assert_eq!(cache_files(no_cache.path()), 0);
    let first = dossier(cache.path(), &["events", &folder, "--format", "json"]);
    assert_eq!(cache_files(cache.path()), 1);
    let warm = dossier(cache.path(), &["events", &folder, "--format", "json"]);
    assert_eq!(first, cold);
    assert_eq!(warm, cold);
    assert!(warm.0.contains("\"2025-05\""));

    std::fs::write(
        root.path().join("007.txt"),
        "Changé\n\nLe 3 juin 2026, tout a changé.\n",
    )
    .ok();
    let list = dossier(cache.path(), &["list", &folder, "--format", "tsv"]);
    assert!(list.0.contains("Changé"), "{}", list.0);
    assert!(!list.0.contains("Titre 7\t"));
}
