//! Scores `dossier events --format tsv` on the built-in seeds against the gold dates.
//!
//! Relaxed span overlap on (file, byte range). The core tier holds calendar-dated mentions, so
//! it is scored on the dated predictions (precision other than ref/duration/set): a prediction
//! overlapping a core item is a true positive, one overlapping only a `rel` item is ignored,
//! one overlapping nothing is a false positive. Relative predictions are scored against the
//! `rel` tier for information only.

use assert_cmd::Command;
use std::collections::HashMap;
use std::ops::Range;

const SHARED_GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds-gold.tsv");
const LOCAL_GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds-gold.tsv");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

#[derive(Debug)]
struct Gold {
    file: String,
    span: Range<usize>,
    text: String,
    normalized: String,
    precision: String,
    modifier: String,
    core: bool,
}

#[derive(Debug, Clone)]
struct Prediction {
    file: String,
    span: Range<usize>,
    matched: String,
    normalized: String,
    precision: String,
    line: usize,
}

fn load_gold() -> Vec<Gold> {
    let path = if std::path::Path::new(SHARED_GOLD).exists() {
        SHARED_GOLD
    } else {
        LOCAL_GOLD
    };
    let text = std::fs::read_to_string(path).expect("gold file readable");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let offset: usize = f[2].parse().expect("gold offset");
            let len: usize = f[3].parse().expect("gold length");
            Gold {
                file: f[0].to_string(),
                span: offset..offset + len,
                text: f[4].to_string(),
                normalized: f[5].to_string(),
                precision: f[6].to_string(),
                modifier: f[7].to_string(),
                core: f[8] == "core",
            }
        })
        .collect()
}

fn run_events(format: &str) -> String {
    let output = Command::cargo_bin("dossier")
        .expect("binary built")
        .args(["events", "--format", format])
        .output()
        .expect("dossier runs");
    assert!(output.status.success(), "events failed: {:?}", output);
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn predictions() -> Vec<Prediction> {
    let out = run_events("tsv");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("file\tmatched\tnormalized\tprecision\tbyte_offset\tline")
    );
    lines
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 6, "six columns: {line:?}");
            let offset: usize = f[4].parse().expect("offset");
            Prediction {
                file: f[0].to_string(),
                span: offset..offset + f[1].len(),
                matched: f[1].to_string(),
                normalized: f[2].to_string(),
                precision: f[3].to_string(),
                line: f[5].parse().expect("line"),
            }
        })
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn is_dated(precision: &str) -> bool {
    !matches!(precision, "ref" | "duration" | "set")
}

struct Score {
    tp: usize,
    fp: usize,
    found: usize,
    total: usize,
}

impl Score {
    fn p(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn r(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.found as f64 / self.total as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn score(preds: &[&Prediction], gold: &[Gold], tier_core: bool) -> (Score, Vec<String>) {
    let mut s = Score {
        tp: 0,
        fp: 0,
        found: 0,
        total: gold.iter().filter(|g| g.core == tier_core).count(),
    };
    let mut notes = Vec::new();
    for p in preds {
        let hits: Vec<&Gold> = gold
            .iter()
            .filter(|g| g.file == p.file && overlaps(&g.span, &p.span))
            .collect();
        if hits.iter().any(|g| g.core == tier_core) {
            s.tp += 1;
        } else if hits.is_empty() {
            s.fp += 1;
            notes.push(format!(
                "FP {}:{} {:?} -> {}",
                p.file, p.line, p.matched, p.normalized
            ));
        }
    }
    for g in gold.iter().filter(|g| g.core == tier_core) {
        if preds
            .iter()
            .any(|p| p.file == g.file && overlaps(&g.span, &p.span))
        {
            s.found += 1;
        } else {
            notes.push(format!("FN {} {:?} ({})", g.file, g.text, g.normalized));
        }
    }
    (s, notes)
}

#[test]
fn seeds_match_the_gold_dates() {
    let gold = load_gold();
    let preds = predictions();

    // Offsets point at the matched text in the file.
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    for p in &preds {
        let bytes = files
            .entry(p.file.clone())
            .or_insert_with(|| std::fs::read(format!("{SEEDS}/{}", p.file)).expect("seed file"));
        assert_eq!(
            bytes.get(p.span.clone()),
            Some(p.matched.as_bytes()),
            "byte_offset of {:?} in {}",
            p.matched,
            p.file
        );
        let line = bytes[..p.span.start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        assert_eq!(line, p.line, "line of {:?} in {}", p.matched, p.file);
    }

    let dated: Vec<&Prediction> = preds.iter().filter(|p| is_dated(&p.precision)).collect();
    let relative: Vec<&Prediction> = preds.iter().filter(|p| !is_dated(&p.precision)).collect();
    let (core, core_notes) = score(&dated, &gold, true);
    let (rel, rel_notes) = score(&relative, &gold, false);

    println!("tier   gold  pred-tp  pred-fp  P      R      F1");
    for (name, s) in [("core", &core), ("rel*", &rel)] {
        println!(
            "{name:<6} {:>4}  {:>7}  {:>7}  {:.3}  {:.3}  {:.3}",
            s.total,
            s.tp,
            s.fp,
            s.p(),
            s.r(),
            s.f1()
        );
    }
    println!("(* informative only)");
    for note in core_notes.iter().chain(&rel_notes) {
        println!("  {note}");
    }

    // Every core value is exact: normalized value, precision.
    let mut wrong = Vec::new();
    for g in gold.iter().filter(|g| g.core) {
        let hit = dated
            .iter()
            .find(|p| p.file == g.file && overlaps(&g.span, &p.span));
        match hit {
            Some(p) if p.normalized == g.normalized && p.precision == g.precision => {}
            Some(p) => wrong.push(format!(
                "{} {:?}: got {} {}, want {} {}",
                g.file, g.text, p.normalized, p.precision, g.normalized, g.precision
            )),
            None => wrong.push(format!("{} {:?}: missing", g.file, g.text)),
        }
    }
    assert_eq!(gold.iter().filter(|g| g.core).count(), 26);
    assert!(wrong.is_empty(), "core values: {wrong:#?}");
    assert!(core.f1() >= 0.97, "core span F1 {:.3} < 0.97", core.f1());

    // Modifiers of the core items, from the JSON output.
    let json: serde_json::Value = serde_json::from_str(&run_events("json")).expect("JSON");
    let rows = json.as_array().expect("array");
    assert_eq!(
        rows.len(),
        preds.len(),
        "JSON and TSV list the same mentions"
    );
    for g in gold.iter().filter(|g| g.core && !g.modifier.is_empty()) {
        let row = rows
            .iter()
            .find(|r| {
                r["file"] == g.file.as_str() && {
                    let off = r["byte_offset"].as_u64().unwrap_or(0) as usize;
                    let len = r["matched"].as_str().map_or(0, str::len);
                    overlaps(&(off..off + len), &g.span)
                }
            })
            .expect("core mention in JSON");
        assert_eq!(
            row["modifier"],
            g.modifier.as_str(),
            "modifier of {:?}",
            g.text
        );
    }
}
