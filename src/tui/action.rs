//! Every user intent the reader knows. Closed on purpose: keys map to these (see `keymap.rs`),
//! `update` is the only code that interprets them, and their snake_case names are what a
//! config file's `[keys]` table uses.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Close the top view or overlay; quit at the root.
    Quit,
    /// Quit at once, whatever is open (Ctrl-C).
    ForceQuit,
    /// Stop like any job (Ctrl-Z); `fg` brings the reader back.
    Suspend,
    /// Close an overlay, clear a search, leave a view; never quits.
    Back,
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    /// Articles view: only the focused pane, full width / both panes again.
    ToggleZoom,
    /// List: open the article; timeline: jump to the event (or compare its mentions).
    Open,
    ToggleTimeline,
    PrevEvent,
    NextEvent,
    /// `/`: fuzzy filter in the list and timeline, forward search in the reader.
    Search,
    /// `?` in the reader: backward search.
    SearchBackward,
    NextMatch,
    PrevMatch,
    /// Timeline filter prompt.
    Filter,
    /// Mark the selected article read / unread.
    ToggleRead,
    /// Hide read articles from the list / show them again.
    ToggleHideRead,
    /// Copy the article's link (or, in the timeline, the event) to the clipboard by OSC 52.
    CopyLink,
    /// Open the article's link with the system opener; over SSH, copy it instead.
    OpenLink,
    Help,
    ToggleSort,
    /// Load the collection again from disk (what `--watch` does by itself).
    Reload,
    /// Prompt editing (the keys typed while a prompt is open).
    PromptInsert(char),
    PromptBackspace,
    PromptAccept,
    PromptCancel,
    /// Mouse wheel (only with `--mouse`): scroll what is under the pointer, 3 lines a notch.
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    /// Mouse click (only with `--mouse`): focus the pane under the pointer and select its row.
    Click {
        column: u16,
        row: u16,
    },
    /// The terminal changed size.
    Resize {
        width: u16,
        height: u16,
    },
}

impl Action {
    /// The snake_case name, as in config files.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| match v {
                serde_json::Value::String(s) => Some(s),
                serde_json::Value::Object(map) => map.keys().next().cloned(),
                _ => None,
            })
            .unwrap_or_default()
    }
}
