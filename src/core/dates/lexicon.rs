//! Closed French and English word lists for the date scanner.
//!
//! Words are looked up lowercased (ASCII and Latin-1 capitals folded), without accents removed:
//! `fevrier` and `février` are both listed. Only the scanner's trigger words live in `lookup`;
//! context words (prepositions, modifiers, quantities) are matched by the scanner's look-back.

/// Which language a word belongs to; decides e.g. whether a lowercase month is a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Year,
    Month,
    Week,
    Day,
}

impl Unit {
    pub fn letter(self) -> char {
        match self {
            Unit::Year => 'Y',
            Unit::Month => 'M',
            Unit::Week => 'W',
            Unit::Day => 'D',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }
}

/// Unresolvable deictic references (TimeML `PRESENT_REF`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    Present,
    Past,
    Future,
}

impl RefKind {
    pub fn code(self) -> &'static str {
        match self {
            RefKind::Present => "PRESENT_REF",
            RefKind::Past => "PAST_REF",
            RefKind::Future => "FUTURE_REF",
        }
    }
}

/// What a trigger word can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    Month {
        month: u8,
        lang: Lang,
        abbrev: bool,
    },
    Season {
        season: Season,
        lang: Lang,
    },
    /// A word that is a reference by itself (`récemment`, `now`).
    Ref(RefKind),
    /// `an`, `années`, `year`, `mois`, `weeks`, ...
    Unit {
        unit: Unit,
        plural: bool,
        lang: Lang,
    },
    /// `premier`, `first`, ... `quatrième`, `fourth`.
    Ordinal(u8),
    /// `trimestre`, `quarter` (false) or `semestre`, `half` (true).
    Quarter {
        half: bool,
    },
    /// `q1`..`q4`, `t1`..`t4` (quarters), `h1`, `h2`, `s1`, `s2` (halves).
    QuarterTag {
        index: u8,
        half: bool,
    },
    Set(&'static str),
    /// `hier` (-1), `demain` (+1), `yesterday`, `tomorrow`.
    RelDay(i8),
    Century,
    /// `aujourd` of `aujourd’hui`.
    Aujourd,
    /// `jusqu` of `jusqu’alors`.
    Jusqu,
    /// Tails of phrases: `par le passé`, `à l’avenir`, `dans le futur`, `in the past/future`.
    Past,
    Future,
}

/// Longest trigger word, in bytes; longer words are never looked up.
pub const MAX_WORD: usize = 14;

