//! Markdown, HTML and plain-text fixtures through the real pipeline (`build_article`):
//! structure, metadata, chrome removal, inert entities, and deep nesting without recursion.

use dossier::core::article::{Article, BlockKind, Format, Precision};
use dossier::core::load::build_article;
use dossier::core::parse::{detect_format, parse};
use dossier::core::sanitize::sanitize;

fn load(name: &str, text: &str) -> Article {
    build_article(name.to_string(), text.as_bytes()).unwrap().0
}

fn blocks(article: &Article) -> Vec<(BlockKind, &str)> {
    article
        .blocks()
        .map(|b| (b.kind, article.block_text(&b)))
        .collect()
}

fn dropped(article: &Article) -> Vec<(&'static str, &str)> {
    article
        .dropped()
        .map(|d| (d.reason, article.slice(&d.text_range())))
        .collect()
}

const MARKDOWN: &str = "---
title: \"Deux visions, un futur\"
author: Jeanne Martin
date: 2025-02-19
source: Le Journal
---

# Deux visions, un futur

Un *premier* paragraphe avec un [lien](https://example.org/x) et du `code`.

## Chronologie

- OpenAI est fondée en 2015
- Microsoft investit en 2019

| Année | Événement |
|-------|-----------|
| 2019  | Accord    |

> Une citation
> sur deux lignes.

```rust
fn main() {}
```

Texte ~~barré~~ et note[^1].

[^1]: La note.
";

#[test]
fn markdown_structure_and_front_matter() {
    let article = load("a.md", MARKDOWN);
    assert_eq!(article.format, Format::Markdown);
    assert_eq!(article.title(), "Deux visions, un futur");
    assert_eq!(article.author(), Some("Jeanne Martin"));
    assert_eq!(article.source(), Some("Le Journal"));
    let published = article.published().unwrap();
    assert_eq!(published.value, "2025-02-19");
    assert_eq!(published.precision, Precision::Day);
    assert_eq!(
        blocks(&article),
        vec![
            (
                BlockKind::Paragraph,
                "Un premier paragraphe avec un lien et du code."
            ),
            (BlockKind::Heading(2), "Chronologie"),
            (BlockKind::ListItem, "OpenAI est fondée en 2015"),
            (BlockKind::ListItem, "Microsoft investit en 2019"),
            (BlockKind::TableRow, "Année\tÉvénement"),
            (BlockKind::TableRow, "2019\tAccord"),
            (BlockKind::Quote, "Une citation sur deux lignes."),
            (BlockKind::Code, "fn main() {}"),
            (BlockKind::Paragraph, "Texte barré et note[1]."),
            (BlockKind::Paragraph, "La note."),
        ]
    );
    // The `# ` title heading repeats the front matter title: it leaves the body.
    assert_eq!(dropped(&article), vec![("title", "Deux visions, un futur")]);
    assert!(
        !article.text().contains("example.org"),
        "link URLs are dropped"
    );
    // Every block's source range starts at its Markdown line.
    let chrono = article.block(1).expect("block 1");
    assert_eq!(&MARKDOWN[chrono.src_range()], "## Chronologie");
    let item = article.block(2).expect("block 2");
    assert!(MARKDOWN[item.src_range()].starts_with("OpenAI est fondée"));
}

#[test]
fn markdown_without_front_matter_takes_h1_and_byline() {
    let text = "# Le Coup de Tonnerre\n\nPar Jean Dupont\n\nUn paragraphe qui raconte quelque chose.\n\nSource : [Ars Technica](https://arstechnica.com/ai/2025/06/x/)\n";
    let article = load("b.markdown", text);
    assert_eq!(article.title(), "Le Coup de Tonnerre");
    assert_eq!(article.author(), Some("Jean Dupont"));
    assert_eq!(
        article.source_url(),
        Some("https://arstechnica.com/ai/2025/06/x/")
    );
    assert_eq!(article.source(), Some("arstechnica.com"));
    assert_eq!(
        blocks(&article),
        vec![(
            BlockKind::Paragraph,
            "Un paragraphe qui raconte quelque chose."
        )]
    );
    let reasons: Vec<&str> = article.dropped().map(|d| d.reason).collect();
    assert_eq!(reasons, vec!["title", "byline", "link_out"]);
}

#[test]
fn escape_entities_are_decoded_then_sanitized() {
    let md = "Rouge &#27;[31m ici et &#x202E;inversé.\n";
    let html = "<html><body><p>Rouge &#27;[31m ici et &#x202E;inversé.</p></body></html>";
    for (name, text) in [("e.md", md), ("e.html", html)] {
        // The parser decodes the entities into real control characters...
        let raw = parse(text, detect_format(name, text));
        let raw_text: String = raw.blocks.iter().map(|b| b.text.as_ref()).collect();
        assert!(raw_text.contains('\u{1b}'), "{name}: entity not decoded");
        assert!(raw_text.contains('\u{202E}'), "{name}: entity not decoded");
        // ...and the article only holds sanitizer output.
        let article = load(name, text);
        assert!(
            !article.text().contains('\u{1b}'),
            "{name}: ESC reached the arena"
        );
        // The whole CSI sequence goes, not just its ESC; the words around it stay.
        assert!(!article.text().contains("[31m"), "{name}: escape body left");
        assert!(article.text().contains("Rouge"), "{name}: text lost");
        assert!(
            article.text().contains("ici et inversé"),
            "{name}: text lost"
        );
        assert!(
            !article.text().contains('\u{202E}'),
            "{name}: bidi override reached the arena"
        );
        for block in article.blocks() {
            let shown = article.block_text(&block);
            assert_eq!(sanitize(shown), shown, "{name}: block not sanitized");
        }
        assert_eq!(sanitize(article.title()), article.title());
    }
}

const HTML: &str = r#"<!DOCTYPE html>
<html><head>
<title>OpenAI s'allie à Google | Tech Daily</title>
<meta name="author" content="Ada Lovelace">
<meta property="article:published_time" content="2025-06-10T08:00:00Z">
<meta property="og:site_name" content="Tech Daily">
<meta property="og:url" content="https://techdaily.example/openai-google">
<style>body { color: red }</style>
<script>document.write("injected script text")</script>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/tech">Tech</a></nav></header>
<aside>Articles populaires</aside>
<article>
  <h1>OpenAI s'allie à Google</h1>
  <p class="lead">Un accord <b>majeur</b> &amp; inattendu.</p>
  <!-- a comment that must not show -->
  <h2>Les détails</h2>
  <p>Le contrat a été signé <time datetime="2025-05-30">fin mai</time>.</p>
  <ul><li>Capacité de calcul</li><li>Google Cloud</li></ul>
  <table><tr><th>Année</th><th>Partenaire</th></tr><tr><td>2019</td><td>Microsoft</td></tr></table>
  <blockquote><p>Une citation célèbre.</p></blockquote>
  <pre>ligne 1
  ligne 2</pre>
  <div hidden>texte caché</div>
  <p aria-hidden="true">texte masqué</p>
  <noscript>activez JavaScript</noscript>
  <template><p>modèle</p></template>
  <svg><text>dessin</text></svg>
  <form><label>Email</label><input></form>
  <div class="share-buttons">Partager sur X</div>
</article>
<footer>© 2025 Tech Daily</footer>
</body></html>"#;

#[test]
fn html_structure_metadata_and_chrome() {
    let article = load("page.html", HTML);
    assert_eq!(article.format, Format::Html);
    assert_eq!(article.title(), "OpenAI s'allie à Google");
    assert_eq!(article.author(), Some("Ada Lovelace"));
    assert_eq!(article.source(), Some("Tech Daily"));
    assert_eq!(
        article.source_url(),
        Some("https://techdaily.example/openai-google")
    );
    let published = article.published().unwrap();
    assert_eq!(published.value, "2025-06-10");
    assert_eq!(
        blocks(&article),
        vec![
            (BlockKind::Paragraph, "Un accord majeur & inattendu."),
            (BlockKind::Heading(2), "Les détails"),
            (BlockKind::Paragraph, "Le contrat a été signé fin mai."),
            (BlockKind::ListItem, "Capacité de calcul"),
            (BlockKind::ListItem, "Google Cloud"),
            (BlockKind::TableRow, "Année\tPartenaire"),
            (BlockKind::TableRow, "2019\tMicrosoft"),
            (BlockKind::Quote, "Une citation célèbre."),
            (BlockKind::Code, "ligne 1\n  ligne 2"),
        ]
    );
    for chrome in [
        "injected",
        "color: red",
        "comment",
        "Accueil",
        "populaires",
        "caché",
        "masqué",
        "JavaScript",
        "modèle",
        "dessin",
        "Email",
        "Partager",
        "©",
    ] {
        assert!(
            !article.text().contains(chrome),
            "{chrome:?} leaked into the text"
        );
    }
    // Best-effort source ranges: found by the block's words in the page.
    let heading = article.block(1).expect("block 1");
    assert_eq!(&HTML[heading.src_range()], "Les détails");
    let lead = article.block(0).expect("block 0");
    assert!(HTML[lead.src_range()].starts_with("Un accord"));
}

#[test]
fn html_time_element_gives_the_date_without_meta() {
    let html = "<html><body><main><h1>Un titre de page</h1><p>Par Jean Dupont</p>\
                <p><time datetime=\"2024-11-05\">5 novembre</time> Un texte.</p></main></body></html>";
    let article = load("t.htm", html);
    assert_eq!(article.title(), "Un titre de page");
    assert_eq!(article.author(), Some("Jean Dupont"));
    assert_eq!(
        article.published().map(|p| p.value.as_str()),
        Some("2024-11-05")
    );
    assert_eq!(
        blocks(&article),
        vec![(BlockKind::Paragraph, "5 novembre Un texte.")]
    );
}

#[test]
fn html_title_without_h1_loses_the_site_suffix() {
    let html = "<html><head><title>La grande enquête - Le Site</title>\
                <meta property=\"og:site_name\" content=\"Le Site\"></head>\
                <body><p>Premier paragraphe.</p></body></html>";
    let article = load("s.html", html);
    assert_eq!(article.title(), "La grande enquête");
    assert_eq!(article.source(), Some("Le Site"));
}

#[test]
fn hundred_thousand_nested_divs_do_not_overflow() {
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 11 + 64);
    html.push_str("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("profondément enfoui");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    let article = load("deep.html", &html);
    assert!(article.text().contains("profondément enfoui"));
}

#[test]
fn ten_thousand_nested_quotes_do_not_overflow() {
    let depth = 10_000;
    let mut md = ">".repeat(depth);
    md.push_str(" au fond des citations\n");
    let article = load("deep.md", &md);
    assert!(article.text().contains("au fond des citations"));
    assert!(article.blocks().all(|b| b.kind == BlockKind::Quote));
}

#[test]
fn hard_wrapped_text_is_joined_into_paragraphs() {
    let text = "Un titre court\n\n\
                Le premier paragraphe est coupé à une largeur fixe comme\n\
                les vieux courriels, si bien que chaque ligne sauf la\n\
                dernière s'arrête au milieu d'une phrase, ici même.\n\n\
                Le second paragraphe continue de la même manière sur\n\
                deux lignes avant de se terminer enfin juste là.\n\n\
                - un point\n- un autre point\n";
    let article = load("w.txt", text);
    assert_eq!(article.title(), "Un titre court");
    let got = blocks(&article);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0].0, BlockKind::Paragraph);
    assert!(got[0]
        .1
        .starts_with("Le premier paragraphe est coupé à une largeur fixe comme les vieux"));
    assert!(got[0].1.ends_with("ici même."));
    assert_eq!(got[2], (BlockKind::ListItem, "un point"));
    let first = article.block(0).expect("block 0");
    assert!(text[first.src_range()].starts_with("Le premier"));
    assert!(text[first.src_range()].ends_with("ici même."));
}

