//! Default key bindings as data: key -> action + description, per context. The help overlay and
//! the hint bar are generated from this table, so they cannot drift from what the keys do.

use crate::config::KeyChord;
use crate::tui::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// Where a binding applies. Lookup walks the active contexts from the most specific one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Reader,
    Timeline,
    Compare,
    Help,
    Prompt,
}

impl Context {
    /// Every context but `Global`: the views a `[keys.VIEW]` table can name.
    pub const VIEWS: [Context; 6] = [
        Context::List,
        Context::Reader,
        Context::Timeline,
        Context::Compare,
        Context::Help,
        Context::Prompt,
    ];

    /// The name of a `[keys.VIEW]` table (one of `config::KEY_VIEWS`); `Global` has none.
    pub fn config_name(self) -> Option<&'static str> {
        match self {
            Context::Global => None,
            Context::List => Some("list"),
            Context::Reader => Some("reader"),
            Context::Timeline => Some("timeline"),
            Context::Compare => Some("compare"),
            Context::Help => Some("help"),
            Context::Prompt => Some("prompt"),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Reader => "Reader",
            Context::Timeline => "Timeline",
            Context::Compare => "Comparison of mentions",
            Context::Help => "This help",
            Context::Prompt => "Prompts (search, filter)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Normalise a terminal key event: Shift is part of the character for printable keys and
    /// of BackTab, so it is dropped there (terminals disagree on reporting it).
    pub fn from_event(event: &KeyEvent) -> Key {
        let mut modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers |= event.modifiers & KeyModifiers::SHIFT;
        }
        Key {
            code: event.code,
            modifiers,
        }
    }

    /// How the key is written in help and the hint bar.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: &'static str,
    /// Shown in the hint bar, in this order, with this word.
    pub hint: Option<(u8, &'static str)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
    /// Actions a `[keys.VIEW]` table rebound in that view: there, the action's bindings from
    /// other contexts (`Global`) no longer answer, so the view's keys replace them.
    pub view_only: Vec<(Context, Action)>,
}

fn bind(context: Context, keys: &[Key], action: Action, description: &'static str) -> Binding {
    Binding {
        context,
        keys: keys.to_vec(),
        action,
        description,
        hint: None,
    }
}

fn hinted(mut binding: Binding, rank: u8, word: &'static str) -> Binding {
    binding.hint = Some((rank, word));
    binding
}

impl Key {
    /// The terminal key for a configured chord.
    pub fn from_chord(chord: &KeyChord) -> Key {
        use crate::config::Key as K;
        let code = match chord.key {
            K::Char(c) => KeyCode::Char(c),
            K::Enter => KeyCode::Enter,
            K::Esc => KeyCode::Esc,
            K::Tab => KeyCode::Tab,
            K::BackTab => KeyCode::BackTab,
            K::Backspace => KeyCode::Backspace,
            K::Delete => KeyCode::Delete,
            K::Insert => KeyCode::Insert,
            K::Up => KeyCode::Up,
            K::Down => KeyCode::Down,
            K::Left => KeyCode::Left,
            K::Right => KeyCode::Right,
            K::Home => KeyCode::Home,
            K::End => KeyCode::End,
            K::PageUp => KeyCode::PageUp,
            K::PageDown => KeyCode::PageDown,
            K::F(n) => KeyCode::F(n),
        };
        let mut modifiers = KeyModifiers::NONE;
        if chord.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if chord.alt {
            modifiers |= KeyModifiers::ALT;
        }
        Key { code, modifiers }
    }
}

impl Key {
    /// How the key is written in a config file (`ctrl-d`, `pgdn`, `space`, `G`).
    pub fn config_name(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::Insert => "insert".into(),
            KeyCode::Up => "up".into(),
            KeyCode::Down => "down".into(),
            KeyCode::Left => "left".into(),
            KeyCode::Right => "right".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pgup".into(),
            KeyCode::PageDown => "pgdn".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        let mut name = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            name.push_str("ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            name.push_str("alt-");
        }
        name.push_str(&base);
        name
    }
}

impl Keymap {
    /// Every configurable action with its keys (first binding's context wins), in name order:
    /// what `--print-config` shows.
    pub fn effective_keys(&self) -> Vec<(String, Vec<String>)> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for binding in &self.bindings {
            let keys = out.entry(binding.action.name()).or_default();
            for key in &binding.keys {
                let name = key.config_name();
                if !keys.contains(&name) {
                    keys.push(name);
                }
            }
        }
        out.into_iter().collect()
    }