/// The trigger words. `lookup` and the prefilter are both built from this one list.
const TRIGGERS: &[(&str, Lex)] = &[
    // French months
    ("janvier", month(1, Lang::Fr, false)),
    ("février", month(2, Lang::Fr, false)),
    ("fevrier", month(2, Lang::Fr, false)),
    ("mars", month(3, Lang::Fr, false)),
    ("avril", month(4, Lang::Fr, false)),
    ("mai", month(5, Lang::Fr, false)),
    ("juin", month(6, Lang::Fr, false)),
    ("juillet", month(7, Lang::Fr, false)),
    ("août", month(8, Lang::Fr, false)),
    ("aout", month(8, Lang::Fr, false)),
    ("septembre", month(9, Lang::Fr, false)),
    ("octobre", month(10, Lang::Fr, false)),
    ("novembre", month(11, Lang::Fr, false)),
    ("décembre", month(12, Lang::Fr, false)),
    ("decembre", month(12, Lang::Fr, false)),
    ("janv", month(1, Lang::Fr, true)),
    ("févr", month(2, Lang::Fr, true)),
    ("fevr", month(2, Lang::Fr, true)),
    ("avr", month(4, Lang::Fr, true)),
    ("juil", month(7, Lang::Fr, true)),
    ("déc", month(12, Lang::Fr, true)),
    // English months
    ("january", month(1, Lang::En, false)),
    ("february", month(2, Lang::En, false)),
    ("march", month(3, Lang::En, false)),
    ("april", month(4, Lang::En, false)),
    ("may", month(5, Lang::En, false)),
    ("june", month(6, Lang::En, false)),
    ("july", month(7, Lang::En, false)),
    ("august", month(8, Lang::En, false)),
    ("september", month(9, Lang::En, false)),
    ("october", month(10, Lang::En, false)),
    ("november", month(11, Lang::En, false)),
    ("december", month(12, Lang::En, false)),
    ("jan", month(1, Lang::En, true)),
    ("feb", month(2, Lang::En, true)),
    ("mar", month(3, Lang::En, true)),
    ("apr", month(4, Lang::En, true)),
    ("jun", month(6, Lang::En, true)),
    ("jul", month(7, Lang::En, true)),
    ("aug", month(8, Lang::En, true)),
    ("sep", month(9, Lang::En, true)),
    ("sept", month(9, Lang::Any, true)),
    ("oct", month(10, Lang::Any, true)),
    ("nov", month(11, Lang::Any, true)),
    ("dec", month(12, Lang::En, true)),
    // seasons
    ("printemps", season(Season::Spring, Lang::Fr)),
    ("été", season(Season::Summer, Lang::Fr)),
    ("automne", season(Season::Autumn, Lang::Fr)),
    ("hiver", season(Season::Winter, Lang::Fr)),
    ("spring", season(Season::Spring, Lang::En)),
    ("summer", season(Season::Summer, Lang::En)),
    ("autumn", season(Season::Autumn, Lang::En)),
    ("fall", season(Season::Autumn, Lang::En)),
    ("winter", season(Season::Winter, Lang::En)),
    // references
    ("récemment", Lex::Ref(RefKind::Past)),
    ("recemment", Lex::Ref(RefKind::Past)),
    ("jadis", Lex::Ref(RefKind::Past)),
    ("autrefois", Lex::Ref(RefKind::Past)),
    ("auparavant", Lex::Ref(RefKind::Past)),
    ("naguère", Lex::Ref(RefKind::Past)),
    ("recently", Lex::Ref(RefKind::Past)),
    ("formerly", Lex::Ref(RefKind::Past)),
    ("previously", Lex::Ref(RefKind::Past)),
    ("maintenant", Lex::Ref(RefKind::Present)),
    ("désormais", Lex::Ref(RefKind::Present)),
    ("dorénavant", Lex::Ref(RefKind::Present)),
    ("actuellement", Lex::Ref(RefKind::Present)),
    ("now", Lex::Ref(RefKind::Present)),
    ("nowadays", Lex::Ref(RefKind::Present)),
    ("currently", Lex::Ref(RefKind::Present)),
    ("today", Lex::Ref(RefKind::Present)),
    ("prochainement", Lex::Ref(RefKind::Future)),
    ("aujourd", Lex::Aujourd),
    ("jusqu", Lex::Jusqu),
    ("passé", Lex::Past),
    ("past", Lex::Past),
    ("avenir", Lex::Future),
    ("futur", Lex::Future),
    ("future", Lex::Future),
    // units
    ("an", unit(Unit::Year, false, Lang::Fr)),
    ("ans", unit(Unit::Year, true, Lang::Fr)),
    ("année", unit(Unit::Year, false, Lang::Fr)),
    ("années", unit(Unit::Year, true, Lang::Fr)),
    ("annee", unit(Unit::Year, false, Lang::Fr)),
    ("annees", unit(Unit::Year, true, Lang::Fr)),
    ("year", unit(Unit::Year, false, Lang::En)),
    ("years", unit(Unit::Year, true, Lang::En)),
    ("mois", unit(Unit::Month, true, Lang::Fr)),
    ("month", unit(Unit::Month, false, Lang::En)),
    ("months", unit(Unit::Month, true, Lang::En)),
    ("semaine", unit(Unit::Week, false, Lang::Fr)),
    ("semaines", unit(Unit::Week, true, Lang::Fr)),
    ("week", unit(Unit::Week, false, Lang::En)),
    ("weeks", unit(Unit::Week, true, Lang::En)),
    ("jour", unit(Unit::Day, false, Lang::Fr)),
    ("jours", unit(Unit::Day, true, Lang::Fr)),
    ("day", unit(Unit::Day, false, Lang::En)),
    ("days", unit(Unit::Day, true, Lang::En)),
    // ordinals (for `le premier juillet`, `premier trimestre`)
    ("premier", Lex::Ordinal(1)),
    ("première", Lex::Ordinal(1)),
    ("first", Lex::Ordinal(1)),
    ("deuxième", Lex::Ordinal(2)),
    ("second", Lex::Ordinal(2)),
    ("seconde", Lex::Ordinal(2)),
    ("troisième", Lex::Ordinal(3)),
    ("third", Lex::Ordinal(3)),
    ("quatrième", Lex::Ordinal(4)),
    ("fourth", Lex::Ordinal(4)),
    ("trimestre", Lex::Quarter { half: false }),
    ("quarter", Lex::Quarter { half: false }),
    ("semestre", Lex::Quarter { half: true }),
    ("half", Lex::Quarter { half: true }),
    ("q1", qtag(1, false)),
    ("q2", qtag(2, false)),
    ("q3", qtag(3, false)),
    ("q4", qtag(4, false)),
    ("t1", qtag(1, false)),
    ("t2", qtag(2, false)),
    ("t3", qtag(3, false)),
    ("t4", qtag(4, false)),
    ("h1", qtag(1, true)),
    ("h2", qtag(2, true)),
    ("s1", qtag(1, true)),
    ("s2", qtag(2, true)),
    // sets
    ("hebdomadaire", Lex::Set("P1W")),
    ("hebdomadaires", Lex::Set("P1W")),
    ("mensuel", Lex::Set("P1M")),
    ("mensuelle", Lex::Set("P1M")),
    ("mensuels", Lex::Set("P1M")),
    ("mensuelles", Lex::Set("P1M")),
    ("annuel", Lex::Set("P1Y")),
    ("annuelle", Lex::Set("P1Y")),
    ("annuels", Lex::Set("P1Y")),
    ("annuelles", Lex::Set("P1Y")),
    ("weekly", Lex::Set("P1W")),
    ("monthly", Lex::Set("P1M")),
    ("yearly", Lex::Set("P1Y")),
    ("annually", Lex::Set("P1Y")),
    // days relative to the writing
    ("hier", Lex::RelDay(-1)),
    ("demain", Lex::RelDay(1)),
    ("yesterday", Lex::RelDay(-1)),
    ("tomorrow", Lex::RelDay(1)),
    ("siècle", Lex::Century),
    ("siècles", Lex::Century),
    ("century", Lex::Century),
];

