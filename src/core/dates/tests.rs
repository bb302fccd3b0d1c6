//! Unit tests of the scanner and normalisation: every construct in French and English, and the
//! look-alikes that are not dates.

use super::lexicon::Lang;
use super::normalize::normalize;
use super::scan::{scan, Mention};

/// (matched, normalized, precision, modifier) of every mention, in order.
fn all(text: &str) -> Vec<(String, String, &'static str, &'static str)> {
    all_in(text, Lang::Any)
}

fn all_in(text: &str, lang: Lang) -> Vec<(String, String, &'static str, &'static str)> {
    let mut out: Vec<Mention> = Vec::new();
    scan(text, lang, &mut out);
    out.iter()
        .map(|m| {
            let n = normalize(&m.value);
            (
                text.get(m.start..m.end).unwrap_or("?").to_string(),
                n.value,
                n.precision.name(),
                m.modifier.name(),
            )
        })
        .collect()
}

/// The single mention of `text`, checked against (matched, normalized, precision, modifier).
#[track_caller]
fn one(text: &str, matched: &str, normalized: &str, precision: &str, modifier: &str) {
    let found = all(text);
    assert_eq!(
        found,
        vec![(
            matched.to_string(),
            normalized.to_string(),
            // Leak-free 'static comparison: compare as &str below.
            leak(precision),
            leak(modifier)
        )],
        "in {text:?}"
    );
}

fn leak(s: &str) -> &'static str {
    crate::core::article::Precision::parse(s)
        .map(|p| p.name())
        .or(match s {
            "" => Some(""),
            "after" => Some("after"),
            "before" => Some("before"),
            "until" => Some("until"),
            "since" => Some("since"),
            "approx" => Some("approx"),
            "start" => Some("start"),
            "mid" => Some("mid"),
            "end" => Some("end"),
            _ => None,
        })
        .unwrap_or("?")
}

#[track_caller]
fn nothing(text: &str) {
    assert_eq!(all(text), vec![], "in {text:?}");
}

/// Only calendar-dated mentions (not ref, duration, set).
fn dated(text: &str) -> Vec<(String, String)> {
    all(text)
        .into_iter()
        .filter(|(_, _, p, _)| !matches!(*p, "ref" | "duration" | "set"))
        .map(|(m, n, _, _)| (m, n))
        .collect()
}

// --- years in context ------------------------------------------------------------------------

#[test]
fn french_years_in_context() {
    one(
        "Musk part en 2018 avec fracas.",
        "en 2018",
        "2018",
        "year",
        "",
    );
    one("2015 :", "2015", "2015", "year", "");
    one(
        "2019 Accord stratégique avec Microsoft",
        "2019",
        "2019",
        "year",
        "",
    );
    one(
        "un accès prolongé au-delà de 2030.",
        "au-delà de 2030",
        "2030",
        "year",
        "after",
    );
    one(
        "Il règne depuis 2019.",
        "depuis 2019",
        "2019",
        "year",
        "since",
    );
    one("Rien avant 2020.", "avant 2020", "2020", "year", "before");
    one("Né vers 1850, il…", "vers 1850", "1850", "year", "approx");
    one(
        "Livraison d’ici 2030.",
        "d’ici 2030",
        "2030",
        "year",
        "before",
    );
    one(
        "La sortie est prévue fin 2024.",
        "fin 2024",
        "2024",
        "year",
        "end",
    );
    one(
        "Lancement début 2024.",
        "début 2024",
        "2024",
        "year",
        "start",
    );
    one("Attendu mi-2024.", "mi-2024", "2024", "year", "mid");
    one(
        "La prise de la Bastille en 1789 reste…",
        "en 1789",
        "1789",
        "year",
        "",
    );
    one(
        "le bug de l’an 2000 a coûté cher",
        "2000",
        "2000",
        "year",
        "",
    );
}

#[test]
fn english_years_in_context() {
    one("He left in 2018 for good.", "in 2018", "2018", "year", "");
    one(
        "Access extended after 2030.",
        "after 2030",
        "2030",
        "year",
        "after",
    );
    one(
        "No change until 2025.",
        "until 2025",
        "2025",
        "year",
        "until",
    );
    one(
        "It has grown since 2019.",
        "since 2019",
        "2019",
        "year",
        "since",
    );
    one(
        "Built around 1900, the house…",
        "around 1900",
        "1900",
        "year",
        "approx",
    );
    one(
        "Expected early 2023.",
        "early 2023",
        "2023",
        "year",
        "start",
    );
    one("Shipped late 2024.", "late 2024", "2024", "year", "end");
    one("Due by 2030.", "by 2030", "2030", "year", "before");
    one("The 2019 election changed it.", "2019", "2019", "year", "");
    one("Paris (2019) and Rome", "2019", "2019", "year", "");
}

