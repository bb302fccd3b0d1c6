//! Helpers shared by the subcommands' writers: terminal width, cell fitting, JSON values.

use crate::core::article::{Article, DateBound};
use crate::core::sanitize::sanitize_line;
use std::io::IsTerminal;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Width to lay tables and text out in: `COLUMNS`, else the terminal's, else 100.
pub fn output_width() -> usize {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return cols;
    }
    if std::io::stdout().is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            if cols > 0 {
                return usize::from(cols);
            }
        }
    }
    100
}

/// Cut `text` to at most `width` terminal columns, ending with `…` when cut, then pad it.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Cut `text` to at most `width` terminal columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A field for TSV output: sanitized, tabs and newlines turned into spaces.
pub fn tsv_field(text: &str) -> String {
    sanitize_line(text).into_owned()
}

pub fn bound_name(bound: DateBound) -> &'static str {
    match bound {
        DateBound::Exact => "exact",
        DateBound::AtLeast => "at_least",
    }
}

/// Publication date as shown in tables: `2025-02-19`, `≥2025-06`, or empty.
pub fn published_cell(article: &Article) -> String {
    match article.published() {
        Some(p) if p.bound == DateBound::AtLeast => format!("≥{}", p.value),
        Some(p) => p.value.clone(),
        None => String::new(),
    }
}
