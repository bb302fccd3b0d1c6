//! `dossier events` and `dossier timeline` on the real binary: formats, filters, pipes.

use assert_cmd::Command;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

fn dossier(args: &[&str]) -> String {
    let output = Command::cargo_bin("dossier")
        .expect("binary")
        .args(args)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn timeline_json(extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["timeline", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&dossier(&args)).expect("timeline JSON parses")
}

#[test]
fn events_tsv_has_the_contract_header_and_six_columns() {
    let out = dossier(&["events"]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("file\tmatched\tnormalized\tprecision\tbyte_offset\tline")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() > 30);
    assert!(rows.iter().all(|r| r.len() == 6));
    assert!(rows.contains(&vec![
        "003_766daca9b8a24f06.txt",
        "19/02/25",
        "2025-02-19",
        "day",
        "2736",
        "23"
    ]));
}

#[test]
fn events_json_adds_modifier_sentence_title_and_publication() {
    let json: serde_json::Value =
        serde_json::from_str(&dossier(&["events", "--format", "json"])).expect("JSON");
    let rows = json.as_array().expect("array");
    let beyond = rows
        .iter()
        .find(|r| r["matched"] == "au-delà de 2030")
        .expect("au-delà de 2030");
    assert_eq!(beyond["modifier"], "after");
    assert_eq!(beyond["normalized"], "2030");
    assert!(beyond["sentence"]
        .as_str()
        .unwrap_or("")
        .contains("Microsoft prêt à troquer"));
    assert_eq!(beyond["published"], serde_json::Value::Null);
    let may = rows
        .iter()
        .find(|r| r["matched"] == "en mai" && r["line"] == 19)
        .expect("en mai");
    assert_eq!(may["normalized"], "2025-05");
    assert_eq!(may["published"], "2025-05");
    assert_eq!(may["published_bound"], "at_least");
    assert!(may["title"].as_str().is_some_and(|t| !t.is_empty()));
}

#[test]
fn tabs_and_newlines_in_fields_become_spaces() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a\tb.txt");
    std::fs::write(&path, "Signé le 17 juin 1996.\n").expect("write");
    let out = dossier(&["events", path.to_str().expect("path")]);
    let row = out.lines().nth(1).expect("one row");
    assert_eq!(row, "a b.txt\t17 juin 1996\t1996-06-17\tday\t10\t1");
}

#[test]
fn timeline_json_is_sorted_and_groups_the_2019_chronology_with_its_table_row() {
    let json = timeline_json(&[]);
    let groups = json["groups"].as_array().expect("groups");
    let starts: Vec<&str> = groups
        .iter()
        .map(|g| g["start"].as_str().expect("start"))
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    let g2019: Vec<&serde_json::Value> = groups.iter().filter(|g| g["value"] == "2019").collect();
    assert_eq!(g2019.len(), 1, "one 2019 group: {g2019:#?}");
    let lines: Vec<u64> = g2019[0]["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| m["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, vec![21, 45]);
    for g in groups {
        assert!(g["label"].as_str().expect("label").chars().count() <= 60);
        for key in ["value", "precision", "start", "end", "label", "mentions"] {
            assert!(!g[key].is_null(), "{key} in {g}");
        }
        for m in g["mentions"].as_array().expect("mentions") {
            for key in [
                "file",
                "title",
                "source",
                "matched",
                "normalized",
                "byte_offset",
                "line",
                "sentence",
            ] {
                assert!(m.get(key).is_some(), "{key} in {m}");
            }
        }
    }
}

#[test]
fn timeline_filters_by_range_and_query() {
    let json = timeline_json(&["--from", "2019", "--to", "2021"]);
    let groups = json["groups"].as_array().expect("groups");
    assert!(!groups.is_empty());
    for g in groups {
        let (start, end) = (
            g["start"].as_str().expect("s"),
            g["end"].as_str().expect("e"),
        );
        assert!(
            end >= "2019-01-01" && start <= "2021-12-31",
            "{start}..{end}"
        );
    }
    assert!(groups.iter().any(|g| g["value"] == "2020"));
    assert!(!groups
        .iter()
        .any(|g| g["value"] == "2015" || g["value"] == "2025-05"));

    let json = timeline_json(&["--query", "windsurf"]);
    let groups = json["groups"].as_array().expect("groups");
    assert!(!groups.is_empty());
    for g in groups {
        let text = g.to_string().to_lowercase();
        assert!(text.contains("windsurf"), "{g}");
    }
}

#[test]
fn timeline_csv_parses_with_one_row_per_mention() {
    let json = timeline_json(&[]);
    let mentions: usize = json["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["mentions"].as_array().map_or(0, Vec::len))
        .sum();
    let out = dossier(&["timeline", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(headers.get(0), Some("value"));
    assert_eq!(headers.get(1), Some("label"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), mentions);
    assert!(rows.iter().any(|r| r.get(0) == Some("2025-02-19")));
}

#[test]
fn timeline_md_has_year_headings_and_mentions() {
    let out = dossier(&["timeline", "--format", "md"]);
    assert!(out.starts_with("# Timeline\n"));
    for year in ["## 2015", "## 2019", "## 2025"] {
        assert!(out.lines().any(|l| l == year), "{year}");
    }
    let y2015 = out.find("## 2015").expect("2015");
    let y2019 = out.find("## 2019").expect("2019");
    assert!(y2015 < y2019);
    assert!(out.contains("### 2025-02-19 — "));
    assert!(out.contains("(003_766daca9b8a24f06.txt, line 23)"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("many.txt");
    let mut file = std::fs::File::create(&path).expect("create");
    for i in 0..20_000 {
        writeln!(file, "Le {} mai 2019, rien.", i % 28 + 1).expect("write");
    }
    drop(file);
    let bin = assert_cmd::cargo::cargo_bin("dossier");
    let mut child = std::process::Command::new(bin)
        .args(["events", path.to_str().expect("path")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("first line");
    assert!(first.starts_with("file\t"));
    // The reader is dropped here: the pipe closes while dossier still writes.
    let output = child.wait_with_output().expect("wait");
    assert!(output.status.success(), "{output:?}");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