// --- ranges ----------------------------------------------------------------------------------

#[test]
fn french_ranges() {
    one("2016-2018 :", "2016-2018", "2016/2018", "range", "");
    one("Jalons (2015-2025)", "2015-2025", "2015/2025", "range", "");
    one(
        "entre 2019 et 2021, rien",
        "entre 2019 et 2021",
        "2019/2021",
        "range",
        "",
    );
    one("de 2019 à 2021", "de 2019 à 2021", "2019/2021", "range", "");
    one(
        "de avril 1996 à décembre 1997",
        "de avril 1996 à décembre 1997",
        "1996-04/1997-12",
        "range",
        "",
    );
    one(
        "d’avril 1996 à décembre 1997",
        "d’avril 1996 à décembre 1997",
        "1996-04/1997-12",
        "range",
        "",
    );
    one(
        "du 23 juin au 9 juillet 2016",
        "du 23 juin au 9 juillet 2016",
        "2016-06-23/2016-07-09",
        "range",
        "",
    );
    one(
        "du 23 au 25 juin 2016",
        "du 23 au 25 juin 2016",
        "2016-06-23/2016-06-25",
        "range",
        "",
    );
    one(
        "la saison 1994–95 fut rude",
        "1994–95",
        "1994/1995",
        "range",
        "",
    );
    one(
        "d’avril à décembre 1997",
        "d’avril à décembre 1997",
        "1997-04/1997-12",
        "range",
        "",
    );
}

#[test]
fn english_ranges() {
    one(
        "from April 1996 to December 1997",
        "from April 1996 to December 1997",
        "1996-04/1997-12",
        "range",
        "",
    );
    one(
        "between 2019 and 2021",
        "between 2019 and 2021",
        "2019/2021",
        "range",
        "",
    );
    one(
        "from June 23 to July 9, 2016",
        "from June 23 to July 9, 2016",
        "2016-06-23/2016-07-09",
        "range",
        "",
    );
    one(
        "23-25 June 2016",
        "23-25 June 2016",
        "2016-06-23/2016-06-25",
        "range",
        "",
    );
    one("the 1994–95 season", "1994–95", "1994/1995", "range", "");
}

// --- days, months, numeric dates ---------------------------------------------------------------

#[test]
fn french_days_and_months() {
    one(
        "a pris fin le 1er janvier 2020",
        "1er janvier 2020",
        "2020-01-01",
        "day",
        "",
    );
    one(
        "le 1er juillet 2001",
        "1er juillet 2001",
        "2001-07-01",
        "day",
        "",
    );
    one(
        "le premier juillet 2001",
        "premier juillet 2001",
        "2001-07-01",
        "day",
        "",
    );
    one(
        "signé le 17 juin 1996.",
        "17 juin 1996",
        "1996-06-17",
        "day",
        "",
    );
    one(
        "signé le 17\u{a0}juin\u{a0}1996.",
        "17\u{a0}juin\u{a0}1996",
        "1996-06-17",
        "day",
        "",
    );
    one(
        "signé le 17\u{202f}juin 1996.",
        "17\u{202f}juin 1996",
        "1996-06-17",
        "day",
        "",
    );
    one(
        "finalisée en mai 2025, elle",
        "en mai 2025",
        "2025-05",
        "month",
        "",
    );
    one(
        "jusqu’en janvier 2025.",
        "jusqu’en janvier 2025",
        "2025-01",
        "month",
        "until",
    );
    one(
        "jusqu'en janvier 2025.",
        "jusqu'en janvier 2025",
        "2025-01",
        "month",
        "until",
    );
    one(
        "Vente mi-décembre 2024.",
        "mi-décembre 2024",
        "2024-12",
        "month",
        "mid",
    );
    one("le 3 févr. 2021", "3 févr. 2021", "2021-02-03", "day", "");
    one(
        "En septembre 2020, ils…",
        "En septembre 2020",
        "2020-09",
        "month",
        "",
    );
    one(
        "depuis le 3 mai 2021",
        "depuis le 3 mai 2021",
        "2021-05-03",
        "day",
        "since",
    );
}