    /// The action names a config file may bind: every action with a default key.
    pub fn action_names() -> Vec<String> {
        let mut names: Vec<String> = Keymap::default()
            .bindings
            .iter()
            .map(|b| b.action.name())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Replace the keys of the actions the configuration names: `keys` in every context,
    /// `view_keys` (by view name) in that view only, over `keys`. Help and the hint bar are
    /// made from the bindings, so they show the user's keys.
    pub fn with_overrides(
        mut self,
        keys: &BTreeMap<String, Vec<KeyChord>>,
        view_keys: &BTreeMap<String, BTreeMap<String, Vec<KeyChord>>>,
    ) -> Keymap {
        for binding in &mut self.bindings {
            let action = binding.action.name();
            let in_view = binding
                .context
                .config_name()
                .and_then(|view| view_keys.get(view))
                .and_then(|actions| actions.get(&action));
            if let Some(chords) = in_view.or_else(|| keys.get(&action)) {
                binding.keys = chords.iter().map(Key::from_chord).collect();
            }
        }
        // An action bound everywhere (quit, help, moves...) set for one view gets a binding of
        // that view, which replaces the global one there (`view_only`).
        for context in Context::VIEWS {
            let Some(actions) = context.config_name().and_then(|view| view_keys.get(view)) else {
                continue;
            };
            for (action, chords) in actions {
                if let Some(bound) = self
                    .bindings
                    .iter()
                    .find(|b| b.context == context && b.action.name() == *action)
                {
                    self.view_only.push((context, bound.action));
                    continue;
                }
                let Some(global) = self
                    .bindings
                    .iter()
                    .find(|b| b.context == Context::Global && b.action.name() == *action)
                else {
                    continue;
                };
                let binding = Binding {
                    context,
                    keys: chords.iter().map(Key::from_chord).collect(),
                    ..global.clone()
                };
                self.view_only.push((context, binding.action));
                self.bindings.push(binding);
            }
        }
        self
    }
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Action as A;
        use Context::*;
        use KeyCode as K;
        let p = Key::plain;
        let c = Key::ch;
        let movement = |ctx: Context| {
            vec![
                bind(ctx, &[c('j'), p(K::Down)], A::Down, "move down"),
                bind(ctx, &[c('k'), p(K::Up)], A::Up, "move up"),
                bind(ctx, &[c('g'), p(K::Home)], A::Top, "go to the top"),
                bind(ctx, &[c('G'), p(K::End)], A::Bottom, "go to the bottom"),
                bind(ctx, &[Key::ctrl('d')], A::HalfPageDown, "half a page down"),
                bind(ctx, &[Key::ctrl('u')], A::HalfPageUp, "half a page up"),
                bind(ctx, &[p(K::PageDown), c(' ')], A::PageDown, "a page down"),
                bind(ctx, &[p(K::PageUp), c('b')], A::PageUp, "a page up"),
            ]
        };
        let mut bindings = vec![
            bind(Global, &[Key::ctrl('c')], A::ForceQuit, "quit at once"),
            bind(
                Global,
                &[Key::ctrl('z')],
                A::Suspend,
                "suspend (fg resumes)",
            ),
            hinted(
                bind(Global, &[c('?'), p(K::F(1))], A::Help, "this help"),
                1,
                "help",
            ),
            hinted(
                bind(
                    Global,
                    &[c('t')],
                    A::ToggleTimeline,
                    "timeline / back to articles",
                ),
                3,
                "timeline",
            ),
            hinted(
                bind(
                    Global,
                    &[c('q')],
                    A::Quit,
                    "close the view; quit at the root",
                ),
                4,
                "quit",
            ),
            bind(
                Global,
                &[p(K::Esc)],
                A::Back,
                "back: close, clear the search, leave",
            ),
            bind(Global, &[p(K::Tab)], A::NextPane, "next pane"),
            bind(Global, &[p(K::BackTab)], A::PrevPane, "previous pane"),
            bind(
                Global,
                &[c('z')],
                A::ToggleZoom,
                "zoom: the focused pane full width / both panes",
            ),
            bind(Global, &[p(K::Enter)], A::Open, "open the selection"),
            hinted(
                bind(Global, &[c('/')], A::Search, "search (fuzzy in lists)"),
                2,
                "search",
            ),
            bind(Global, &[c('n')], A::NextMatch, "next match"),
            bind(
                Global,
                &[c('y')],
                A::CopyLink,
                "copy the link or event (OSC 52)",
            ),
            bind(Global, &[c('o')], A::OpenLink, "open the article's link"),
            bind(Global, &[c('r')], A::Reload, "reload the files from disk"),
            bind(Global, &[c('N')], A::PrevMatch, "previous match"),
        ];
        bindings.extend(movement(Global));
        bindings.extend([
            bind(
                List,
                &[c('s')],
                A::ToggleSort,
                "sort: date, title, input order",
            ),
            bind(List, &[c('u')], A::ToggleRead, "mark read / unread"),
            bind(
                List,
                &[c('H')],
                A::ToggleHideRead,
                "hide / show read articles",
            ),
            bind(Reader, &[c('?')], A::SearchBackward, "search backward"),
            bind(Reader, &[c('[')], A::PrevEvent, "previous dated event"),
            bind(Reader, &[c(']')], A::NextEvent, "next dated event"),
            hinted(
                bind(
                    Timeline,
                    &[c('f')],
                    A::Filter,
                    "filter: 2019..2021 @year src:NAME words",
                ),
                5,
                "filter",
            ),
            bind(
                Compare,
                &[p(K::Enter)],
                A::Open,
                "read this mention in its article",
            ),
            bind(Help, &[Key::ctrl('c')], A::ForceQuit, "quit at once"),
            hinted(
                bind(Help, &[c('q'), p(K::Esc)], A::Back, "close the help"),
                2,
                "close",
            ),
            hinted(
                bind(Help, &[c('/')], A::Search, "filter the help"),
                1,
                "filter",
            ),
        ]);
        bindings.extend(movement(Help));
        bindings.extend([
            bind(Prompt, &[Key::ctrl('c')], A::ForceQuit, "quit at once"),
            bind(
                Prompt,
                &[p(K::Enter)],
                A::PromptAccept,
                "keep the search / filter",
            ),
            bind(Prompt, &[p(K::Esc)], A::PromptCancel, "cancel and clear it"),
            bind(
                Prompt,
                &[p(K::Backspace)],
                A::PromptBackspace,
                "delete a character",
            ),
        ]);
        Keymap {
            bindings,
            view_only: Vec::new(),
        }
    }
}