#[test]
fn english_text_rules() {
    let text = "FR | EN\n\nBy Jane Doe, Staff Writer\n\nA first paragraph that tells a story. It goes on.\n\nRead more: https://example.com/story\n\nJune 3, 2025\n";
    let article = load("en.txt", text);
    assert_eq!(article.author(), Some("Jane Doe"));
    assert_eq!(article.source_url(), Some("https://example.com/story"));
    assert_eq!(article.source(), Some("example.com"));
    assert_eq!(article.title(), "A first paragraph that tells a story");
    let reasons: Vec<&str> = article.dropped().map(|d| d.reason).collect();
    assert_eq!(
        reasons,
        vec!["language_switcher", "byline", "link_out", "date_line"]
    );
    assert_eq!(blocks(&article).len(), 1);
}

#[test]
fn seed_block_texts_are_their_source_bytes() {
    // Block text equal to `decoded[src]` lets events map arena offsets to file offsets exactly.
    for (name, bytes) in dossier::core::load::SEEDS {
        let decoded = String::from_utf8(bytes.to_vec()).unwrap();
        let article = load(&format!("seeds/{name}"), &decoded);
        for block in article.blocks() {
            let text = article.block_text(&block);
            let source = &decoded[block.src_range()];
            let expected = if block.kind == BlockKind::TableRow {
                source.replacen(' ', "\t", 1)
            } else {
                source.to_string()
            };
            assert_eq!(text, expected, "{name}: block at {:?}", block.src_range());
        }
        for line in article.dropped() {
            assert_eq!(
                article.slice(&line.text_range()),
                &decoded[line.src_range()],
                "{name}: dropped at {:?}",
                line.src_range()
            );
        }
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Fragments that exercise every parser's special cases.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("<div>".to_string()),
            Just("</div>".to_string()),
            Just("<p>".to_string()),
            Just("<td>".to_string()),
            Just("<tr>".to_string()),
            Just("<pre>".to_string()),
            Just("<script>".to_string()),
            Just("<!--".to_string()),
            Just("&#27;".to_string()),
            Just("# ".to_string()),
            Just("> ".to_string()),
            Just("- ".to_string()),
            Just("| a | b |".to_string()),
            Just("---\n".to_string()),
            Just("```".to_string()),
            Just("[x](http://a.b)".to_string()),
            Just("Source : ".to_string()),
            Just("Par Jean Dupont".to_string()),
            Just("2015 :".to_string()),
            Just("19/02/25".to_string()),
            Just("\u{a0}".to_string()),
            Just("🔥 ".to_string()),
            Just("\t".to_string()),
            "[a-zA-Zéà’ .!?:]{0,30}",
            any::<String>(),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_input_gives_consistent_ranges(text in pieces(), ext in 0usize..3) {
            let name = ["a.txt", "a.md", "a.html"][ext];
            // Parser and metadata directly: the decoder refuses empty input.
            let format = detect_format(name, &text);
            let article = dossier::core::meta::assemble(0, name.into(), format, &text, parse(&text, format));
            for block in article.blocks() {
                prop_assert!(text.get(block.src_range()).is_some(), "bad src {:?}", block.src_range());
                prop_assert!(article.text().get(block.text_range()).is_some());
                prop_assert!(!article.block_text(&block).trim().is_empty());
            }
            for line in article.dropped() {
                prop_assert!(text.get(line.src_range()).is_some());
                prop_assert!(article.text().get(line.text_range()).is_some());
            }
            prop_assert!(!article.text().contains('\x1b'), "ESC in arena");
            prop_assert!(!article.title().contains('\n'));
        }
    }
}