#[test]
fn english_days_and_months() {
    one(
        "a pris fin le 1er janvier 2020",
        "1er janvier 2020",
        "2020-01-01",
        "day",
        "",
    );
    one(
        "on June 6, 2005 they",
        "June 6, 2005",
        "2005-06-06",
        "day",
        "",
    );
    one(
        "on August 16th, 1993 they",
        "August 16th, 1993",
        "1993-08-16",
        "day",
        "",
    );
    one(
        "the 16th of August 1993",
        "16th of August 1993",
        "1993-08-16",
        "day",
        "",
    );
    one(
        "in January 2025 the",
        "in January 2025",
        "2025-01",
        "month",
        "",
    );
    one(
        "until January 2025.",
        "until January 2025",
        "2025-01",
        "month",
        "until",
    );
    one("on Oct. 5, 2021,", "Oct. 5, 2021", "2021-10-05", "day", "");
    one("5 Oct 2021", "5 Oct 2021", "2021-10-05", "day", "");
    one("On May 5 the board met.", "May 5", "XXXX-05-05", "day", "");
    assert_eq!(dated("March 3 times"), vec![]);
}

#[test]
fn numeric_dates() {
    one("19/02/25", "19/02/25", "2025-02-19", "day", "");
    one(
        "le 2023-02-15 à midi",
        "2023-02-15",
        "2023-02-15",
        "day",
        "",
    );
    one(
        "stamp 2021-05-05T10:00",
        "2021-05-05",
        "2021-05-05",
        "day",
        "",
    );
    one("le 19.02.2025", "19.02.2025", "2025-02-19", "day", "");
    assert_eq!(
        dated("Publié le 05/06/2025 dans la revue."),
        vec![("05/06/2025".into(), "2025-06-05".into())]
    );
    assert_eq!(
        dated("It was posted on 05/06/2025 by the editor."),
        vec![("05/06/2025".into(), "2025-05-06".into())]
    );
    assert_eq!(
        dated("Posted 02/19/2025"),
        vec![("02/19/2025".into(), "2025-02-19".into())]
    );
    // A two-digit year on its own line: the article's language decides.
    assert_eq!(all_in("05/06/25", Lang::En)[0].1, "2025-05-06");
    assert_eq!(all_in("05/06/25", Lang::Fr)[0].1, "2025-06-05");
}

#[test]
fn url_dates() {
    let text = "Article en référence: https://arstechnica.com/ai/2025/06/openai-weighs/";
    one(text, "2025/06", "2025-06", "month", "");
    let mut out = Vec::new();
    scan(text, Lang::Fr, &mut out);
    assert!(out[0].in_url);
    one(
        "https://x.org/news/2024/03/09/story",
        "2024/03/09",
        "2024-03-09",
        "day",
        "",
    );
    nothing("voir src/2024/main.rs");
}

#[test]
fn quarters_halves_seasons() {
    one(
        "au premier trimestre 2001",
        "premier trimestre 2001",
        "2001-Q1",
        "quarter",
        "",
    );
    one(
        "au 3e trimestre 2022",
        "3e trimestre 2022",
        "2022-Q3",
        "quarter",
        "",
    );
    one("T2 2023 en hausse", "T2 2023", "2023-Q2", "quarter", "");
    one("Q1 2001 revenue", "Q1 2001", "2001-Q1", "quarter", "");
    one(
        "the first quarter of 2001",
        "first quarter of 2001",
        "2001-Q1",
        "quarter",
        "",
    );
    one("H1 2024 results", "H1 2024", "2024-H1", "quarter", "");
    one("à l’été 2024", "été 2024", "2024-SU", "season", "");
    one(
        "au printemps 2020",
        "printemps 2020",
        "2020-SP",
        "season",
        "",
    );
    one(
        "in the summer of 2019",
        "in the summer of 2019",
        "2019-SU",
        "season",
        "",
    );
    one("fall 2024 semester", "fall 2024", "2024-FA", "season", "");
}

#[test]
fn decades_and_centuries() {
    one(
        "les années 1980 furent",
        "les années 1980",
        "198X",
        "decade",
        "",
    );
    one(
        "dans les années 80",
        "dans les années 80",
        "198X",
        "decade",
        "",
    );
    one(
        "début des années 2000",
        "début des années 2000",
        "200X",
        "decade",
        "start",
    );
    one("in the 1990s", "in the 1990s", "199X", "decade", "");
    one("back in the ’90s", "in the ’90s", "199X", "decade", "");
    one("since the 90s", "since the 90s", "199X", "decade", "since");
    one("mid-1990s", "mid-1990s", "199X", "decade", "mid");
    one("au XXe siècle", "XXe siècle", "19", "century", "");
    one("the 21st century", "21st century", "20", "century", "");
}

// --- year-less and relative ------------------------------------------------------------------

#[test]
fn yearless_mentions_wait_for_resolution() {
    one(
        "bien que finalisé en mai, il",
        "en mai",
        "XXXX-05",
        "month",
        "",
    );
    one("le 9 mai, il", "9 mai", "XXXX-05-09", "day", "");
    one(
        "mi-décembre, la neige",
        "mi-décembre",
        "XXXX-12",
        "month",
        "mid",
    );
    one("in May, they", "in May", "XXXX-05", "month", "");
}