const fn month(month: u8, lang: Lang, abbrev: bool) -> Lex {
    Lex::Month {
        month,
        lang,
        abbrev,
    }
}

const fn season(season: Season, lang: Lang) -> Lex {
    Lex::Season { season, lang }
}

const fn unit(unit: Unit, plural: bool, lang: Lang) -> Lex {
    Lex::Unit { unit, plural, lang }
}

const fn qtag(index: u8, half: bool) -> Lex {
    Lex::QuarterTag { index, half }
}

/// For each first byte, a bit per word length (1..=15) that some trigger has. Checked before
/// `lookup` so that the common word costs one table load, which keeps the scanner fast.
static PREFILTER: [u16; 256] = build_prefilter();

const fn build_prefilter() -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut i = 0;
    while i < TRIGGERS.len() {
        let word = TRIGGERS[i].0.as_bytes();
        if word.len() < 16 {
            table[word[0] as usize] |= 1 << word.len();
        }
        i += 1;
    }
    table
}

/// For each first byte and low six bits of the second (0 for a one-byte word), a bit per word
/// length that some trigger has: the first byte and the length alone let two words in five
/// through to `lookup` (`de`, `la`, `le`, `les` share their first byte and length with
/// triggers); the second byte stops most of them.
static PAIR_PREFILTER: [u16; 256 * 64] = build_pair_table(false);

