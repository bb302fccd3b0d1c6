//! Metadata and structure of the built-in seeds, through the real binary, checked against
//! `tests/data/seeds-meta.tsv` (a copy of the shared metadata truth).

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::collections::BTreeSet;

struct SeedTruth {
    file: String,
    best_title: String,
    drop_lines: BTreeSet<usize>,
    heading_lines: BTreeSet<usize>,
    drop_text: Vec<String>,
}

fn line_set(field: &str) -> BTreeSet<usize> {
    field
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().unwrap())
        .collect()
}

/// `'Fr' | "n'est" | '\xa0'`: Python-style quoted strings separated by ` | `.
fn parse_quoted_list(field: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' && c != '"' {
            continue;
        }
        let quote = c;
        let mut item = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('x') => {
                        let hex: String = chars.by_ref().take(2).collect();
                        item.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                    }
                    Some('n') => item.push('\n'),
                    Some(other) => item.push(other),
                    None => break,
                },
                c if c == quote => break,
                c => item.push(c),
            }
        }
        items.push(item);
    }
    items
}

fn truth() -> Vec<SeedTruth> {
    let text = include_str!("data/seeds-meta.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (file, title, drops, headings, drop_text) = (
        col("file"),
        col("best_title"),
        col("drop_lines"),
        col("heading_lines"),
        col("drop_text"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            SeedTruth {
                file: fields[file].to_string(),
                best_title: fields[title].to_string(),
                drop_lines: line_set(fields[drops]),
                heading_lines: line_set(fields[headings]),
                drop_text: parse_quoted_list(fields.get(drop_text).copied().unwrap_or("")),
            }
        })
        .collect()
}