#[test]
fn relative_mentions_are_refs_and_durations() {
    one("l’an dernier", "l’an dernier", "PAST_REF", "ref", "");
    one(
        "l’année prochaine",
        "l’année prochaine",
        "FUTURE_REF",
        "ref",
        "",
    );
    one("il y a deux ans", "il y a deux ans", "PAST_REF", "ref", "");
    one("two years ago", "two years ago", "PAST_REF", "ref", "");
    one("last year", "last year", "PAST_REF", "ref", "");
    one("a récemment modifié", "récemment", "PAST_REF", "ref", "");
    one(
        "jusqu’à récemment",
        "jusqu’à récemment",
        "PAST_REF",
        "ref",
        "",
    );
    one(
        "OpenAI accuse maintenant",
        "maintenant",
        "PRESENT_REF",
        "ref",
        "",
    );
    one("désormais rival", "désormais", "PRESENT_REF", "ref", "");
    one(
        "Aujourd’hui, cette initiative",
        "Aujourd’hui",
        "PRESENT_REF",
        "ref",
        "",
    );
    one("jadis mentor", "jadis", "PAST_REF", "ref", "");
    one(
        "dans les mois à venir",
        "dans les mois à venir",
        "FUTURE_REF",
        "ref",
        "",
    );
    one(
        "Les semaines à venir seront",
        "Les semaines à venir",
        "FUTURE_REF",
        "ref",
        "",
    );
    one(
        "in the coming months",
        "the coming months",
        "FUTURE_REF",
        "ref",
        "",
    );
    one(
        "Depuis quelques semaines, la rumeur",
        "Depuis quelques semaines",
        "PXW",
        "duration",
        "",
    );
    one(
        "pendant des mois derrière",
        "pendant des mois",
        "PXM",
        "duration",
        "",
    );
    one(
        "for several years, it",
        "for several years",
        "PXY",
        "duration",
        "",
    );
    one(
        "utilisateurs actifs hebdomadaires",
        "hebdomadaires",
        "P1W",
        "set",
        "",
    );
    one("weekly users", "weekly", "P1W", "set", "");
    one("recently announced", "recently", "PAST_REF", "ref", "");
    one(
        "Over the past few years it",
        "past few years",
        "PAST_REF",
        "ref",
        "",
    );
    one(
        "in the next two weeks",
        "next two weeks",
        "FUTURE_REF",
        "ref",
        "",
    );
    one(
        "les deux derniers mois",
        "deux derniers mois",
        "PAST_REF",
        "ref",
        "",
    );
    one(
        "jusqu’alors quasi exclusive",
        "jusqu’alors",
        "PAST_REF",
        "ref",
        "",
    );
    one(
        "aient eu lieu par le passé",
        "par le passé",
        "PAST_REF",
        "ref",
        "",
    );
}

// --- not dates -------------------------------------------------------------------------------

#[test]
fn version_numbers_are_not_dates() {
    for text in [
        "version 2.4.10 publiée",
        "Linux 2.6.32 kernel",
        "firmware 0.93R6",
        "OpenBSD 4.0r1",
        "release 2019.1 out",
        "Python 3.10 et Ubuntu 20.04",
        "v2023.1",
        "build 2019 of the tool",
        "ISO 8601 and RFC 2616",
        "Windows 2000 est sorti",
        "Visual Studio 2022 et Excel 2016",
        "release 4.5.2020 fixes",
        "CVE-2021-44228 patched",
        "HTTP/2 and HTTP/1.1",
        "Node.js 20.10.0 and Log4j 2.17.1",
    ] {
        assert_eq!(dated(text), vec![], "in {text:?}");
    }
}

#[test]
fn quantities_are_not_dates() {
    for text in [
        "13 milliards de dollars",
        "500 M d’utilisateurs",
        "73 % des cas",
        "1 030 développeurs",
        "il a 19 ans",
        "2048 bits de clé",
        "1500 euros par mois",
        "2000 € de budget",
        "2,5 milliards",
        "à 14h30 précises",
        "score 3-2 final",
    ] {
        assert_eq!(dated(text), vec![], "in {text:?}");
    }
}