/// A bit per word length of the triggers, by first byte and low six bits of a second one: the
/// word's second byte (0 for a one-byte word), or with `by_last` its last.
const fn build_pair_table(by_last: bool) -> [u16; 256 * 64] {
    let mut table = [0u16; 256 * 64];
    let mut i = 0;
    while i < TRIGGERS.len() {
        let word = TRIGGERS[i].0.as_bytes();
        if word.len() < 16 {
            let second = if by_last {
                word[word.len() - 1]
            } else if word.len() > 1 {
                word[1]
            } else {
                0
            };
            table[pair_slot(word[0], second)] |= 1 << word.len();
        }
        i += 1;
    }
    table
}

/// For each first byte and low six bits of the last (as `lower` makes them), a bit per word
/// length that some trigger has: checked after `PAIR_PREFILTER`, which lets one word in eight
/// through (`and`, `section`, `maintainer` share their first two bytes and length with
/// triggers), of which one in eighteen is a trigger; the last byte stops five in six of the
/// others before they are lowercased and looked up.
static ENDS_PREFILTER: [u16; 256 * 64] = build_pair_table(true);

/// `maybe_trigger` with the word's last byte as `lower` makes it (its first for a one-byte
/// word); a second screen after [`maybe_trigger_pair`].
#[inline]
pub fn maybe_trigger_ends(first: u8, last: u8, len: usize) -> bool {
    has_length(&ENDS_PREFILTER, first, last, len)
}

const fn pair_slot(first: u8, second: u8) -> usize {
    first as usize * 64 + (second & 63) as usize
}

/// `maybe_trigger` with the word's second byte as `lower` makes it (0 for a one-byte word).
#[inline]
pub fn maybe_trigger_pair(first: u8, second: u8, len: usize) -> bool {
    has_length(&PAIR_PREFILTER, first, second, len)
}

/// A pair table's bit for `len` at the slot of `first` and `other`.
#[inline]
fn has_length(table: &[u16; 256 * 64], first: u8, other: u8, len: usize) -> bool {
    len < 16
        && table
            .get(pair_slot(first, other))
            .is_some_and(|lengths| lengths & (1 << len) != 0)
}

/// Could a lowercased word with this first byte and length be a trigger?
#[inline]
pub fn maybe_trigger(first: u8, len: usize) -> bool {
    len < 16 && PREFILTER[first as usize] & (1 << len) != 0
}

/// Triggers bucketed by (first byte, length): a lookup compares against one to three words
/// instead of walking the whole list.
type Bucket = Vec<(&'static [u8], Lex)>;

fn buckets() -> &'static [Bucket] {
    static BUCKETS: std::sync::OnceLock<Vec<Bucket>> = std::sync::OnceLock::new();
    BUCKETS.get_or_init(|| {
        let mut table = vec![Vec::new(); 256 * 16];
        for &(word, lex) in TRIGGERS {
            let bytes = word.as_bytes();
            if let (Some(&first), true) = (bytes.first(), bytes.len() < 16) {
                if let Some(bucket) = table.get_mut(usize::from(first) * 16 + bytes.len()) {
                    bucket.push((bytes, lex));
                }
            }
        }
        table
    })
}

/// The trigger a lowercased word starts, if any.
pub fn lookup(word: &[u8]) -> Option<Lex> {
    let first = *word.first()?;
    if !maybe_trigger(first, word.len()) {
        return None;
    }
    buckets()
        .get(usize::from(first) * 16 + word.len())?
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, lex)| lex)
}

/// The month a lowercased word names (`janvier`, `févr`, `sept`, `march`), if any: the one
/// month list, also used by the metadata date-line rule and the timeline's grouping terms.
pub fn month_number(word: &str) -> Option<u8> {
    match lookup(word.as_bytes())? {
        Lex::Month { month, .. } => Some(month),
        _ => None,
    }
}

