//! Where an article comes from: its path, with the folder part shared by every article of the
//! folder (issue 6: at 100k articles the folders, `/tmp/dossier-corpus/100000/man/` and a few
//! more, were 3.3 MB of the arenas, stored again in each article).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, PoisonError, RwLock};

/// An article's origin, the path as given on the command line (or found while walking),
/// `seeds/NAME` or `stdin`, in its two parts: the folder, up to and including the last `/`,
/// and the file name after it. Split there always, so two origins are equal (and hash alike)
/// exactly when their paths are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Origin<'a> {
    folder: &'a str,
    name: &'a str,
}

impl<'a> Origin<'a> {
    /// The origin of this path.
    pub fn of(path: &'a str) -> Origin<'a> {
        let split = path
            .rfind('/')
            .and_then(|slash| path.split_at_checked(slash + 1));
        match split {
            Some((folder, name)) => Origin { folder, name },
            None => Origin {
                folder: "",
                name: path,
            },
        }
    }

    /// An origin stored as its two parts (`name` holds no `/`).
    pub(super) fn with_folder(folder: &'a str, name: &'a str) -> Origin<'a> {
        Origin { folder, name }
    }

    /// Up to and including the last `/` (empty when there is none).
    pub fn folder(self) -> &'a str {
        self.folder
    }

    /// After the last `/`.
    pub fn file_name(self) -> &'a str {
        self.name
    }

    /// The whole path, borrowed when it has no folder.
    pub fn to_str(self) -> Cow<'a, str> {
        if self.folder.is_empty() {
            Cow::Borrowed(self.name)
        } else {
            Cow::Owned([self.folder, self.name].concat())
        }
    }
}

impl std::fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.folder)?;
        f.write_str(self.name)
    }
}

impl PartialEq<str> for Origin<'_> {
    fn eq(&self, path: &str) -> bool {
        path.strip_prefix(self.folder) == Some(self.name)
    }
}

impl PartialEq<&str> for Origin<'_> {
    fn eq(&self, path: &&str) -> bool {
        *self == **path
    }
}

/// The folders of the loaded articles, each stored once, by id. Id 0 is no folder. Folders
/// are leaked: a process meets few (one per folder it loads, the same ones again on reload).
struct Folders {
    ids: HashMap<&'static str, u32>,
    paths: Vec<&'static str>,
}

static FOLDERS: LazyLock<RwLock<Folders>> = LazyLock::new(|| {
    RwLock::new(Folders {
        ids: HashMap::new(),
        paths: vec![""],
    })
});

/// The id of `folder` (`None` past `u32::MAX` folders: the caller keeps the whole path).
pub(super) fn folder_id(folder: &str) -> Option<u32> {
    if folder.is_empty() {
        return Some(0);
    }
    let known = FOLDERS.read().unwrap_or_else(PoisonError::into_inner);
    if let Some(&id) = known.ids.get(folder) {
        return Some(id);
    }
    drop(known);
    let mut folders = FOLDERS.write().unwrap_or_else(PoisonError::into_inner);
    if let Some(&id) = folders.ids.get(folder) {
        return Some(id);
    }
    let id = u32::try_from(folders.paths.len()).ok()?;
    let folder: &'static str = Box::leak(folder.into());
    folders.paths.push(folder);
    folders.ids.insert(folder, id);
    Some(id)
}

/// The folder of id `id` (empty for an unknown id).
pub(super) fn folder(id: u32) -> &'static str {
    let folders = FOLDERS.read().unwrap_or_else(PoisonError::into_inner);
    usize::try_from(id)
        .ok()
        .and_then(|id| folders.paths.get(id).copied())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Split and put back together, an origin is its path, compares equal to it and
        /// equal origins are equal paths.
        #[test]
        fn origins_are_their_paths(a in "[a/.é]{0,8}", b in "[a/.é]{0,8}") {
            let (origin, other) = (Origin::of(&a), Origin::of(&b));
            prop_assert_eq!(origin.to_string(), a.clone());
            prop_assert_eq!(origin.to_str(), a.as_str());
            prop_assert!(origin == a.as_str());
            prop_assert_eq!(origin == b.as_str(), a == b);
            prop_assert_eq!(origin == other, a == b);
            prop_assert!(!origin.file_name().contains('/'));
            let id = folder_id(origin.folder());
            prop_assert_eq!(id.map(folder), Some(origin.folder()));
        }
    }

    #[test]
    fn folders_are_stored_once() {
        let id = folder_id("some/folder/");
        assert_eq!(id, folder_id("some/folder/"));
        assert_ne!(id, folder_id("some/other/"));
        assert_eq!(folder_id(""), Some(0));
        assert_eq!(folder(0), "");
        assert_eq!(folder(u32::MAX), "");
    }
}
