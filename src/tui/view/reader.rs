//! The reading pane: the visible slice of the pre-wrapped article, with dated mentions, the
//! sentence jumped to and search hits highlighted.

use crate::core::article::Article;
use crate::tui::app::{is_navigable, Pane, State, View};
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::view::{is_empty, pane};
use crate::tui::wrap::{Content, LineKind, WrappedLine};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::ops::Range;

/// Highlight layers, lowest first; each patches the style of the ones below.
struct Layers<'a> {
    layers: Vec<(&'a [Range<usize>], Style)>,
}

impl Layers<'_> {
    fn style_at(&self, base: Style, from: usize, to: usize) -> Style {
        let mut style = base;
        for (ranges, layer) in &self.layers {
            let i = ranges.partition_point(|r| r.end <= from);
            if ranges.get(i).is_some_and(|r| r.start < to) {
                style = style.patch(*layer);
            }
        }
        style
    }

    /// Cut points inside `range` where some highlight starts or ends.
    fn cuts(&self, range: &Range<usize>) -> Vec<usize> {
        let mut cuts = vec![range.start, range.end];
        for (ranges, _) in &self.layers {
            let first = ranges.partition_point(|r| r.end <= range.start);
            for r in ranges.get(first..).unwrap_or(&[]) {
                if r.start >= range.end {
                    break;
                }
                cuts.extend(
                    [r.start, r.end]
                        .into_iter()
                        .filter(|&c| c > range.start && c < range.end),
                );
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        cuts
    }
}

fn base_style(theme: &Theme, kind: LineKind) -> Style {
    match kind {
        LineKind::Title => theme.title,
        LineKind::Meta => theme.dim,
        LineKind::Heading(_) => theme.heading,
        LineKind::Quote => theme.base.add_modifier(Modifier::ITALIC),
        LineKind::Code => theme.dim,
        _ => theme.base,
    }
}

fn push_range<'a>(
    spans: &mut Vec<Span<'a>>,
    article: &'a Article,
    range: &Range<usize>,
    base: Style,
    layers: &Layers,
) {
    let cuts = layers.cuts(range);
    for pair in cuts.windows(2) {
        if let [from, to] = *pair {
            let text = article.text().get(from..to).unwrap_or("");
            if !text.is_empty() {
                spans.push(Span::styled(text, layers.style_at(base, from, to)));
            }
        }
    }
}

fn render_line<'a>(
    theme: &Theme,
    article: &'a Article,
    line: &'a WrappedLine,
    layers: &Layers,
) -> Line<'a> {
    let base = base_style(theme, line.kind);
    let mut spans = Vec::new();
    if !line.prefix.is_empty() {
        spans.push(Span::styled(line.prefix, theme.dim));
    }
    match &line.content {
        Content::Empty => {}
        Content::Owned(text) => spans.push(Span::styled(text.as_str(), base)),
        Content::Text(range) => push_range(&mut spans, article, range, base, layers),
        Content::Cells(cells) => {
            for cell in cells {
                push_range(&mut spans, article, &cell.range, base, layers);
                if cell.pad > 0 {
                    spans.push(Span::raw(" ".repeat(cell.pad)));
                }
            }
        }
    }
    Line::from(spans)
}

pub fn render(frame: &mut Frame, state: &State, area: Rect) {
    let theme = &state.theme;
    let focused = state.view() == View::EventReader || state.focus == Pane::Reader;
    let wrapped = state.reader.wrapped.as_ref();
    let article = state.article();
    let total = wrapped.map_or(0, |w| w.lines.len());
    let height = state.reader_height();
    let percent = if total <= height {
        100
    } else {
        (state.reader.scroll + height) * 100 / total
    };
    let title = match state.view() {
        View::EventReader => " Reader — q: back to the timeline ".to_string(),
        _ => " Reader ".to_string(),
    };
    let block = pane(theme, title, focused && state.prompt.is_none())
        .title_bottom(Line::from(format!(" {percent}% ")).right_aligned());
    frame.render_widget(block, area);
    let column = layout::text_column(area, state.measure);
    let (Some(wrapped), Some(article)) = (wrapped, article) else {
        return;
    };
    if is_empty(column) {
        return;
    }
    let events: Vec<Range<usize>> = article
        .events()
        .iter()
        .filter(|e| is_navigable(e))
        .map(|e| e.span.clone())
        .collect();
    let current_event: Vec<Range<usize>> = state
        .reader
        .event
        .and_then(|i| article.events().get(i))
        .map(|e| e.span.clone())
        .into_iter()
        .collect();
    let sentence: Vec<Range<usize>> = state.reader.sentence.clone().into_iter().collect();
    let (hits, current_hit): (&[Range<usize>], Vec<Range<usize>>) = match &state.reader.search {
        Some(search) => (
            &search.hits,
            search
                .current
                .and_then(|i| search.hits.get(i))
                .cloned()
                .into_iter()
                .collect(),
        ),
        None => (&[], Vec::new()),
    };
    let layers = Layers {
        layers: vec![
            (&sentence, theme.sentence),
            (&events, theme.event),
            (&current_event, theme.event_current),
            (hits, theme.search_hit),
            (&current_hit, theme.search_current),
        ],
    };
    let lines: Vec<Line> = wrapped
        .lines
        .iter()
        .skip(state.reader.scroll)
        .take(usize::from(column.height))
        .map(|line| render_line(theme, article, line, &layers))
        .collect();
    frame.render_widget(Paragraph::new(lines), column);
}