/// Number words for `il y a deux ans`, `two years ago`; `None` inside means "some" (`quelques`).
pub fn number_word(word: &[u8]) -> Option<Option<u32>> {
    let word = std::str::from_utf8(word).ok()?;
    Some(Some(match word {
        "un" | "une" | "one" | "a" | "an" => 1,
        "deux" | "two" => 2,
        "trois" | "three" => 3,
        "quatre" | "four" => 4,
        "cinq" | "five" => 5,
        "six" => 6,
        "sept" | "seven" => 7,
        "huit" | "eight" => 8,
        "neuf" | "nine" => 9,
        "dix" | "ten" => 10,
        "onze" | "eleven" => 11,
        "douze" | "twelve" => 12,
        "quinze" | "fifteen" => 15,
        "vingt" | "twenty" => 20,
        "trente" | "thirty" => 30,
        "cinquante" | "fifty" => 50,
        "cent" | "hundred" => 100,
        "quelques" | "plusieurs" | "des" | "few" | "several" | "many" | "some" => {
            return Some(None)
        }
        _ => return None,
    }))
}

/// Words after a number that make it a quantity, not a year (`2048 bits`, `1500 euros`).
pub fn is_quantity_word(word: &[u8]) -> bool {
    let Ok(word) = std::str::from_utf8(word) else {
        return false;
    };
    matches!(
        word,
        "milliard"
            | "milliards"
            | "million"
            | "millions"
            | "millier"
            | "milliers"
            | "mille"
            | "billion"
            | "billions"
            | "thousand"
            | "euros"
            | "euro"
            | "dollars"
            | "dollar"
            | "usd"
            | "eur"
            | "francs"
            | "livres"
            | "pounds"
            | "personnes"
            | "habitants"
            | "employés"
            | "salariés"
            | "développeurs"
            | "utilisateurs"
            | "clients"
            | "people"
            | "employees"
            | "users"
            | "developers"
            | "customers"
            | "km"
            | "m"
            | "cm"
            | "mm"
            | "kg"
            | "g"
            | "t"
            | "mo"
            | "ko"
            | "mb"
            | "gb"
            | "kb"
            | "tb"
            | "mhz"
            | "ghz"
            | "hz"
            | "w"
            | "kw"
            | "mw"
            | "kwh"
            | "v"
            | "ms"
            | "px"
            | "pixels"
            | "bits"
            | "bit"
            | "octets"
            | "bytes"
            | "fois"
            | "times"
            | "points"
            | "pages"
            | "mots"
            | "words"
            | "lignes"
            | "lines"
            | "tonnes"
            | "tons"
            | "exemplaires"
            | "copies"
            | "unités"
            | "units"
            | "articles"
            | "fichiers"
            | "files"
            | "ans"
            | "années"
            | "years"
            | "mois"
            | "months"
            | "jours"
            | "days"
            | "heures"
            | "hours"
            | "minutes"
            | "secondes"
            | "seconds"
            | "k"
            | "x"
            | "p"
            | "dpi"
            | "rpm"
            | "mètres"
            | "meters"
            | "metres"
            | "kilomètres"
            | "kilometers"
            | "miles"
            | "voix"
            | "votes"
            | "sièges"
            | "seats"
            | "morts"
            | "victimes"
            | "deaths"
    )
}