#[test]
fn numbers_of_technical_text_are_not_years() {
    for text in [
        // A field whose name names a number.
        "Installed-Size: 2077",
        "Size: 1902",
        "Taille : 2048",
        "Taille\u{A0}: 2048",
        "Taille\u{202F}: 2048",
        "Port:2049",
        // A setting's value in parentheses.
        "Changes the port it listens on from the default (1500).",
        "le port par défaut (1500)",
        "Currently defaults to 2000.",
        "The default is 2000 entries.",
        "the width of secondary screen in pixels (default: \"1920\")",
        "valeur par défaut : 2000",
        // A name ending the line before its number (wrapped prose).
        "is used as the charset for RFC\n2047 encoding when the realname",
        // The tail of an identifier is no preposition.
        "pkts_in 1146 overlimit 0 dropped 0",
        // Lists of numbers going on past the year-like one.
        "des blocs de 512, 2048 ou 4096 octets.",
        "używać bloków 512-, 2048- lub 4096-bajtowych.",
        "must be 512, 1024, 2048, and 4096.",
        "this must be either 2048 or 3072.",
        // Signed numbers.
        "The value, ranging from -1000 to +1000, is added.",
        "Acceptable values range from -1000",
        "une marge de (\u{2212}2000) points",
        // Series of model numbers.
        "HP LaserJet 1000/1005/1018/1020/1022.",
        "DocuCentre-III 2000/3000/3010/4000",
        "Commodore 1541/1571/1581 disk drives",
        // Powers, spans and bounds of quantities, numbers alone on their line in a table.
        "1048576 (1024^2), or",
        "not all values in the 1024-65011712 range",
        "ISO/R 2015-1971, DIN 1355",
        "max nodes from 1024 to 8192 for DCC",
        "powers of two from 1024 up to 65536",
        "which permits creating up to 1024 pipes",
        "suffix:\n\nKB\n1000\n\nK\n1024\n\nMB\n",
    ] {
        assert_eq!(dated(text), vec![], "in {text:?}");
    }
}

#[test]
fn years_next_to_numbers_stay_years() {
    for (text, year) in [
        // A citation: pages, then the year that ends the list.
        ("Chemistry, 24, 819-825, 2003.", "2003"),
        ("© 2009 Andy Gill; BSD3", "2009"),
        // An old year in parentheses after a name stays one.
        ("the historical Porson Greek type (1803) with", "1803"),
        // A default that is an event, and a year wrapped onto its line.
        ("after the default in 2001 the peso fell", "2001"),
        ("Argentina defaulted in 2001.", "2001"),
        ("the company was founded in\n2019 by two engineers", "2019"),
        ("Microsoft\n2019 annual report", "2019"),
        ("Version: 2022-09-12-1", "2022-09-12"),
        ("Date: 2019", "2019"),
        ("Publié le : 2019", "2019"),
        ("voilà : 2019", "2019"),
        ("En 2019, 300 salariés sont partis.", "2019"),
        ("en 2019 et 300 salariés", "2019"),
        ("entre 1999, 2000 et 2001", "1999"),
        // A hyphen after a letter or a digit is no sign; two years joined by `/` are a span.
        ("à la mi-2025, les ventes", "2025"),
        ("en 2016-2018 : trois ans", "2016/2018"),
        ("l'exercice 2016/2017 fut bon", "2016/2017"),
        ("Release date: 2015/12/06", "2015-12-06"),
        ("In 1993-4 the typeface was digitized", "1993"),
        ("synced with CVS 2002-08-", "2002"),
        ("jusqu'en 1789, le roi", "1789"),
        ("Chronologie\n\n1789 : la Révolution", "1789"),
        ("Rapport\n2019\nSuite", "2019"),
    ] {
        let found = dated(text);
        assert!(
            found.iter().any(|(_, value)| value == year),
            "{year} in {text:?}: {found:?}"
        );
    }
}

#[test]
fn names_and_function_words_are_not_dates() {
    for text in [
        "la pandémie de COVID-19 a",
        "à la Debconf19 de",
        "Toy Story 2 est",
        "GPT-4 et Phi-2",
        "sa voiture et son jeu",
        "mar. prochain",
        "Et je peux vous dire",
        "Mais maintenant, il part.",
        "la mainmise de Redmond",
        "Le projet a été lancé.",
        "il n’aurait pas été mis en place",
        "It may rain. March on!",
        "La mission vers Mars décolle.",
        "au premier rang",
        "Les premiers désaccords",
        "le dernier",
        "the fall of Rome",
    ] {
        assert_eq!(dated(text), vec![], "in {text:?}");
    }
    // `maintenant` is a reference, never the month `mai`.
    assert_eq!(all("Mais maintenant")[0].1, "PRESENT_REF");
}

#[test]
fn offsets_stay_in_the_original_bytes() {
    let text = "Le 17\u{a0}juin 1996, puis jusqu’en janvier 2025.";
    let mut out = Vec::new();
    scan(text, Lang::Fr, &mut out);
    assert_eq!(out.len(), 2);
    assert_eq!(&text[out[0].start..out[0].end], "17\u{a0}juin 1996");
    assert_eq!(&text[out[1].start..out[1].end], "jusqu’en janvier 2025");
}