impl Keymap {
    /// The action for a key in the given contexts (most specific first). In a prompt, printable
    /// keys that are not bound insert themselves.
    pub fn resolve(&self, contexts: &[Context], key: Key) -> Option<Action> {
        let view = contexts.first().copied();
        for &context in contexts {
            if let Some(b) = self.bindings.iter().find(|b| {
                b.context == context
                    && b.keys.contains(&key)
                    && (Some(context) == view
                        || !view.is_some_and(|v| self.view_only.contains(&(v, b.action))))
            }) {
                return Some(b.action);
            }
        }
        if contexts.first() == Some(&Context::Prompt) {
            if let KeyCode::Char(ch) = key.code {
                if !key.modifiers.contains(KeyModifiers::CONTROL) {
                    return Some(Action::PromptInsert(ch));
                }
            }
        }
        None
    }

    /// The hint bar for the active contexts: `? help  / search  t timeline  q quit`, each with
    /// the first key that really triggers the action here (so `?` becomes `F1` in the reader).
    pub fn hints(&self, contexts: &[Context]) -> Vec<(String, &'static str)> {
        let mut hints: Vec<(u8, String, &'static str)> = Vec::new();
        for binding in &self.bindings {
            let Some((rank, word)) = binding.hint else {
                continue;
            };
            if !contexts.contains(&binding.context) || hints.iter().any(|h| h.2 == word) {
                continue;
            }
            let key = binding
                .keys
                .iter()
                .find(|&&k| self.resolve(contexts, k) == Some(binding.action));
            if let Some(key) = key {
                hints.push((rank, key.label(), word));
            }
        }
        hints.sort_by_key(|h| h.0);
        hints.into_iter().map(|(_, k, w)| (k, w)).collect()
    }

    /// Help sections in display order: (context title, [(keys, description)]).
    pub fn help_sections(&self) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
        let order = [
            Context::Global,
            Context::List,
            Context::Reader,
            Context::Timeline,
            Context::Compare,
            Context::Prompt,
            Context::Help,
        ];
        order
            .iter()
            .map(|&ctx| {
                let rows = self
                    .bindings
                    .iter()
                    .filter(|b| b.context == ctx)
                    .map(|b| {
                        let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
                        (keys.join(" "), b.description)
                    })
                    .collect();
                (ctx.title(), rows)
            })
            .collect()
    }
}