#[test]
fn wire_story_copy_paste() {
    let text = "OpenAI taps Google cloud to meet surging demand for computing power\n\n\
                By Krystal Hu and Kenrick Cai\n\n\
                June 10, 2025 2:30 PM EDT\n\n\
                SAN FRANCISCO, June 10 (Reuters) - OpenAI plans to add Alphabet's Google cloud service to meet its growing needs for computing capacity, three sources said.\n\n\
                The deal, which has been under discussion for a few months, was finalized in May, one of the sources added.\n\n\
                Photo: Reuters\n\n\
                Reporting by Krystal Hu in San Francisco; Editing by Matthew Lewis\n";
    let article = load("wire.txt", text);
    assert_eq!(
        article.title(),
        "OpenAI taps Google cloud to meet surging demand for computing power"
    );
    assert_eq!(article.author(), Some("Krystal Hu and Kenrick Cai"));
    assert_eq!(article.source(), Some("Reuters"));
    assert_eq!(
        dropped(&article),
        vec![
            (
                "title",
                "OpenAI taps Google cloud to meet surging demand for computing power"
            ),
            ("byline", "By Krystal Hu and Kenrick Cai"),
            ("date_line", "June 10, 2025 2:30 PM EDT"),
            ("credit", "Photo: Reuters"),
            (
                "credit",
                "Reporting by Krystal Hu in San Francisco; Editing by Matthew Lewis"
            ),
        ]
    );
    assert_eq!(article.block_count(), 2);
}

