//! Saved reading state under the XDG state dir: read marks, the last article and scroll
//! position, per collection (the canonical paths the reader was opened on).
//!
//! The file is a convenience, never a reason to fail: a missing file is an empty state, a corrupt
//! one is ignored with a warning, and writes go to a temporary file renamed over the old one so a
//! crash never leaves half a file.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What is remembered about one collection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CollectionState {
    /// Articles marked read, by origin (path as loaded, or `seeds/NAME`).
    pub read: BTreeSet<String>,
    /// Origin of the article open when the reader quit.
    pub last_article: Option<String>,
    /// First visible wrapped line of that article.
    pub scroll: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedState {
    version: u32,
    /// Collection key (see [`collection_key`]) -> its state.
    collections: BTreeMap<String, CollectionState>,
}

const VERSION: u32 = 1;
/// Keep the file small: forget the least recently listed collections beyond this many.
const MAX_COLLECTIONS: usize = 200;

/// The key of a collection: its inputs' canonical paths, sorted, joined by newlines.
/// The built-in seeds are `<seeds>`, stdin is not saved (`None`).
pub fn collection_key(paths: &[PathBuf]) -> Option<String> {
    if paths.is_empty() {
        return Some("<seeds>".to_string());
    }
    let mut keys = Vec::with_capacity(paths.len());
    for path in paths {
        if path.as_os_str() == "-" {
            return None;
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        keys.push(canonical.to_string_lossy().into_owned());
    }
    keys.sort();
    keys.dedup();
    Some(keys.join("\n"))
}

/// `$XDG_STATE_HOME/dossier/state.json` (or the platform's equivalent).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let dirs = etcetera::choose_base_strategy().ok()?;
    let base = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_dir().join("state"));
    Some(base.join("dossier").join("state.json"))
}

impl SavedState {
    /// Read the state file. Returns the state and, when the file was unreadable or corrupt, a
    /// one-line warning (the state is then empty).
    pub fn load(path: &Path) -> (SavedState, Option<String>) {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return (SavedState::default(), None)
            }
            Err(err) => {
                return (
                    SavedState::default(),
                    Some(format!("{}: {err}; starting afresh", path.display())),
                )
            }
        };
        match serde_json::from_slice::<SavedState>(&bytes) {
            Ok(state) if state.version <= VERSION => (state, None),
            Ok(_) => (
                SavedState::default(),
                Some(format!(
                    "{}: written by a newer dossier; ignored",
                    path.display()
                )),
            ),
            Err(err) => (
                SavedState::default(),
                Some(format!(
                    "{}: corrupt state file ({err}); ignored",
                    path.display()
                )),
            ),
        }
    }

    pub fn collection(&self, key: &str) -> Option<&CollectionState> {
        self.collections.get(key)
    }

    pub fn set_collection(&mut self, key: &str, state: CollectionState) {
        self.collections.insert(key.to_string(), state);
        while self.collections.len() > MAX_COLLECTIONS {
            let Some(first) = self.collections.keys().next().cloned() else {
                break;
            };
            if first == key {
                break;
            }
            self.collections.remove(&first);
        }
    }

    /// Write atomically: a temporary file in the same folder, synced, then renamed.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or_else(|| Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut state = self.clone();
        state.version = VERSION;
        let json = serde_json::to_vec_pretty(&state).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!(
            ".{}.{}.tmp",
            path.file_name()
                .map_or_else(|| "state".into(), |n| n.to_string_lossy()),
            std::process::id()
        ));
        let result = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&json)?;
            file.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CollectionState {
        CollectionState {
            read: ["seeds/001_a881549f84637386.txt".to_string()].into(),
            last_article: Some("seeds/003_766daca9b8a24f06.txt".into()),
            scroll: 12,
        }
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("nested").join("state.json");
        let mut state = SavedState::default();
        state.set_collection("<seeds>", sample());
        state.save(&path).expect("saved");
        let (back, warning) = SavedState::load(&path);
        assert_eq!(warning, None);
        assert_eq!(back.collection("<seeds>"), Some(&sample()));
        // No temporary file left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("state.json")]);
    }

    #[test]
    fn missing_file_is_empty_without_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (state, warning) = SavedState::load(&dir.path().join("none.json"));
        assert_eq!(state, SavedState::default());
        assert_eq!(warning, None);
    }

    #[test]
    fn corrupt_file_is_ignored_with_a_warning_and_then_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        std::fs::write(&path, b"{\"collections\": {\"x\": [1, 2").expect("write");
        let (mut state, warning) = SavedState::load(&path);
        assert_eq!(state, SavedState::default());
        let warning = warning.expect("a warning");
        assert!(warning.contains("corrupt state file"), "{warning}");
        state.set_collection("<seeds>", sample());
        state.save(&path).expect("saved over the corrupt file");
        assert_eq!(
            SavedState::load(&path).0.collection("<seeds>"),
            Some(&sample())
        );
    }

    #[test]
    fn collection_keys() {
        assert_eq!(collection_key(&[]).as_deref(), Some("<seeds>"));
        assert_eq!(collection_key(&[PathBuf::from("-")]), None);
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::create_dir(&a).expect("a");
        std::fs::create_dir(&b).expect("b");
        // Order of the arguments and relative spellings do not matter.
        let one = collection_key(&[a.clone(), b.clone()]);
        let two = collection_key(&[b, a.join("..").join("a")]);
        assert_eq!(one, two);
    }
}