#[test]
fn corpus_look_alikes() {
    nothing("    + Trivial rebase of 1001-use-utc-timestamp.patch and\n      2001_dont-set-RPATH.patch.");
    nothing("1040 G8");
    nothing("unpacking of extremely large sequences (1000s of items)");
    assert_eq!(dated("It means that an error occurred"), vec![]);
    one(
        "Release date: 2009-4-4",
        "2009-4-4",
        "2009-04-04",
        "day",
        "",
    );
    one(
        "(http://sources.example.com/ml/binutils/2003-05/msg00304.html)",
        "2003-05",
        "2003-05",
        "month",
        "",
    );
    one("1789 : la Bastille", "1789", "1789", "year", "");
}

#[test]
fn multiplication_signs_do_not_stall_the_scanner() {
    assert_eq!(
        dated("3 × 4 ÷ 2 en 2019 ×"),
        vec![("en 2019".into(), "2019".into())]
    );
    nothing("×÷×");
}

#[test]
fn scanner_survives_odd_input() {
    for text in [
        "",
        "2",
        "20",
        "2019-",
        "19/",
        "19/02/",
        "/2025/",
        "’",
        "l’",
        "au-",
        "1er",
        "12 mai 99999",
        "é",
        "\u{a0}2019",
    ] {
        let _ = all(text);
    }
}

// --- the whole step on articles: resolution, publication dates, offsets ------------------------

use crate::core::article::{Article, DateBound, Precision};
use crate::core::load::build_article;

fn article(text: &str) -> Article {
    build_article("test.txt".into(), text.as_bytes())
        .map(|(a, _)| a)
        .unwrap_or_else(|p| panic!("{p}"))
}

fn events(a: &Article) -> Vec<(String, String)> {
    a.events()
        .iter()
        .map(|e| (a.slice(&e.span).to_string(), e.normalized.to_string()))
        .collect()
}

#[test]
fn yearless_mentions_take_the_nearest_earlier_year_then_the_publication_date() {
    let a = article("En 2019, Microsoft investit.\n\nLe 9 mai, l’accord est signé.\n");
    assert_eq!(
        events(&a),
        vec![
            ("En 2019".into(), "2019".into()),
            ("9 mai".into(), "2019-05-09".into())
        ]
    );
    let a = article(
        "Ils viennent de signer, en mai 2025.\n\nFinalisé en mai, pas encore opérationnel.\n",
    );
    assert_eq!(a.events()[1].normalized, "2025-05");
    assert_eq!(a.events()[1].line, 3);
    let a = article("Rien de daté ici, sauf en mai.\n");
    assert_eq!(a.events()[0].normalized, "XXXX-05");
    assert!(!a.events()[0].is_dated());
}

#[test]
fn anaphoric_mentions_count_from_the_narrative_year() {
    let a = article("En 2018, Musk part.\n\nDeux ans plus tard, OpenAI lance GPT-3. The following year, Codex.\n");
    assert_eq!(
        events(&a),
        vec![
            ("En 2018".into(), "2018".into()),
            ("Deux ans plus tard".into(), "2020".into()),
            ("The following year".into(), "2021".into())
        ]
    );
    let a = article(
        "In 2005 it began; two years later it ended, and the same year a new one started.\n",
    );
    assert_eq!(
        events(&a)[1..],
        [
            ("two years later".to_string(), "2007".to_string()),
            ("the same year".to_string(), "2007".to_string())
        ]
    );
}

#[test]
fn deictic_mentions_count_from_the_publication_date() {
    let a = article("L’an dernier, il y a deux ans, hier.\n\n19/02/25\n");
    let published = a.published().expect("published");
    assert_eq!(
        (published.value.as_str(), published.bound),
        ("2025-02-19", DateBound::Exact)
    );
    assert_eq!(
        events(&a)[..3],
        [
            ("L’an dernier".to_string(), "2024".to_string()),
            ("il y a deux ans".to_string(), "2023".to_string()),
            ("hier".to_string(), "2025-02-18".to_string())
        ]
    );
    // Without a publication date they stay references, off the timeline.
    let a = article("L’an dernier, tout a changé.\n");
    assert_eq!(events(&a), vec![("L’an dernier".into(), "PAST_REF".into())]);
    assert_eq!(a.events()[0].precision, Precision::Ref);
}