fn run_json(args: &[&str]) -> Value {
    let output = cargo_bin_cmd!("dossier").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "dossier {args:?} failed: {output:?}"
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn seed_source(file: &str) -> String {
    std::fs::read_to_string(format!("{}/seeds/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// 1-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `2015 :`, `2016-2018 :`.
fn is_chronology_line(line: &str) -> bool {
    let Some(head) = line.trim().strip_suffix(':') else {
        return false;
    };
    let years: Vec<&str> = head.trim().split('-').collect();
    !years.is_empty()
        && years.len() <= 2
        && years
            .iter()
            .all(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn list_gives_titles_sources_and_authors() {
    let list = run_json(&["list", "--format", "json"]);
    let list = list.as_array().unwrap();
    let truth = truth();
    assert_eq!(list.len(), truth.len());
    // Sources and authors as the truth file's notes state them (the columns are prose).
    let expected: [(&str, Option<&str>, Option<&str>); 5] = [
        ("000_ac47e9236f39f515.txt", Some("Techcrunch"), None),
        ("001_a881549f84637386.txt", Some("Actualités IA"), None),
        ("002_1274d0bcaeb83511.txt", Some("arstechnica.com"), None),
        ("003_766daca9b8a24f06.txt", None, None),
        (
            "004_2369183b024f104c.txt",
            Some("IA au Quotidien"),
            Some("Antoine Pelletier"),
        ),
    ];
    for ((entry, seed), (file, source, author)) in list.iter().zip(&truth).zip(expected) {
        assert_eq!(entry["file"], seed.file.as_str());
        assert_eq!(entry["file"], file);
        assert_eq!(entry["title"], seed.best_title.as_str(), "title of {file}");
        assert_eq!(entry["source"].as_str(), source, "source of {file}");
        assert_eq!(entry["author"].as_str(), author, "author of {file}");
    }
}

#[test]
fn show_drops_boilerplate_and_keeps_headings() {
    let shown = run_json(&["show", "--format", "json"]);
    let shown = shown.as_array().unwrap();
    let truth = truth();
    assert_eq!(shown.len(), truth.len());
    for (article, seed) in shown.iter().zip(&truth) {
        let file = seed.file.as_str();
        assert_eq!(article["file"], file);
        let source = seed_source(file);
        let blocks = article["blocks"].as_array().unwrap();
        let dropped = article["dropped"].as_array().unwrap();

        let heading_lines: BTreeSet<usize> = blocks
            .iter()
            .filter(|b| b["kind"] == "heading")
            .map(|b| line_of(&source, b["byte_offset"].as_u64().unwrap() as usize))
            .collect();
        // The truth file lists section headings; chronology entry lines (`2015 :`,
        // `2016-2018 :`) are level-3 headings on top of those, by design.
        let chronology: BTreeSet<usize> = source
            .lines()
            .enumerate()
            .filter(|(_, l)| is_chronology_line(l))
            .map(|(i, _)| i + 1)
            .collect();
        let expected: BTreeSet<usize> = seed.heading_lines.union(&chronology).copied().collect();
        assert_eq!(heading_lines, expected, "heading lines of {file}");
        for block in blocks.iter().filter(|b| b["kind"] == "heading") {
            let line = line_of(&source, block["byte_offset"].as_u64().unwrap() as usize);
            if chronology.contains(&line) {
                assert_eq!(block["level"], 3, "{file}: chronology line {line}");
            }
        }

        let block_lines: BTreeSet<usize> = blocks
            .iter()
            .map(|b| line_of(&source, b["byte_offset"].as_u64().unwrap() as usize))
            .collect();
        let dropped_lines: BTreeSet<usize> = dropped
            .iter()
            .map(|d| line_of(&source, d["byte_offset"].as_u64().unwrap() as usize))
            .collect();
        for line in &seed.drop_lines {
            assert!(
                !block_lines.contains(line),
                "{file}: line {line} is still a block"
            );
            let blank = source.lines().nth(line - 1).unwrap().trim().is_empty();
            // Whitespace-only lines are skipped, not recorded.
            assert!(
                blank || dropped_lines.contains(line),
                "{file}: line {line} not in dropped"
            );
        }

        let block_texts: Vec<String> = blocks
            .iter()
            .map(|b| squash(b["text"].as_str().unwrap()))
            .collect();
        let dropped_texts: Vec<String> = dropped
            .iter()
            .map(|d| squash(d["text"].as_str().unwrap()))
            .collect();
        for item in &seed.drop_text {
            let item = squash(item);
            if item.is_empty() {
                assert!(
                    block_texts.iter().all(|t| !t.is_empty()),
                    "{file}: blank block"
                );
                continue;
            }
            assert!(
                // Short items (`Fr`, `En`) are words of the prose too: compare whole blocks.
                block_texts
                    .iter()
                    .all(|t| *t != item && (item.chars().count() < 20 || !t.contains(&item))),
                "{file}: {item:?} is still in the body"
            );
            assert!(
                dropped_texts.contains(&item),
                "{file}: {item:?} not in dropped"
            );
        }
    }
}

#[test]
fn dropped_lines_say_why() {
    let shown = run_json(&["show", "--format", "json"]);
    let reasons: Vec<(String, String)> = shown
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            let file = a["file"].as_str().unwrap().to_string();
            a["dropped"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |d| {
                    (
                        format!("{file}: {}", d["text"].as_str().unwrap()),
                        d["kind"].as_str().unwrap().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let reason_of = |prefix: &str| {
        reasons
            .iter()
            .find(|(text, _)| text.starts_with(prefix))
            .map(|(_, reason)| reason.as_str())
    };
    assert_eq!(
        reason_of("000_ac47e9236f39f515.txt: Source : Techcrunch"),
        Some("source_line")
    );
    assert_eq!(reason_of("001_a881549f84637386.txt: OpenAI et Microsoft : Une alliance stratégique sur le fil et la lutte pour l'avenir"), Some("duplicate_title"));
    assert_eq!(
        reason_of("001_a881549f84637386.txt: le dernier"),
        Some("trailing_fragment")
    );
    assert_eq!(
        reason_of("002_1274d0bcaeb83511.txt: Article en référence: https://arstechnica.com/"),
        Some("link_out")
    );
    assert_eq!(
        reason_of("002_1274d0bcaeb83511.txt: Redirection en cours"),
        Some("redirect")
    );
    assert_eq!(
        reason_of("003_766daca9b8a24f06.txt: Fr"),
        Some("language_switcher")
    );
    assert_eq!(
        reason_of("003_766daca9b8a24f06.txt: 19/02/25"),
        Some("date_line")
    );
    assert_eq!(
        reason_of("004_2369183b024f104c.txt: Antoine Pelletier explore"),
        Some("byline")
    );

    let shown = run_json(&["show", "--format", "json", "--article", "2"]);
    assert_eq!(
        shown[0]["source_url"],
        "https://arstechnica.com/ai/2025/06/openai-weighs-nuclear-option-of-antitrust-complaint-against-microsoft/"
    );
}

#[test]
fn year_table_rows_keep_the_year_as_a_cell() {
    let shown = run_json(&["show", "--format", "json", "--article", "1"]);
    let source = seed_source("001_a881549f84637386.txt");
    let rows: Vec<(usize, String)> = shown[0]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "table_row")
        .map(|b| {
            (
                line_of(&source, b["byte_offset"].as_u64().unwrap() as usize),
                b["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        (43..=51).collect::<Vec<_>>()
    );
    assert_eq!(
        rows[0].1,
        "2015\tFondation d’OpenAI Azure renforce sa stratégie cloud"
    );
}
