//! Shared helpers for the reader tests: a hand-built store with dated events (independent of
//! the parsers and the dates extractor), the seeds, key presses and rendering.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::core::article::{
    Article, ArticleParts, Block, BlockKind, DateBound, Event, Format, Modifier, Precision,
    PubDate, Ymd,
};
use dossier::core::load::{build_article, load, Input, LoadOptions, SEEDS};
use dossier::core::store::Store;
use dossier::core::timeline::{EventRef, Group, Timeline};
use dossier::tui::app::State;
use dossier::tui::run::{self, Message};
use dossier::tui::scroll_region::ScrollMemo;
use dossier::tui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::Arc;

pub const SENTENCE_2019: &str = "En 2019, Microsoft investit 1 milliard de dollars dans OpenAI.";

pub struct ArticleBuilder {
    parts: ArticleParts,
}

impl ArticleBuilder {
    pub fn new(id: usize, title: &str, source: Option<&str>, published: Option<&str>) -> Self {
        let published = published.map(|value| PubDate {
            value: value.to_string(),
            precision: if value.len() == 10 {
                Precision::Day
            } else {
                Precision::Month
            },
            bound: DateBound::Exact,
            evidence: "test".into(),
        });
        ArticleBuilder {
            parts: ArticleParts {
                id,
                origin: format!("test/{id}.md"),
                format: Format::Markdown,
                title: title.to_string(),
                source: source.map(str::to_string),
                published,
                ..ArticleParts::default()
            },
        }
    }

    pub fn block(mut self, kind: BlockKind, text: &str) -> Self {
        let start = self.parts.text.len();
        self.parts.text.push_str(text);
        let range = start..self.parts.text.len();
        self.parts.text.push('\n');
        self.parts
            .blocks
            .push(Block::new(kind, range.clone(), range));
        self
    }

    pub fn para(self, text: &str) -> Self {
        self.block(BlockKind::Paragraph, text)
    }

    /// A dated mention: `matched` inside `sentence`, both found in the text.
    pub fn event(
        mut self,
        sentence: &str,
        matched: &str,
        normalized: &str,
        precision: Precision,
        start: Ymd,
        end: Ymd,
    ) -> Self {
        let text = &self.parts.text;
        let s = text.find(sentence).expect("sentence in the text");
        let m = s + sentence.find(matched).expect("matched in the sentence");
        let block = self
            .parts
            .blocks
            .iter()
            .position(|b| b.text_range().contains(&s));
        self.parts.events.push(Event {
            block,
            span: m..m + matched.len(),
            src_offset: m,
            line: 1,
            normalized: normalized.into(),
            precision,
            modifier: Modifier::None,
            start: Some(start),
            end: Some(end),
            sentence: s..s + sentence.len(),
        });
        self.parts.events.sort_by_key(|e| e.span.start);
        self
    }

    pub fn build(self) -> Article {
        Article::new(self.parts)
    }
}

fn group(
    value: &str,
    precision: Precision,
    start: Ymd,
    end: Ymd,
    label: &str,
    mentions: &[(usize, usize)],
) -> Group {
    Group {
        value: value.into(),
        precision,
        start,
        end,
        label: label.into(),
        mentions: mentions
            .iter()
            .map(|&(article, event)| EventRef { article, event })
            .collect(),
    }
}