#[test]
fn french_blog_copy_paste() {
    let text = "L’IA générative en 2025 : ce qui change vraiment\n\n\
                Publié le 3 mars 2025 par Marie Dubois\n\n\
                Depuis le début de l’année, les annonces se succèdent. Google et OpenAI ont présenté de nouveaux modèles.\n\n\
                Les grandes étapes\n\n\
                En janvier 2025, DeepSeek a surpris le marché avec un modèle très bon marché.\n\n\
                Lire aussi : OpenAI lève 40 milliards de dollars\n\n\
                Ce que cela change pour vous\n\n\
                Les outils deviennent moins chers et plus rapides, mais plus difficiles à évaluer.\n\n\
                Tags : IA, OpenAI, DeepSeek\n\n\
                © 2025 Le Blog Tech – Tous droits réservés\n";
    let article = load("blog.txt", text);
    assert_eq!(
        article.title(),
        "L’IA générative en 2025 : ce qui change vraiment"
    );
    assert_eq!(article.author(), Some("Marie Dubois"));
    assert_eq!(article.source(), Some("Le Blog Tech"));
    let headings: Vec<&str> = blocks(&article)
        .into_iter()
        .filter(|(kind, _)| *kind == BlockKind::Heading(2))
        .map(|(_, text)| text)
        .collect();
    assert_eq!(
        headings,
        vec!["Les grandes étapes", "Ce que cela change pour vous"]
    );
    let reasons: Vec<&str> = article.dropped().map(|d| d.reason).collect();
    assert_eq!(
        reasons,
        vec!["title", "byline", "chrome", "tags", "copyright"]
    );
}

#[test]
fn two_thousand_nested_list_items_do_not_overflow() {
    let mut md = String::new();
    for depth in 0..2_000 {
        md.push_str(&"  ".repeat(depth));
        md.push_str("- niveau\n");
    }
    let article = load("lists.md", &md);
    assert!(article.blocks().all(|b| b.kind == BlockKind::ListItem));
    assert!(article.block_count() > 0);
}
