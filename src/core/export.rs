//! TSV / JSON / CSV / Markdown writers for events and the timeline (DESIGN §3).
//! Every string written passes `sanitize_line`; the writers return the first I/O error
//! (a closed pipe included) so callers can stop at once.

use crate::core::article::{Article, DateBound, Event, Ymd};
use crate::core::sanitize::sanitize_line;
use crate::core::timeline::{Group, Timeline, TimelineFilter};
use serde::Serialize;
use std::io::{self, Write};

pub const EVENTS_TSV_HEADER: &str = "file\tmatched\tnormalized\tprecision\tbyte_offset\tline";

/// A one-line field: tabs and line breaks become spaces first (whatever the sanitizer does
/// with other controls), then the sanitizer makes it inert.
fn clean(text: &str) -> String {
    if text.contains(['\t', '\n', '\r']) {
        sanitize_line(&text.replace(['\t', '\n', '\r'], " ")).into_owned()
    } else {
        sanitize_line(text).into_owned()
    }
}

fn bound_name(bound: DateBound) -> &'static str {
    match bound {
        DateBound::Exact => "exact",
        DateBound::AtLeast => "at_least",
    }
}

fn ymd_text(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// One event in `dossier events --format json`.
#[derive(Debug, Serialize)]
pub struct EventRecord {
    pub file: String,
    pub matched: String,
    pub normalized: String,
    pub precision: &'static str,
    pub byte_offset: usize,
    pub line: usize,
    pub modifier: Option<&'static str>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub sentence: String,
    pub title: String,
    pub published: Option<String>,
    pub published_precision: Option<&'static str>,
    pub published_bound: Option<&'static str>,
}

impl EventRecord {
    pub fn new(article: &Article, event: &Event) -> EventRecord {
        let modifier = event.modifier.name();
        EventRecord {
            file: clean(article.file_name()),
            matched: clean(article.slice(&event.span)),
            normalized: clean(&event.normalized),
            precision: event.precision.name(),
            byte_offset: event.src_offset,
            line: event.line,
            modifier: (!modifier.is_empty()).then_some(modifier),
            start: event.start.map(ymd_text),
            end: event.end.map(ymd_text),
            sentence: clean(article.slice(&event.sentence)),
            title: clean(article.title()),
            published: article.published().map(|p| clean(&p.value)),
            published_precision: article.published().map(|p| p.precision.name()),
            published_bound: article.published().map(|p| bound_name(p.bound)),
        }
    }
}

/// `file  matched  normalized  precision  byte_offset  line`, one row per mention, text order.
pub fn write_events_tsv(out: &mut impl Write, articles: &[Article]) -> io::Result<()> {
    writeln!(out, "{EVENTS_TSV_HEADER}")?;
    for article in articles {
        let file = clean(article.file_name());
        for event in article.events() {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                file,
                clean(article.slice(&event.span)),
                clean(&event.normalized),
                event.precision.name(),
                event.src_offset,
                event.line
            )?;
        }
    }
    Ok(())
}

pub fn write_events_json(out: &mut impl Write, articles: &[Article]) -> io::Result<()> {
    let records = articles
        .iter()
        .flat_map(|a| a.events().iter().map(move |e| EventRecord::new(a, e)));
    write_json_array(&mut *out, records)?;
    writeln!(out)
}

/// `items` as a pretty-printed JSON array, each made as it is written: collecting every record
/// of a 100k-article store first would hold them all at once (34 MB for `list`).
pub fn write_json_array<T: Serialize>(
    out: &mut impl Write,
    items: impl Iterator<Item = T>,
) -> io::Result<()> {
    struct Streamed<I>(std::cell::Cell<Option<I>>);
    impl<T: Serialize, I: Iterator<Item = T>> Serialize for Streamed<I> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            // Serialized once: the iterator is taken out (a second call writes `[]`).
            serializer.collect_seq(self.0.take().into_iter().flatten())
        }
    }
    serde_json::to_writer_pretty(out, &Streamed(std::cell::Cell::new(Some(items))))?;
    Ok(())
}

