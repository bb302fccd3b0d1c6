//! Wrap an article once per (article, width) into display lines that point back into
//! `Article::text`, so highlights (events, search hits) map onto them and a frame renders only
//! the visible slice. textwrap does the line breaking (first fit); the fragments are ours so
//! every line keeps its byte range, and over-long words are cut on grapheme clusters.

use crate::core::article::{Article, ArticleId, BlockKind};
use crate::core::sanitize::sanitize_line;
use std::ops::Range;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Heading(u8),
    Paragraph,
    ListItem,
    TableRow,
    Quote,
    Code,
    Blank,
}

/// A table cell: its (possibly cut) text and the spaces that pad it to the column width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub range: Range<usize>,
    pub pad: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Empty,
    /// Text not in the arena (title, metadata line).
    Owned(String),
    /// A byte range of `Article::text`.
    Text(Range<usize>),
    Cells(Vec<Cell>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub kind: LineKind,
    pub prefix: &'static str,
    pub content: Content,
}

impl WrappedLine {
    /// First byte of the arena this line shows, if it shows arena text.
    pub fn start(&self) -> Option<usize> {
        match &self.content {
            Content::Text(r) => Some(r.start),
            Content::Cells(cells) => cells.first().map(|c| c.range.start),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub article: ArticleId,
    pub width: usize,
    pub lines: Vec<WrappedLine>,
    /// (first arena byte, line index) for every line showing arena text, in text order.
    starts: Vec<(usize, usize)>,
}

impl Wrapped {
    /// The line showing the arena byte `offset` (or the closest one before it).
    pub fn line_of(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|&(start, _)| start <= offset);
        match i.checked_sub(1).and_then(|i| self.starts.get(i)) {
            Some(&(_, line)) => line,
            None => 0,
        }
    }

    /// The arena byte shown at or after `line`, used to keep the reading position on resize.
    pub fn offset_at(&self, line: usize) -> Option<usize> {
        let i = self.starts.partition_point(|&(_, l)| l < line);
        self.starts.get(i).map(|&(start, _)| start)
    }
}

/// One word (or a piece of an over-long word) plus the whitespace after it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    width: f64,
    whitespace: f64,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

fn str_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Break `text` into lines at most `width` columns wide; returns byte ranges of `text`
/// (trailing whitespace excluded). Empty or blank text gives no line.
pub fn wrap_text(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut pieces = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, ch)) = chars.peek() {
        if ch.is_whitespace() {
            chars.next();
            continue;
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        // The line shows the whitespace run as it is in the text (a range is drawn, not a
        // rebuilt string): count its real width, or a run of spaces overflows the pane.
        let mut ws = 0usize;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_whitespace() {
                break;
            }
            ws += text.get(i..i + c.len_utf8()).map_or(0, str_width);
            chars.next();
        }
        let word = text.get(start..end).unwrap_or("");
        let word_width = str_width(word);
        if word_width <= width {
            pieces.push(Piece {
                start,
                end,
                width: word_width as f64,
                whitespace: ws as f64,
            });
            continue;
        }
        // An over-long word (a URL, a CJK run without spaces): cut it on grapheme clusters,
        // and a cluster wider than the line (a run of Hangul jamo is one cluster) between its
        // chars, since nothing else can show it.
        let units = word.grapheme_indices(true).flat_map(|(offset, grapheme)| {
            let whole = str_width(grapheme);
            let split = whole > width;
            grapheme.char_indices().filter_map(move |(i, c)| {
                if split {
                    let char_width = grapheme.get(i..i + c.len_utf8()).map_or(0, str_width);
                    Some((offset + i, char_width))
                } else {
                    (i == 0).then_some((offset, whole))
                }
            })
        });
        let mut piece_start = start;
        let mut piece_width = 0usize;
        for (offset, g) in units {
            if piece_width + g > width && piece_width > 0 {
                pieces.push(Piece {
                    start: piece_start,
                    end: start + offset,
                    width: piece_width as f64,
                    whitespace: 0.0,
                });
                piece_start = start + offset;
                piece_width = 0;
            }
            piece_width += g;
        }
        pieces.push(Piece {
            start: piece_start,
            end,
            width: piece_width as f64,
            whitespace: ws as f64,
        });
    }
    textwrap::wrap_algorithms::wrap_first_fit(&pieces, &[width as f64])
        .into_iter()
        .filter_map(|line| Some(line.first()?.start..line.last()?.end))
        .collect()
}

/// Cut `text` to at most `width` columns on a grapheme boundary; returns the byte length kept
/// and its width.
pub fn cut_to_width(text: &str, width: usize) -> (usize, usize) {
    let mut used = 0;
    for (offset, grapheme) in text.grapheme_indices(true) {
        let g = str_width(grapheme);
        if used + g > width {
            return (offset, used);
        }
        used += g;
    }
    (text.len(), used)
}

/// Cut a one-line string to `width` columns, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if str_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (keep, _) = cut_to_width(text, width - 1);
    let mut out = text.get(..keep).unwrap_or("").to_string();
    out.push('…');
    out
}

