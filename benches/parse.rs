//! Parsing + metadata (decode and dates excluded): the seeds as text, and ~1 MB Markdown and
//! HTML documents built from the seeds' paragraphs.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use dossier::core::article::Format;
use dossier::core::load::SEEDS;
use dossier::core::meta::assemble;
use dossier::core::parse::parse;
use std::hint::black_box;
use std::time::Duration;

fn seeds_text() -> Vec<String> {
    SEEDS
        .iter()
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect()
}

/// Paragraphs of the seeds repeated until `size` bytes, wrapped per format.
fn synthetic(format: Format, size: usize) -> String {
    let paragraphs: Vec<String> = seeds_text()
        .iter()
        .flat_map(|t| t.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|l| l.len() > 80)
        .collect();
    let mut out = String::new();
    if format == Format::Html {
        out.push_str("<!DOCTYPE html><html><head><title>Bench | Site</title></head><body><nav><a href=/>Home</a></nav><article><h1>Bench</h1>");
    }
    let mut i = 0;
    while out.len() < size {
        let p = &paragraphs[i % paragraphs.len()];
        match format {
            Format::Markdown if i % 7 == 0 => out.push_str(&format!(
                "## Section {i}\n\n- item *{i}*\n- [link](https://e.x/{i})\n\n"
            )),
            Format::Markdown => out.push_str(&format!("{p}\n\n")),
            Format::Html if i % 7 == 0 => out.push_str(&format!(
                "<h2>Section {i}</h2><ul><li>item <b>{i}</b></li></ul>\n"
            )),
            Format::Html => out.push_str(&format!("<p>{p}</p>\n")),
            Format::Text => out.push_str(&format!("{p}\n\n")),
        }
        i += 1;
    }
    if format == Format::Html {
        out.push_str("</article><footer>(c)</footer></body></html>");
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));

    let seeds = seeds_text();
    let seed_bytes: usize = seeds.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(seed_bytes as u64));
    group.bench_function("seeds_text_parse_and_meta", |b| {
        b.iter(|| {
            for text in &seeds {
                let doc = parse(text, Format::Text);
                black_box(assemble(0, "s.txt".into(), Format::Text, text, doc));
            }
        })
    });

    for (name, format) in [
        ("markdown_1mb", Format::Markdown),
        ("html_1mb", Format::Html),
        ("text_1mb", Format::Text),
    ] {
        let doc_text = synthetic(format, 1 << 20);
        group.throughput(Throughput::Bytes(doc_text.len() as u64));
        group.bench_function(name, |b| {
            b.iter_batched(
                || (),
                |()| {
                    let doc = parse(&doc_text, format);
                    black_box(assemble(0, "b".into(), format, &doc_text, doc))
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