/// One mention of a timeline group.
#[derive(Debug, Serialize)]
pub struct MentionRecord {
    pub file: String,
    pub title: String,
    pub source: Option<String>,
    pub matched: String,
    pub normalized: String,
    pub byte_offset: usize,
    pub line: usize,
    pub sentence: String,
}

/// One group of `dossier timeline --format json`.
#[derive(Debug, Serialize)]
pub struct GroupRecord {
    pub value: String,
    pub precision: &'static str,
    pub start: String,
    pub end: String,
    pub label: String,
    pub mentions: Vec<MentionRecord>,
}

#[derive(Debug, Serialize)]
pub struct TimelineRecord {
    pub groups: Vec<GroupRecord>,
}

pub fn group_record(group: &Group, articles: &[Article]) -> GroupRecord {
    GroupRecord {
        value: clean(&group.value),
        precision: group.precision.name(),
        start: ymd_text(group.start),
        end: ymd_text(group.end),
        label: clean(&group.label),
        mentions: group
            .mentions
            .iter()
            .filter_map(|m| m.get(articles))
            .map(|(article, event)| MentionRecord {
                file: clean(article.file_name()),
                title: clean(article.title()),
                source: article.source().map(clean),
                matched: clean(article.slice(&event.span)),
                normalized: clean(&event.normalized),
                byte_offset: event.src_offset,
                line: event.line,
                sentence: clean(article.slice(&event.sentence)),
            })
            .collect(),
    }
}

pub fn timeline_records(
    timeline: &Timeline,
    filter: &TimelineFilter,
    articles: &[Article],
) -> Vec<GroupRecord> {
    timeline
        .filtered(filter, articles)
        .map(|g| group_record(g, articles))
        .collect()
}

pub fn write_timeline_json(out: &mut impl Write, groups: Vec<GroupRecord>) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &TimelineRecord { groups })?;
    writeln!(out)
}

pub const TIMELINE_CSV_HEADER: [&str; 12] = [
    "value",
    "label",
    "precision",
    "start",
    "end",
    "file",
    "title",
    "source",
    "matched",
    "byte_offset",
    "line",
    "sentence",
];

/// One row per mention, the group's value and label first.
pub fn write_timeline_csv(out: &mut impl Write, groups: &[GroupRecord]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(TIMELINE_CSV_HEADER)
        .map_err(csv_error)?;
    for group in groups {
        for m in &group.mentions {
            writer
                .write_record([
                    group.value.as_str(),
                    group.label.as_str(),
                    group.precision,
                    group.start.as_str(),
                    group.end.as_str(),
                    m.file.as_str(),
                    m.title.as_str(),
                    m.source.as_deref().unwrap_or(""),
                    m.matched.as_str(),
                    &m.byte_offset.to_string(),
                    &m.line.to_string(),
                    m.sentence.as_str(),
                ])
                .map_err(csv_error)?;
        }
    }
    writer.flush()
}

fn csv_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Markdown: a `## YEAR` heading per start year, a `### value — label` per group, and each
/// mention's sentence with its article.
pub fn write_timeline_md(out: &mut impl Write, groups: &[GroupRecord]) -> io::Result<()> {
    writeln!(out, "# Timeline")?;
    let mut year: Option<&str> = None;
    for group in groups {
        let this_year = group.start.get(..4).unwrap_or("");
        if year != Some(this_year) {
            writeln!(out, "\n## {this_year}")?;
            year = Some(this_year);
        }
        writeln!(
            out,
            "\n### {} — {}\n",
            md_escape(&group.value),
            md_escape(&group.label)
        )?;
        for m in &group.mentions {
            writeln!(
                out,
                "- {} — *{}* ({}, line {})",
                md_escape(&m.sentence),
                md_escape(&m.title),
                md_escape(&m.file),
                m.line
            )?;
        }
    }
    Ok(())
}

/// Keep Markdown structure characters from turning text into markup.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