#[test]
fn publication_dates_follow_design_rules() {
    let a = article("Publié le 3 mars 2024\n\nUn texte sur 2019.\n");
    let p = a.published().cloned().expect("header");
    assert_eq!(
        (p.value.as_str(), p.bound),
        ("2024-03-03", DateBound::Exact)
    );
    assert!(
        p.evidence.contains("header") || p.evidence.contains("date line"),
        "{}",
        p.evidence
    );

    let a = article("Voir https://example.com/2025/06/story pour le détail.\n");
    let p = a.published().cloned().expect("url");
    assert_eq!(
        (p.value.as_str(), p.precision, p.bound),
        ("2025-06", Precision::Month, DateBound::AtLeast)
    );

    let a = article("They have just signed the deal, announced in March 2024.\n");
    let p = a.published().cloned().expect("cue");
    assert_eq!((p.value.as_str(), p.bound), ("2024-03", DateBound::AtLeast));

    let a = article("Un accès prolongé au-delà de 2030, récemment négocié.\n");
    assert_eq!(a.published(), None);

    // A history with no cue: no guess.
    let a = article("La Bastille tombe en 1789.\n");
    assert_eq!(a.published(), None);

    let a = article("2015 :\nFondation.\n2019 :\nAccord.\n2025 :\nLa rupture semble imminente.\n");
    let p = a.published().cloned().expect("chronology");
    assert_eq!((p.value.as_str(), p.bound), ("2025", DateBound::AtLeast));
    let a = article("2015 :\nFondation.\n2019 :\nAccord.\n2030 :\nLa neutralité sera atteinte.\n");
    assert_eq!(a.published(), None);
}

#[test]
fn chronology_entries_take_the_next_sentence() {
    let a = article("2019 :\nMicrosoft investit 1 milliard de dollars. Azure devient exclusif.\n");
    let e = &a.events()[0];
    assert_eq!(
        a.slice(&e.sentence),
        "2019 :\nMicrosoft investit 1 milliard de dollars."
    );
}

// --- nothing panics ----------------------------------------------------------------------------

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that steer the scanner into its date paths, with joints that cut them anywhere.
    fn datey() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("2019"),
            Just("19"),
            Just("1er"),
            Just("mai"),
            Just("May"),
            Just("en"),
            Just("le"),
            Just("au"),
            Just("delà"),
            Just("de"),
            Just("jusqu"),
            Just("’"),
            Just("'"),
            Just("-"),
            Just("–"),
            Just("/"),
            Just("."),
            Just(","),
            Just(" "),
            Just("\u{a0}"),
            Just("\u{202f}"),
            Just("années"),
            Just("il y a"),
            Just("ans"),
            Just("ago"),
            Just("Q1"),
            Just("trimestre"),
            Just("premier"),
            Just("été"),
            Just("siècle"),
            Just("XXe"),
            Just("https://x.org/"),
            Just("02"),
            Just("2025"),
            Just("s"),
            Just("à venir"),
            Just("depuis"),
            Just("\n"),
            Just("é"),
            Just("×"),
            Just("÷"),
            Just("\u{0}"),
            Just("l’an"),
            Just("dernier"),
            Just("entre"),
            Just("et"),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn scanner_never_panics_and_spans_are_in_bounds(text in datey()) {
            let mut out = Vec::new();
            scan(&text, Lang::Any, &mut out);
            let mut last = 0;
            for m in &out {
                prop_assert!(m.start < m.end && m.end <= text.len());
                prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                prop_assert!(m.start >= last);
                last = m.end;
                let _ = normalize(&m.value);
            }
        }

        #[test]
        fn any_text_annotates(text in any::<String>()) {
            let mut out = Vec::new();
            scan(&text, Lang::Fr, &mut out);
            let Ok((a, _)) = build_article("any.txt".into(), text.as_bytes()) else {
                return Ok(()); // empty input is refused by the loader, not by dates
            };
            for e in a.events() {
                prop_assert!(e.src_offset <= text.len());
                prop_assert!(a.text().get(e.span.clone()).is_some());
                prop_assert!(a.text().get(e.sentence.clone()).is_some());
            }
        }

        #[test]
        fn datey_articles_annotate(text in datey()) {
            let Ok((a, _)) = build_article("datey.txt".into(), text.as_bytes()) else {
                return Ok(());
            };
            for e in a.events() {
                prop_assert!(e.src_offset <= text.len());
                prop_assert!(e.line >= 1);
            }
            let _ = crate::core::timeline::Timeline::build(std::slice::from_ref(&a));
        }
    }
}

#[test]
fn old_years_need_a_real_date_context() {
    // Quantities that look like old years.
    nothing("Utiliser kilo, mega, giga (puissances de 1000) au lieu de 1024.");
    nothing("A minimal value of 1000 and a maximal value of 999,999,999.");
    nothing("int fd = pidfd_open(1234, 0);");
    nothing("1100-16i controller");
    // Old years with a date's company still count.
    one(
        "Fonts designed by Luca Pacioli in 1497.",
        "in 1497",
        "1497",
        "year",
        "",
    );
    one(
        "Its name pays tribute to Anthimos Gazis (1758-1828).",
        "1758-1828",
        "1758/1828",
        "range",
        "",
    );
    one("1789 :\nLa Bastille est prise.", "1789", "1789", "year", "");
    // Modern years need little: `de 2019` is a date.
    one("Le rapport de 2019 le montre.", "2019", "2019", "year", "");
}