/// Words right before a number that make it a name or a reference (`Linux 2024`? no: `ISO 8601`,
/// `RFC 2616`, `Windows 2000`, `page 1999`).
pub fn is_name_before_number(word: &[u8]) -> bool {
    let Ok(word) = std::str::from_utf8(word) else {
        return false;
    };
    matches!(
        word,
        "version"
            | "v"
            | "build"
            | "release"
            | "rfc"
            | "iso"
            | "iec"
            | "ieee"
            | "port"
            | "page"
            | "pages"
            | "p"
            | "pp"
            | "no"
            | "n"
            | "nº"
            | "numéro"
            | "number"
            | "art"
            | "article"
            | "windows"
            | "office"
            | "server"
            | "studio"
            | "excel"
            | "outlook"
            | "powerpoint"
            | "sharepoint"
            | "exchange"
            | "linux"
            | "kernel"
            | "python"
            | "java"
            | "ubuntu"
            | "debian"
            | "gcc"
            | "iphone"
            | "galaxy"
            | "modèle"
            | "model"
            | "type"
            | "série"
            | "series"
            | "issue"
            | "ticket"
            | "bug"
            | "pr"
            | "tel"
            | "tél"
            | "fax"
            | "bp"
            | "cp"
            | "code"
            | "ligne"
            | "line"
            | "chapitre"
            | "chapter"
            // Sizes and counts (`size 1902`, `taille 2048`).
            | "size"
            | "taille"
            | "bytes"
            | "octets"
            | "count"
            | "pid"
            | "uid"
            | "gid"
            | "width"
            | "height"
            | "length"
            | "section"
            | "room"
            | "salle"
            | "bureau"
            | "vol"
            | "volume"
            | "tome"
    )
}

/// French function words counted to tell a block's language (for `05/06/25`).
pub fn french_marker(word: &[u8]) -> bool {
    let Ok(word) = std::str::from_utf8(word) else {
        return false;
    };
    matches!(
        word,
        "le" | "la"
            | "les"
            | "des"
            | "du"
            | "est"
            | "et"
            | "une"
            | "dans"
            | "pour"
            | "sur"
            | "que"
            | "qui"
            | "pas"
            | "avec"
            | "au"
            | "aux"
            | "ce"
            | "cette"
            | "sont"
    )
}

pub fn english_marker(word: &[u8]) -> bool {
    let Ok(word) = std::str::from_utf8(word) else {
        return false;
    };
    matches!(
        word,
        "the"
            | "and"
            | "of"
            | "is"
            | "to"
            | "in"
            | "for"
            | "on"
            | "that"
            | "with"
            | "was"
            | "are"
            | "by"
            | "this"
            | "from"
            | "it"
            | "be"
            | "has"
            | "have"
            | "were"
    )
}

/// Weekday names, French and English, lowercase: what may stand before a date on a date line.
pub(crate) const WEEKDAYS: [&str; 14] = [
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Every trigger word, for tests of the screens in front of [`lookup`].
#[cfg(test)]
pub fn trigger_words() -> Vec<&'static str> {
    TRIGGERS.iter().map(|&(word, _)| word).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_is_found_and_fits() {
        for (word, lex) in TRIGGERS {
            assert!(word.len() <= MAX_WORD, "{word} too long");
            assert_eq!(lookup(word.as_bytes()), Some(*lex), "{word}");
            let bytes = word.as_bytes();
            let second = bytes
                .get(1)
                .copied()
                .filter(|_| bytes.len() > 1)
                .unwrap_or(0);
            assert!(
                maybe_trigger_pair(bytes[0], second, bytes.len()),
                "{word} screened out"
            );
            let last = bytes.last().copied().unwrap_or(0);
            assert!(
                maybe_trigger_ends(bytes[0], last, bytes.len()),
                "{word} screened out by its last byte"
            );
        }
        // The screens do stop common words sharing a trigger's first byte and length.
        assert!(!maybe_trigger_pair(b'd', b'e', 2));
        assert!(!maybe_trigger_pair(b'l', b'a', 2));
        assert!(!maybe_trigger_ends(b's', b'n', 7)); // `section` (`semaine`, `seconde`)
        assert!(!maybe_trigger_ends(b'a', b'd', 3)); // `and` (`ans`, `ago`)
    }

    #[test]
    fn common_words_are_not_triggers() {
        for word in [
            "maintenance",
            "mais",
            "sa",
            "jeu",
            "et",
            "je",
            "le",
            "marché",
            "avant",
        ] {
            assert_eq!(lookup(word.as_bytes()), None, "{word}");
        }
    }
}