/// Three articles with dated events and a hand-built timeline: the 2019 investment is told by
/// two articles with different precision (`2019` and `juillet 2019`), flagged as a conflict.
pub fn hand_store() -> Store {
    let y = |year| Ymd::new(year, 1, 1);
    let ye = |year| Ymd::new(year, 12, 31);
    let a = ArticleBuilder::new(0, "OpenAI et Microsoft, une histoire", Some("Le Monde"), Some("2025-02-19"))
        .block(BlockKind::Heading(2), "Les débuts")
        .para("OpenAI est fondée en décembre 2015 par Sam Altman et Elon Musk. En 2019, Microsoft investit 1 milliard de dollars dans OpenAI. Le partenariat s'étend ensuite à Azure.")
        .para("En janvier 2023, Microsoft annonce un nouvel investissement de 10 milliards de dollars. Microsoft devient ainsi le premier actionnaire.")
        .block(BlockKind::TableRow, "Année\tMontant\tInvestisseur")
        .block(BlockKind::TableRow, "2019\t1 milliard\tMicrosoft")
        .block(BlockKind::TableRow, "2023\t10 milliards\tMicrosoft")
        .block(BlockKind::ListItem, "Azure devient le fournisseur exclusif de calcul.")
        .block(BlockKind::ListItem, "Bing intègre ChatGPT.")
        .event("OpenAI est fondée en décembre 2015 par Sam Altman et Elon Musk.", "décembre 2015", "2015-12", Precision::Month, Ymd::new(2015, 12, 1), Ymd::new(2015, 12, 31))
        .event(SENTENCE_2019, "2019", "2019", Precision::Year, y(2019), ye(2019))
        .event("En janvier 2023, Microsoft annonce un nouvel investissement de 10 milliards de dollars.", "janvier 2023", "2023-01", Precision::Month, Ymd::new(2023, 1, 1), Ymd::new(2023, 1, 31))
        .build();
    let b = ArticleBuilder::new(1, "Microsoft et OpenAI renégocient", Some("Les Echos"), Some("2025-05"))
        .para("Le premier investissement de Microsoft, en juillet 2019, portait sur 1 milliard de dollars. Depuis 2021, les discussions se poursuivent.")
        .para("Un accord est attendu le 19 février 2025 selon plusieurs sources.")
        .event("Le premier investissement de Microsoft, en juillet 2019, portait sur 1 milliard de dollars.", "juillet 2019", "2019-07", Precision::Month, Ymd::new(2019, 7, 1), Ymd::new(2019, 7, 31))
        .event("Depuis 2021, les discussions se poursuivent.", "2021", "2021", Precision::Year, y(2021), ye(2021))
        .event("Un accord est attendu le 19 février 2025 selon plusieurs sources.", "19 février 2025", "2025-02-19", Precision::Day, Ymd::new(2025, 2, 19), Ymd::new(2025, 2, 19))
        .build();
    let c = ArticleBuilder::new(2, "東京のAI 🚀 ロケット", Some("日経"), None)
        .para("Le projet Stargate, de 2016 à 2018, est évoqué. Microsoft y participe.")
        .event(
            "Le projet Stargate, de 2016 à 2018, est évoqué.",
            "de 2016 à 2018",
            "2016/2018",
            Precision::Range,
            y(2016),
            ye(2018),
        )
        .build();
    let timeline = Timeline {
        groups: vec![
            group(
                "2015-12",
                Precision::Month,
                Ymd::new(2015, 12, 1),
                Ymd::new(2015, 12, 31),
                "OpenAI est fondée",
                &[(0, 0)],
            ),
            group(
                "2016/2018",
                Precision::Range,
                y(2016),
                ye(2018),
                "Le projet Stargate",
                &[(2, 0)],
            ),
            group(
                "2019",
                Precision::Year,
                y(2019),
                ye(2019),
                "Microsoft investit 1 milliard de dollars dans OpenAI",
                &[(0, 1), (1, 0)],
            ),
            group(
                "2021",
                Precision::Year,
                y(2021),
                ye(2021),
                "Les discussions se poursuivent",
                &[(1, 1)],
            ),
            group(
                "2023-01",
                Precision::Month,
                Ymd::new(2023, 1, 1),
                Ymd::new(2023, 1, 31),
                "Nouvel investissement de 10 milliards",
                &[(0, 2)],
            ),
            group(
                "2025-02-19",
                Precision::Day,
                Ymd::new(2025, 2, 19),
                Ymd::new(2025, 2, 19),
                "Un accord est attendu",
                &[(1, 2)],
            ),
        ],
    };
    Store::with_timeline(vec![a, b, c], timeline)
}

/// One article of about 300 KB: the seeds' text repeated.
pub fn large_store() -> Store {
    let mut bytes = Vec::new();
    while bytes.len() < 300_000 {
        for (_, seed) in SEEDS {
            bytes.extend_from_slice(seed);
            bytes.extend_from_slice(b"\n\n");
        }
    }
    let (article, _) = build_article("large.txt".into(), &bytes).expect("build");
    Store::new(vec![article])
}

pub fn seeds_store() -> Store {
    let loaded = load(&[Input::Seeds], &LoadOptions::default());
    Store::new(loaded.articles)
}

pub fn state_for(store: Store, width: u16, height: u16, no_color: bool) -> State {
    let mut state = State::new(Arc::new(store), Theme::new(no_color));
    run::handle(&mut state, Message::Resize(width, height), None);
    state
}

/// A key by name: `Enter`, `Esc`, `Tab`, `BackTab`, `Down`, `Up`, `PgDn`, `PgUp`, `Home`,
/// `End`, `Space`, `Backspace`, `F1`, `C-c` (Ctrl), or a single character.
pub fn key(name: &str) -> KeyEvent {
    let (code, modifiers) = match name {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "Up" => (KeyCode::Up, KeyModifiers::NONE),
        "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
        "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
        "Home" => (KeyCode::Home, KeyModifiers::NONE),
        "End" => (KeyCode::End, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "F1" => (KeyCode::F(1), KeyModifiers::NONE),
        other if other.starts_with("C-") => (
            KeyCode::Char(other.chars().nth(2).expect("ctrl key")),
            KeyModifiers::CONTROL,
        ),
        other => {
            let c = other.chars().next().expect("a key");
            let modifiers = if c.is_uppercase() || "?".contains(c) {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), modifiers)
        }
    };
    KeyEvent::new(code, modifiers)
}

/// Press keys by name, with searches run synchronously.
pub fn press(state: &mut State, keys: &[&str]) {
    for name in keys {
        run::handle(state, Message::Key(key(name)), None);
    }
}

/// Type text into an open prompt.
pub fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        run::handle(
            state,
            Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            None,
        );
    }
}

pub fn render(state: &State) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(state.size.width, state.size.height))
        .expect("test terminal");
    run::draw(&mut terminal, state, &mut ScrollMemo::default()).expect("draw");
    terminal
}

/// The screen as text, one string per row.
pub fn screen_rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            // A wide character covers the next cell too; print it once, as a terminal shows it.
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..buffer.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                row.push_str(symbol);
            }
            row
        })
        .collect()
}

pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    screen_rows(terminal).join("\n")
}