#[test]
fn sizes_and_counts_are_not_years() {
    nothing("the default size 1902 is used");
    nothing("une taille 2048 par défaut");
}

#[test]
fn quarters_and_halves_cover_their_months() {
    use crate::core::article::Ymd;
    let a = article("Revenue grew in Q2 2001 and again in H2 2024.\n");
    let spans: Vec<_> = a.events().iter().map(|e| (e.start, e.end)).collect();
    assert_eq!(
        spans,
        vec![
            (Some(Ymd::new(2001, 4, 1)), Some(Ymd::new(2001, 6, 30))),
            (Some(Ymd::new(2024, 7, 1)), Some(Ymd::new(2024, 12, 31))),
        ]
    );
}

#[test]
fn many_dates_in_one_long_block_keep_their_source_offsets_and_short_sentences() {
    // One paragraph (no newline) with thousands of dates: offsets are mapped near each mention,
    // sentences stay the mention's own, and a run with no sentence mark is cut, not scanned whole.
    let unit = "En 2019, Microsoft investit. ";
    let plain = format!("Titre\n\n{}", unit.repeat(3000));
    let a = article(&plain);
    assert_eq!(a.events().len(), 3000);
    for e in a.events() {
        assert!(plain[e.src_offset..].starts_with(a.slice(&e.span)));
        assert!(a.slice(&e.span).contains("2019"));
        assert_eq!(a.slice(&e.sentence), "En 2019, Microsoft investit.");
    }
    // HTML: the block's text differs from its source (`&amp;`).
    let html = format!(
        "<html><body><h1>Titre</h1><p>{}</p></body></html>",
        "En 2019, A &amp; B investissent. ".repeat(2000)
    );
    let h = build_article("t.html".into(), html.as_bytes())
        .map(|(a, _)| a)
        .unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(h.events().len(), 2000);
    assert!(h
        .events()
        .iter()
        .all(|e| h.slice(&e.sentence) == "En 2019, A & B investissent."));
    let digits = format!("Titre\n\n{}", "2019 ".repeat(5000));
    let d = article(&digits);
    assert!(d
        .events()
        .iter()
        .all(|e| e.sentence.end - e.sentence.start <= 4100));
}

mod line_numbers {
    use super::super::{line_in_table, LineIndex};
    use proptest::prelude::*;

    proptest! {
        /// Counting newlines from offset to offset gives the lines the table of all newlines
        /// gives, in source order (the common case), out of order and past the end.
        #[test]
        fn counted_lines_agree_with_the_newline_table(
            text in "[a\n\u{e9}]{0,120}",
            mut offsets in prop::collection::vec(0usize..300, 0..24),
            in_order in any::<bool>(),
        ) {
            if in_order {
                offsets.sort_unstable();
            }
            let table: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
            let mut lines = LineIndex::new(&text);
            for offset in offsets {
                prop_assert_eq!(lines.line(offset), line_in_table(&table, offset));
            }
        }
    }
}

mod piece_order {
    use super::super::Piece;
    use proptest::prelude::*;

    proptest! {
        /// Merging the blocks' and the dropped lines' runs gives the order a stable sort by
        /// source start gives, in order or not, ties and all.
        #[test]
        fn source_order_is_the_stable_sort_by_source_start(
            mut blocks in prop::collection::vec(0usize..60, 0..40),
            mut dropped in prop::collection::vec(0usize..60, 0..12),
            sorted in any::<bool>(),
            block_after_dropped in any::<bool>(),
        ) {
            if sorted {
                blocks.sort_unstable();
                dropped.sort_unstable();
            }
            let piece = |start: usize, block: Option<usize>| Piece {
                text: 0..0,
                src: start..start + 1,
                block,
                heading: false,
                mentions: 0..0,
            };
            let mut pieces: Vec<Piece> = blocks
                .iter()
                .enumerate()
                .map(|(i, &start)| piece(start, Some(i)))
                .chain(dropped.iter().map(|&start| piece(start, None)))
                .collect();
            if block_after_dropped {
                pieces.push(piece(0, Some(0)));
            }
            let mut expected: Vec<usize> = (0..pieces.len()).collect();
            expected.sort_by_key(|&i| pieces.get(i).map_or(0, |p| p.src.start));
            prop_assert_eq!(super::super::source_order(&pieces), expected);
        }
    }
}
