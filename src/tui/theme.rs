//! Styles. The default uses only the 16 ANSI colours (so the user's palette decides how they
//! look); monochrome (NO_COLOR, --no-color) uses modifiers only.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub monochrome: bool,
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selection: Style,
    /// Matched characters of a fuzzy hit.
    pub matched: Style,
    /// A dated mention in the reading text.
    pub event: Style,
    /// The dated mention `[`/`]` or the timeline landed on.
    pub event_current: Style,
    /// The sentence the timeline jumped to.
    pub sentence: Style,
    pub search_hit: Style,
    pub search_current: Style,
    pub status: Style,
    pub hint_key: Style,
    pub warning: Style,
    pub histogram: Style,
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        if no_color {
            Theme::monochrome()
        } else {
            Theme::colored()
        }
    }

    pub fn colored() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            monochrome: false,
            base: Style::default(),
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default().fg(Color::Cyan).add_modifier(bold),
            heading: Style::default().fg(Color::Yellow).add_modifier(bold),
            border: Style::default().fg(Color::DarkGray),
            border_focused: Style::default().fg(Color::Cyan),
            selection: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::REVERSED | bold),
            matched: Style::default().fg(Color::Yellow).add_modifier(bold),
            event: Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::UNDERLINED),
            event_current: Style::default()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(bold),
            sentence: Style::default().bg(Color::Blue).fg(Color::White),
            search_hit: Style::default().fg(Color::Black).bg(Color::Yellow),
            search_current: Style::default()
                .fg(Color::Black)
                .bg(Color::Magenta)
                .add_modifier(bold),
            status: Style::default(),
            hint_key: Style::default().fg(Color::Cyan).add_modifier(bold),
            warning: Style::default().fg(Color::Red).add_modifier(bold),
            histogram: Style::default().fg(Color::Blue),
        }
    }

    pub fn monochrome() -> Theme {
        let m = |modifier| Style::default().add_modifier(modifier);
        Theme {
            monochrome: true,
            base: Style::default(),
            dim: m(Modifier::DIM),
            title: m(Modifier::BOLD),
            heading: m(Modifier::BOLD | Modifier::UNDERLINED),
            border: Style::default(),
            border_focused: m(Modifier::BOLD),
            selection: m(Modifier::REVERSED | Modifier::BOLD),
            matched: m(Modifier::BOLD | Modifier::UNDERLINED),
            event: m(Modifier::UNDERLINED),
            event_current: m(Modifier::REVERSED | Modifier::UNDERLINED),
            sentence: m(Modifier::BOLD),
            search_hit: m(Modifier::REVERSED),
            search_current: m(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            status: Style::default(),
            hint_key: m(Modifier::BOLD),
            warning: m(Modifier::BOLD),
            histogram: Style::default(),
        }
    }
}

/// A colour or style name from the config (`cyan`, `default`, `reverse`, `bold`) as a style.
fn named(name: &str) -> Style {
    let color = match name {
        "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "darkgray" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        "reverse" => return Style::default().add_modifier(Modifier::REVERSED),
        "bold" => return Style::default().add_modifier(Modifier::BOLD),
        _ => return Style::default(),
    };
    Style::default().fg(color)
}

impl Theme {
    /// The default theme with the config's `[theme]` colours. Monochrome ignores colours:
    /// NO_COLOR wins over a config file.
    pub fn configured(no_color: bool, config: &crate::config::ThemeConfig) -> Theme {
        let mut theme = Theme::new(no_color);
        if no_color {
            return theme;
        }
        if let Some(accent) = config.accent.as_deref().map(named) {
            theme.title = theme.title.patch(accent);
            theme.border_focused = theme.border_focused.patch(accent);
            theme.hint_key = theme.hint_key.patch(accent);
        }
        if let Some(selection) = config.selection.as_deref() {
            // The selection always stays visible: reversed and bold, plus the colour asked for.
            theme.selection = Style::default()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD)
                .patch(named(selection));
        }
        if let Some(heading) = config.heading.as_deref().map(named) {
            theme.heading = theme.heading.patch(heading);
        }
        if let Some(date) = config.date.as_deref().map(named) {
            theme.event = theme.event.patch(date);
        }
        if let Some(search) = config.search.as_deref().map(named) {
            let bg = search.fg.unwrap_or(Color::Yellow);
            theme.search_hit = theme.search_hit.bg(bg);
        }
        if let Some(dim) = config.dim.as_deref().map(named) {
            theme.dim = theme.dim.patch(dim);
        }
        theme
    }
}