/// Lay the whole article out for a text column `width` wide.
pub fn wrap_article(article: &Article, metadata: &str, width: usize) -> Wrapped {
    let width = width.max(8);
    let mut lines = Vec::new();
    let title = sanitize_line(article.title());
    for range in wrap_text(&title, width) {
        lines.push(WrappedLine {
            kind: LineKind::Title,
            prefix: "",
            content: Content::Owned(title.get(range).unwrap_or("").to_string()),
        });
    }
    if !metadata.is_empty() {
        let meta = sanitize_line(metadata);
        for range in wrap_text(&meta, width) {
            lines.push(WrappedLine {
                kind: LineKind::Meta,
                prefix: "",
                content: Content::Owned(meta.get(range).unwrap_or("").to_string()),
            });
        }
    }
    let blank = || WrappedLine {
        kind: LineKind::Blank,
        prefix: "",
        content: Content::Empty,
    };
    let mut previous: Option<BlockKind> = None;
    // One pass over the blocks: the store decodes them one after another (issue 6).
    let mut blocks = article.blocks().peekable();
    while let Some(block) = blocks.next() {
        let tight = matches!(
            (previous, block.kind),
            (Some(BlockKind::ListItem), BlockKind::ListItem)
                | (Some(BlockKind::TableRow), BlockKind::TableRow)
        );
        if !tight {
            lines.push(blank());
        }
        previous = Some(block.kind);
        if block.kind == BlockKind::TableRow {
            let mut rows = vec![block.text_range()];
            while let Some(row) = blocks.next_if(|b| b.kind == BlockKind::TableRow) {
                rows.push(row.text_range());
            }
            lay_table(article, &rows, width, &mut lines);
            continue;
        }
        let text = article.block_text(&block);
        let base = block.text_range().start;
        let (kind, first, rest) = match block.kind {
            BlockKind::Heading(level) => (LineKind::Heading(level), "", ""),
            BlockKind::Paragraph => (LineKind::Paragraph, "", ""),
            BlockKind::ListItem => (LineKind::ListItem, "• ", "  "),
            BlockKind::Quote => (LineKind::Quote, "│ ", "│ "),
            BlockKind::Code => (LineKind::Code, "  ", "  "),
            BlockKind::TableRow => (LineKind::TableRow, "", ""),
        };
        let inner = width.saturating_sub(str_width(first)).max(1);
        let mut pieces: Vec<Range<usize>> = Vec::new();
        if block.kind == BlockKind::Code {
            // Code keeps its own line breaks.
            let mut offset = 0;
            for line in text.split('\n') {
                let wrapped = wrap_text(line, inner);
                if wrapped.is_empty() {
                    pieces.push(offset..offset);
                }
                pieces.extend(
                    wrapped
                        .into_iter()
                        .map(|r| r.start + offset..r.end + offset),
                );
                offset += line.len() + 1;
            }
        } else {
            pieces = wrap_text(text, inner);
        }
        for (i, range) in pieces.into_iter().enumerate() {
            lines.push(WrappedLine {
                kind,
                prefix: if i == 0 { first } else { rest },
                content: Content::Text(base + range.start..base + range.end),
            });
        }
    }
    let starts = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.start().map(|s| (s, i)))
        .collect();
    Wrapped {
        article: article.id,
        width,
        lines,
        starts,
    }
}

/// Table rows aligned in columns; columns shrink (widest first) until the row fits.
fn lay_table(article: &Article, rows: &[Range<usize>], width: usize, out: &mut Vec<WrappedLine>) {
    const GAP: usize = 2;
    let cells: Vec<Vec<Range<usize>>> = rows
        .iter()
        .map(|row| {
            let text = article.slice(row);
            let mut offset = row.start;
            text.split('\t')
                .map(|cell| {
                    let range = offset..offset + cell.len();
                    offset += cell.len() + 1;
                    range
                })
                .collect()
        })
        .collect();
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(str_width(article.slice(cell).trim()));
        }
    }
    let total =
        |widths: &[usize]| widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1);
    while total(&widths) > width {
        let Some(widest) = widths.iter_mut().max() else {
            break;
        };
        if *widest <= 1 {
            break;
        }
        *widest -= 1;
    }
    for row in cells {
        let last = row.len().saturating_sub(1);
        let mut line = Vec::with_capacity(row.len());
        // Columns shrunk to one cell each may still not fit a narrow pane: the row is cut at
        // the width, where the pane would clip it, so no line is wider than `width`.
        let mut room = width;
        for (i, (cell, &w)) in row.iter().zip(&widths).enumerate() {
            if room == 0 {
                break;
            }
            let text = article.slice(cell);
            let lead = text.len() - text.trim_start().len();
            let trimmed = text.trim();
            let (keep, used) = cut_to_width(trimmed, w.min(room));
            let start = cell.start + lead;
            let gap = if i == last { 0 } else { GAP };
            let pad = (w - used + gap).min(room - used);
            room -= used + pad;
            line.push(Cell {
                range: start..start + keep,
                pad,
            });
        }
        out.push(WrappedLine {
            kind: LineKind::TableRow,
            prefix: "",
            content: Content::Cells(line),
        });
    }
}
