//! The timeline (one row per group under a histogram strip of events per year) and the
//! comparison of a group's mentions.

use crate::core::article::Article;
use crate::core::sanitize::sanitize_line;
use crate::core::timeline::Group;
use crate::tui::app::{source_name, State};
use crate::tui::layout;
use crate::tui::view::{is_empty, pane};
use crate::tui::wrap::truncate;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

fn fit(text: &str, width: usize) -> String {
    let mut out = truncate(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Distinct sources of a group's mentions, in mention order.
fn sources(state: &State, group: &Group) -> String {
    let mut names: Vec<String> = Vec::new();
    for mention in &group.mentions {
        if let Some(article) = state.store.articles.get(mention.article) {
            let name = sanitize_line(source_name(article)).into_owned();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names.join(", ")
}

/// Events per year over the shown groups, as one line of bars: `2016 ▂▅█▁ ▃ 2025`.
/// The bar holding the selected group is drawn in the selection style.
fn histogram<'a>(state: &State, width: usize) -> Line<'a> {
    let groups = &state.store.timeline().groups;
    let counts = &state.timeline.per_year;
    let (Some(&(first, _)), Some(&(last, _))) = (counts.first(), counts.last()) else {
        return Line::from(Span::styled("no dated event", state.theme.dim));
    };
    let labels = format!("{first}  {last}").width() + 2;
    let room = width.saturating_sub(labels).max(1);
    let years = usize::try_from(last - first).unwrap_or(0) + 1;
    let per_bar = years.div_ceil(room).max(1);
    let bars = years.div_ceil(per_bar);
    let mut buckets = vec![0usize; bars];
    for &(year, n) in counts {
        let slot = usize::try_from(year - first).unwrap_or(0) / per_bar;
        if let Some(b) = buckets.get_mut(slot) {
            *b += n;
        }
    }
    let max = buckets.iter().copied().max().unwrap_or(1).max(1);
    let selected_slot = state
        .timeline
        .rows
        .get(state.timeline.selected)
        .and_then(|&i| groups.get(i))
        .map(|g| usize::try_from(g.start.year - first).unwrap_or(0) / per_bar);
    let mut spans = vec![Span::styled(format!("{first} "), state.theme.dim)];
    for (slot, &n) in buckets.iter().enumerate() {
        let bar = if n == 0 {
            ' '
        } else {
            let level = (n * (BARS.len() - 1)).div_ceil(max);
            BARS.get(level).copied().unwrap_or('█')
        };
        let style = if Some(slot) == selected_slot {
            state.theme.selection
        } else {
            state.theme.histogram
        };
        spans.push(Span::styled(bar.to_string(), style));
    }
    spans.push(Span::styled(format!(" {last}"), state.theme.dim));
    Line::from(spans)
}

/// The group's label; when it says no more than the date, the first mention's sentence.
fn row_label(state: &State, group: &Group) -> String {
    let label = group.label.trim();
    // A label with no letter (`2019 :`, `19/02/25`) repeats the date: show what is told instead.
    if label.chars().any(char::is_alphabetic) {
        return label.to_string();
    }
    group
        .mentions
        .first()
        .and_then(|m| {
            let article = state.store.articles.get(m.article)?;
            let event = article.events().get(m.event)?;
            let told = crate::tui::app::told_range(article, event);
            Some(sanitize_line(article.slice(&told)).trim().to_string())
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| label.to_string())
}

pub fn render(frame: &mut Frame, state: &State, area: Rect) {
    let theme = &state.theme;
    let groups = &state.store.timeline().groups;
    let mentions = state.timeline.mentions;
    let title = format!(
        " Timeline {}/{} dates · {mentions} mentions ",
        state.timeline.rows.len(),
        groups.len()
    );
    frame.render_widget(pane(theme, title, state.prompt.is_none()), area);
    let inner = layout::inner(area);
    if is_empty(inner) {
        return;
    }
    let width = usize::from(inner.width);
    let strip = Rect { height: 1, ..inner };
    frame.render_widget(Paragraph::new(histogram(state, width)), strip);
    if inner.height < 3 {
        return;
    }
    let list = Rect {
        y: inner.y + 2,
        height: inner.height - 2,
        ..inner
    };
    if state.timeline.rows.is_empty() {
        let text = if groups.is_empty() {
            "no dated event in these articles"
        } else {
            "no date matches the filter"
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim)), list);
        return;
    }
    let visible: Vec<(usize, &Group)> = state
        .timeline
        .rows
        .iter()
        .enumerate()
        .skip(state.timeline.offset)
        .take(usize::from(list.height))
        .filter_map(|(row, &i)| Some((row, groups.get(i)?)))
        .collect();
    let date_width = visible
        .iter()
        .map(|(_, g)| state.date_style.show(&g.value).width())
        .max()
        .unwrap_or(4)
        .min(width * 2 / 5);
    let source_width = if width >= 60 { (width / 4).min(24) } else { 0 };
    let label_width =
        width.saturating_sub(date_width + 2 + source_width + usize::from(source_width > 0) * 2);
    let mut lines = Vec::new();
    for (row, group) in &visible {
        let mut spans = vec![
            Span::styled(
                fit(&state.date_style.show(&group.value), date_width),
                theme.heading,
            ),
            Span::raw("  "),
        ];
        let count = if group.mentions.len() > 1 {
            format!("×{} ", group.mentions.len())
        } else {
            String::new()
        };
        let label = format!("{count}{}", sanitize_line(&row_label(state, group)));
        spans.push(Span::raw(fit(&label, label_width)));
        if source_width > 0 {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                fit(&sources(state, group), source_width),
                theme.dim,
            ));
        }
        let mut line = Line::from(spans);
        if *row == state.timeline.selected {
            line = line.style(theme.selection);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// The mentions of one group: source, the date as written, the sentence; values that disagree
/// with the group's are flagged.
pub fn render_compare(frame: &mut Frame, state: &State, area: Rect) {
    let theme = &state.theme;
    let Some(compare) = &state.compare else {
        return;
    };
    let Some(group) = state.store.timeline().groups.get(compare.group) else {
        return;
    };
    let title = format!(
        " {} — {} mentions — Enter: read, q: back ",
        state.date_style.show(&group.value),
        group.mentions.len()
    );
    frame.render_widget(pane(theme, title, state.prompt.is_none()), area);
    let inner = layout::inner(area);
    if is_empty(inner) {
        return;
    }
    let width = usize::from(inner.width);
    let mentions: Vec<Option<(&Article, &crate::core::article::Event)>> = group
        .mentions
        .iter()
        .map(|m| {
            let article = state.store.articles.get(m.article)?;
            Some((article, article.events().get(m.event)?))
        })
        .collect();
    let mut values: Vec<&str> = mentions
        .iter()
        .flatten()
        .map(|(_, e)| e.normalized.as_str())
        .collect();
    values.sort_unstable();
    values.dedup();
    let conflict = values.len() > 1;
    let mut header = vec![Line::from(Span::styled(
        truncate(&sanitize_line(&group.label), width),
        theme.title,
    ))];
    if conflict {
        let shown: Vec<String> = values.iter().map(|v| state.date_style.show(v)).collect();
        header.push(Line::from(Span::styled(
            truncate(
                &format!("≠ the mentions disagree: {}", shown.join(" / ")),
                width,
            ),
            theme.warning,
        )));
    } else {
        header.push(Line::from(""));
    }
    let head = Rect {
        height: inner.height.min(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(header), head);
    let body = Rect {
        y: inner.y + head.height,
        height: inner.height - head.height,
        ..inner
    };
    // Entries are a header line plus the wrapped sentence; start early enough that the
    // selected entry fits.
    let heights: Vec<usize> = compare.wrapped.iter().map(|w| w.len() + 2).collect();
    let page = usize::from(body.height);
    let mut first = compare.selected.min(heights.len().saturating_sub(1));
    let mut used = heights.get(first).copied().unwrap_or(0);
    while first > 0 {
        let h = heights.get(first - 1).copied().unwrap_or(0);
        if used + h > page {
            break;
        }
        used += h;
        first -= 1;
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = None;
    for (index, mention) in mentions.iter().enumerate().skip(first) {
        let Some((article, event)) = mention else {
            continue;
        };
        let flag = if conflict && event.normalized != group.value {
            Span::styled(" ≠", theme.warning)
        } else {
            Span::raw("")
        };
        if index == compare.selected {
            selected_line = Some(lines.len());
        }
        let written = sanitize_line(article.slice(&event.span)).into_owned();
        let head_text = format!(
            "{} — « {} » → {}",
            sanitize_line(source_name(article)),
            written,
            state.date_style.show(&event.normalized)
        );
        lines.push(Line::from(vec![
            Span::styled(truncate(&head_text, width.saturating_sub(2)), theme.heading),
            flag,
        ]));
        let sentence_style = Style::default();
        for range in compare.wrapped.get(index).map(Vec::as_slice).unwrap_or(&[]) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(
                    sanitize_line(article.slice(range)).into_owned(),
                    sentence_style,
                ),
            ]));
        }
        lines.push(Line::from(""));
    }
    if let Some(i) = selected_line {
        if let Some(line) = lines.get_mut(i) {
            *line = std::mem::take(line).style(theme.selection);
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
}
