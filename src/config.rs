//! The configuration file (TOML, every key optional; DESIGN.md §4b).
//!
//! Parsed and checked before the terminal is touched: any problem is one line
//! `FILE:LINE: problem`, and the program exits 2. Keys are kept as terminal-free `KeyChord`s so
//! this module stays independent of crossterm; the reader maps terminal events onto them.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// One configuration problem, printed as `FILE:LINE: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    /// 1-based; 0 when the problem is not at a line (the file cannot be read).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = crate::core::sanitize::sanitize_line(&self.file);
        let message = crate::core::sanitize::sanitize_line(&self.message);
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}: {message}", self.line)
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    #[default]
    Input,
    Date,
    Title,
}

/// The views a `[keys.VIEW]` table may name: the reader's key contexts.
pub const KEY_VIEWS: [&str; 6] = ["list", "reader", "timeline", "compare", "help", "prompt"];

/// An entry of `[keys]`: an action's keys everywhere, or a `[keys.VIEW]` table of them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum KeyEntry {
    Keys(KeyList),
    View(BTreeMap<String, KeyList>),
}

/// One key or a list of keys, as written in `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    fn items(&self) -> Vec<&str> {
        match self {
            KeyList::One(key) => vec![key.as_str()],
            KeyList::Many(keys) => keys.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    keys: BTreeMap<Spanned<String>, Spanned<KeyEntry>>,
    theme: RawTheme,
    reader: RawReader,
    list: RawList,
    ui: RawUi,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawTheme {
    accent: Option<Spanned<String>>,
    selection: Option<Spanned<String>>,
    heading: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    search: Option<Spanned<String>>,
    dim: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawReader {
    measure: Option<Spanned<u16>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawUi {
    mouse: Option<bool>,
    dates: Option<DateDisplay>,
}

/// How the reader writes dates: `fr` (`19 févr. 2025`, the default), `en` (`19 Feb 2025`),
/// `iso` (`2025-02-19`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateDisplay {
    #[default]
    #[serde(rename = "fr")]
    French,
    #[serde(rename = "en")]
    English,
    Iso,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawList {
    sort: Option<SortOrder>,
}

/// A terminal-independent key: what `[keys]` entries and the default keymap are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    pub key: Key,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

impl KeyChord {
    pub const fn plain(key: Key) -> KeyChord {
        KeyChord {
            key,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ctrl(c: char) -> KeyChord {
        KeyChord {
            key: Key::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parse `x`, `X`, `ctrl-d`, `C-d`, `alt-x`, `enter`, `esc`, `space`, `pgdn`, `f1`, `shift-tab`.
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = ["ctrl-", "c-", "alt-", "a-", "m-", "shift-", "s-"]
                .into_iter()
                .find(|p| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some(p @ ("ctrl-" | "c-")) => {
                    ctrl = true;
                    rest = &rest[p.len()..];
                }
                Some(p @ ("alt-" | "a-" | "m-")) => {
                    alt = true;
                    rest = &rest[p.len()..];
                }
                Some(p) => {
                    shift = true;
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => Key::Char(if shift { c.to_ascii_uppercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "cr" => Key::Enter,
                "esc" | "escape" => Key::Esc,
                "tab" if shift => Key::BackTab,
                "tab" => Key::Tab,
                "backtab" => Key::BackTab,
                "backspace" | "bs" => Key::Backspace,
                "delete" | "del" => Key::Delete,
                "insert" | "ins" => Key::Insert,
                "space" => Key::Char(' '),
                "up" => Key::Up,
                "down" => Key::Down,
                "left" => Key::Left,
                "right" => Key::Right,
                "home" => Key::Home,
                "end" => Key::End,
                "pageup" | "pgup" => Key::PageUp,
                "pagedown" | "pgdn" | "pgdown" => Key::PageDown,
                other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=24) => Key::F(n),
                    _ => return Err(format!("unknown key \"{text}\"")),
                },
            },
        };
        if ctrl && matches!(key, Key::Char(c) if !c.is_ascii_alphabetic()) && key != Key::Char(' ')
        {
            return Err(format!(
                "unsupported key \"{text}\": ctrl goes with a letter"
            ));
        }
        Ok(KeyChord {
            key: match key {
                Key::Char(c) if ctrl => Key::Char(c.to_ascii_lowercase()),
                other => other,
            },
            ctrl,
            alt,
        })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("M-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("Space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Enter => f.write_str("Enter"),
            Key::Esc => f.write_str("Esc"),
            Key::Tab => f.write_str("Tab"),
            Key::BackTab => f.write_str("S-Tab"),
            Key::Backspace => f.write_str("Backspace"),
            Key::Delete => f.write_str("Del"),
            Key::Insert => f.write_str("Ins"),
            Key::Up => f.write_str("Up"),
            Key::Down => f.write_str("Down"),
            Key::Left => f.write_str("Left"),
            Key::Right => f.write_str("Right"),
            Key::Home => f.write_str("Home"),
            Key::End => f.write_str("End"),
            Key::PageUp => f.write_str("PgUp"),
            Key::PageDown => f.write_str("PgDn"),
            Key::F(n) => write!(f, "F{n}"),
        }
    }
}

/// The 16 ANSI colour names a theme accepts, plus `default`, `reverse` and `bold` styles.
pub const COLOUR_NAMES: [&str; 19] = [
    "default",
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "darkgray",
    "lightred",
    "lightgreen",
    "lightyellow",
    "lightblue",
    "lightmagenta",
    "lightcyan",
    "white",
    "reverse",
    "bold",
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeConfig {
    pub accent: Option<String>,
    pub selection: Option<String>,
    pub heading: Option<String>,
    pub date: Option<String>,
    pub search: Option<String>,
    pub dim: Option<String>,
}

/// The checked configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Where it was read from, if anywhere.
    pub path: Option<PathBuf>,
    /// Action name (snake_case) -> keys replacing that action's defaults.
    pub keys: BTreeMap<String, Vec<KeyChord>>,
    /// `[keys.VIEW]`: view -> action -> keys replacing that action's keys in that view only
    /// (over `keys`).
    pub view_keys: BTreeMap<String, BTreeMap<String, Vec<KeyChord>>>,
    pub theme: ThemeConfig,
    /// Maximum text width in the reading pane.
    pub measure: Option<u16>,
    pub sort: SortOrder,
    /// Capture the mouse (wheel scrolls, click selects). Off by default so the terminal's own
    /// text selection keeps working.
    pub mouse: bool,
    pub dates: DateDisplay,
}

/// `$XDG_CONFIG_HOME/dossier/config.toml` (or the platform's equivalent).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|dirs| dirs.config_dir().join("dossier").join("config.toml"))
}

impl Config {
    /// Load `explicit` (it must exist) or the default path (a missing file is the defaults).
    /// `actions` are the action names the reader knows, for checking `[keys]`.
    pub fn load(explicit: Option<&Path>, actions: &[&str]) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match default_path() {
                Some(path) if path.is_file() => path,
                _ => return Ok(Config::default()),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|err| ConfigError {
            file: path.display().to_string(),
            line: 0,
            message: err.to_string(),
        })?;
        let mut config = Config::parse(&text, &path.display().to_string(), actions)?;
        config.path = Some(path);
        Ok(config)
    }

    /// Parse and check a configuration text; `file` names it in errors.
    pub fn parse(text: &str, file: &str, actions: &[&str]) -> Result<Config, ConfigError> {
        let error_at = |offset: usize, message: String| ConfigError {
            file: file.to_string(),
            line: line_of(text, offset),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            let offset = err.span().map_or(0, |span| span.start);
            let message = err
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_string();
            error_at(offset, message)
        })?;

        // One action's keys; errors point at `at` (the entry, or its view's table).
        let chords_for = |action: &str, list: &KeyList, table: &str, at: usize| {
            if !actions.contains(&action) {
                return Err(error_at(
                    at,
                    format!("unknown action \"{action}\" in [{table}]"),
                ));
            }
            let chords = list
                .items()
                .into_iter()
                .map(|key| KeyChord::parse(key).map_err(|m| error_at(at, m)))
                .collect::<Result<Vec<_>, _>>()?;
            if chords.is_empty() {
                return Err(error_at(at, format!("no key given for \"{action}\"")));
            }
            Ok(chords)
        };
        let mut keys = BTreeMap::new();
        let mut view_keys = BTreeMap::new();
        for (name, entry) in &raw.keys {
            match entry.get_ref() {
                KeyEntry::Keys(list) => {
                    let chords = chords_for(name.get_ref(), list, "keys", name.span().start)?;
                    keys.insert(name.get_ref().clone(), chords);
                }
                KeyEntry::View(table) => {
                    let view = name.get_ref();
                    if !KEY_VIEWS.contains(&view.as_str()) {
                        return Err(error_at(
                            name.span().start,
                            format!(
                                "unknown view \"{view}\" in [keys] (views: {})",
                                KEY_VIEWS.join(", ")
                            ),
                        ));
                    }
                    let table_name = format!("keys.{view}");
                    let mut bound = BTreeMap::new();
                    for (action, list) in table {
                        let at = entry.span().start;
                        bound.insert(action.clone(), chords_for(action, list, &table_name, at)?);
                    }
                    view_keys.insert(view.clone(), bound);
                }
            }
        }

        let colour = |value: &Option<Spanned<String>>| -> Result<Option<String>, ConfigError> {
            let Some(value) = value else { return Ok(None) };
            let name = value
                .get_ref()
                .to_ascii_lowercase()
                .replace([' ', '_', '-'], "");
            if COLOUR_NAMES.contains(&name.as_str()) {
                Ok(Some(name))
            } else {
                Err(error_at(
                    value.span().start,
                    format!(
                        "unknown colour \"{}\" (use one of: {})",
                        value.get_ref(),
                        COLOUR_NAMES.join(", ")
                    ),
                ))
            }
        };
        let theme = ThemeConfig {
            accent: colour(&raw.theme.accent)?,
            selection: colour(&raw.theme.selection)?,
            heading: colour(&raw.theme.heading)?,
            date: colour(&raw.theme.date)?,
            search: colour(&raw.theme.search)?,
            dim: colour(&raw.theme.dim)?,
        };
        let measure = match raw.reader.measure {
            Some(m) if !(20..=400).contains(m.get_ref()) => {
                return Err(error_at(
                    m.span().start,
                    "measure must be between 20 and 400 columns".to_string(),
                ))
            }
            Some(m) => Some(*m.get_ref()),
            None => None,
        };
        Ok(Config {
            path: None,
            keys,
            view_keys,
            theme,
            measure,
            sort: raw.list.sort.unwrap_or_default(),
            mouse: raw.ui.mouse.unwrap_or(false),
            dates: raw.ui.dates.unwrap_or_default(),
        })
    }
}

/// 1-based line number of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .get(..end)
        .map_or(0, |head| memchr::memchr_iter(b'\n', head).count())
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIONS: [&str; 3] = ["quit", "next_event", "move_down"];

    #[test]
    fn full_example_parses() {
        let text = "[keys]\nquit = [\"x\"]\nnext_event = \"]\"\n[theme]\naccent = \"cyan\"\n\
                    selection = \"reverse\"\n[reader]\nmeasure = 80\n[list]\nsort = \"date\"\n\
                    [ui]\nmouse = true\ndates = \"iso\"\n";
        let config = Config::parse(text, "c.toml", &ACTIONS).expect("valid config");
        assert_eq!(
            config.keys.get("quit"),
            Some(&vec![KeyChord::plain(Key::Char('x'))])
        );
        assert_eq!(
            config.keys.get("next_event"),
            Some(&vec![KeyChord::plain(Key::Char(']'))])
        );
        assert_eq!(config.theme.accent.as_deref(), Some("cyan"));
        assert_eq!(config.measure, Some(80));
        assert_eq!(config.sort, SortOrder::Date);
        assert!(config.mouse);
        assert_eq!(config.dates, DateDisplay::Iso);
    }

    #[test]
    fn view_tables_bind_keys_in_one_view() {
        let config = Config::parse(
            "[keys]\nquit = \"x\"\n[keys.timeline]\nmove_down = [\"J\", \"ctrl-n\"]\n",
            "c.toml",
            &ACTIONS,
        )
        .expect("valid config");
        assert_eq!(config.keys.len(), 1);
        let timeline = config.view_keys.get("timeline").expect("timeline table");
        assert_eq!(timeline.get("move_down").map(Vec::len), Some(2));
        let err = Config::parse("\n[keys.lists]\nquit = \"x\"\n", "c.toml", &ACTIONS)
            .expect_err("unknown view");
        assert_eq!(
            err.to_string(),
            "c.toml:2: unknown view \"lists\" in [keys] (views: list, reader, timeline, compare, help, prompt)"
        );
        let err = Config::parse("[keys.reader]\nfly = \"x\"\n", "c.toml", &ACTIONS)
            .expect_err("unknown action");
        assert!(
            err.to_string()
                .contains("unknown action \"fly\" in [keys.reader]"),
            "{err}"
        );
    }

    #[test]
    fn empty_file_is_the_defaults() {
        assert_eq!(Config::parse("", "c.toml", &ACTIONS), Ok(Config::default()));
    }

    #[test]
    fn unknown_action_names_its_line() {
        let err = Config::parse("[keys]\nquit = \"x\"\nfly = \"f\"\n", "c.toml", &ACTIONS)
            .expect_err("unknown action");
        assert_eq!(
            err.to_string(),
            "c.toml:3: unknown action \"fly\" in [keys]"
        );
    }

    #[test]
    fn toml_syntax_error_names_its_line() {
        let err =
            Config::parse("[theme]\naccent = \"cyan\n", "c.toml", &ACTIONS).expect_err("bad toml");
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("c.toml:2: "), "{err}");
    }

    #[test]
    fn unknown_section_and_bad_values_are_errors() {
        let err = Config::parse("[colours]\na = 1\n", "c.toml", &ACTIONS).expect_err("section");
        assert_eq!(err.line, 1);
        let err =
            Config::parse("[theme]\naccent = \"mauve\"\n", "c.toml", &ACTIONS).expect_err("colour");
        assert!(err
            .to_string()
            .starts_with("c.toml:2: unknown colour \"mauve\""));
        let err =
            Config::parse("\n[reader]\nmeasure = 5\n", "c.toml", &ACTIONS).expect_err("measure");
        assert_eq!(err.line, 3);
        let err = Config::parse("[keys]\nquit = \"ctrl-\"\n", "c.toml", &ACTIONS).expect_err("key");
        assert_eq!(err.to_string(), "c.toml:2: unknown key \"ctrl-\"");
    }

    #[test]
    fn key_syntax() {
        assert_eq!(KeyChord::parse("ctrl-d"), Ok(KeyChord::ctrl('d')));
        assert_eq!(KeyChord::parse("C-U"), Ok(KeyChord::ctrl('u')));
        assert_eq!(KeyChord::parse("pgdn"), Ok(KeyChord::plain(Key::PageDown)));
        assert_eq!(
            KeyChord::parse("shift-tab"),
            Ok(KeyChord::plain(Key::BackTab))
        );
        assert_eq!(
            KeyChord::parse("space"),
            Ok(KeyChord::plain(Key::Char(' ')))
        );
        assert_eq!(KeyChord::parse("G"), Ok(KeyChord::plain(Key::Char('G'))));
        assert!(KeyChord::parse("hyper-x").is_err());
        assert!(KeyChord::parse("f99").is_err());
        assert_eq!(KeyChord::ctrl('d').to_string(), "C-d");
    }
}
