//! Dates for people, at their precision. French by default, as the reader writes them
//! (`2019`, `mai 2025`, `19 févr. 2025`, `2016–2018`, `T1 2001`, `années 2020`); English
//! (`May 2025`, `19 Feb 2025`, `Q1 2001`, `2020s`) or ISO-like values (`2025-02-19`) when the
//! configuration asks (`[ui] dates`). Unknown shapes are shown as given.

/// How dates are written on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateStyle {
    #[default]
    French,
    English,
    /// The normalized value itself (`2025-02-19`, `2001-Q1`), ranges joined by `–`.
    Iso,
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

fn month_index(text: &str) -> Option<usize> {
    let m: usize = text.parse().ok()?;
    (1..=12).contains(&m).then(|| m - 1)
}

fn is_year(text: &str) -> bool {
    (3..=4).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// `XVIIIe siècle` / `18th century` for a TimeML century (`17`: the years 1700 to 1799).
fn century(value: &str, english: bool) -> Option<String> {
    let ordinal = value.parse::<u32>().ok()? + 1;
    if english {
        let suffix = match (ordinal % 10, ordinal % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        return Some(format!("{ordinal}{suffix} century"));
    }
    // Centuries past the 49th never come from text (a century is a year's first two digits).
    const ROMAN: [(u32, &str); 6] = [
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = ordinal;
    let mut roman = String::new();
    for (worth, letters) in ROMAN {
        while rest >= worth {
            roman.push_str(letters);
            rest -= worth;
        }
    }
    let suffix = if ordinal == 1 { "er" } else { "e" };
    (ordinal < 50).then(|| format!("{roman}{suffix} siècle"))
}

/// One side of a value (no `/`), French or English.
fn single(value: &str, english: bool) -> Option<String> {
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y] if is_year(y) => Some((*y).to_string()),
        [c] if c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()) => century(c, english),
        [y] if y.len() == 4 && y.ends_with('X') => {
            let digits = y.trim_end_matches('X');
            let pad = 4 - digits.len();
            Some(match pad {
                1 if english => format!("{digits}0s"),
                1 => format!("années {digits}0"),
                2 => format!("{digits}00s"),
                _ => value.to_string(),
            })
        }
        [y, q] if is_year(y) && q.len() == 2 && q.starts_with('Q') => {
            let letter = if english { 'Q' } else { 'T' };
            Some(format!("{letter}{} {y}", q.get(1..).unwrap_or("")))
        }
        [y, s] if is_year(y) && matches!(*s, "SP" | "SU" | "FA" | "AU" | "WI") => {
            let season = match (*s, english) {
                ("SP", false) => "printemps",
                ("SU", false) => "été",
                ("FA" | "AU", false) => "automne",
                (_, false) => "hiver",
                ("SP", true) => "spring",
                ("SU", true) => "summer",
                ("FA" | "AU", true) => "autumn",
                (_, true) => "winter",
            };
            Some(format!("{season} {y}"))
        }
        [y, m] if is_year(y) && english => Some(format!("{} {y}", MONTHS_EN.get(month_index(m)?)?)),
        [y, m] if is_year(y) => Some(format!("{} {y}", MONTHS.get(month_index(m)?)?)),
        [y, m, d] if is_year(y) && english => {
            let day: u32 = d.parse().ok()?;
            let month = MONTHS_EN.get(month_index(m)?)?.get(..3)?;
            Some(format!("{day} {month} {y}"))
        }
        [y, m, d] if is_year(y) => {
            let day: u32 = d.parse().ok()?;
            let day = if day == 1 {
                "1er".to_string()
            } else {
                day.to_string()
            };
            Some(format!("{day} {} {y}", MONTHS_SHORT.get(month_index(m)?)?))
        }
        _ => None,
    }
}

/// A TimeML-like value for people, in French.
pub fn human_date(value: &str) -> String {
    DateStyle::French.show(value)
}

impl DateStyle {
    /// A TimeML-like value written in this style.
    pub fn show(self, value: &str) -> String {
        let english = match self {
            DateStyle::Iso => return value.replacen('/', "–", 1),
            DateStyle::French => false,
            DateStyle::English => true,
        };
        if let Some((from, to)) = value.split_once('/') {
            if let (Some(a), Some(b)) = (single(from, english), single(to, english)) {
                return format!("{a}–{b}");
            }
            return value.to_string();
        }
        single(value, english).unwrap_or_else(|| value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::{human_date, DateStyle};

    #[test]
    fn dates_at_their_precision() {
        assert_eq!(human_date("2019"), "2019");
        assert_eq!(human_date("2025-05"), "mai 2025");
        assert_eq!(human_date("2025-02-19"), "19 févr. 2025");
        assert_eq!(human_date("2025-03-01"), "1er mars 2025");
        assert_eq!(human_date("2016/2018"), "2016–2018");
        assert_eq!(human_date("2001-Q1"), "T1 2001");
        assert_eq!(human_date("202X"), "années 2020");
        assert_eq!(human_date("PRESENT_REF"), "PRESENT_REF");
        assert_eq!(human_date("2025-13"), "2025-13");
        // A century (`17`: 1700 to 1799) is named as a reader says it.
        assert_eq!(human_date("17"), "XVIIIe siècle");
        assert_eq!(human_date("20"), "XXIe siècle");
        assert_eq!(human_date("00"), "Ier siècle");
        assert_eq!(human_date("03"), "IVe siècle");
    }

    #[test]
    fn english_and_iso_styles() {
        let en = |v| DateStyle::English.show(v);
        assert_eq!(en("2025-05"), "May 2025");
        assert_eq!(en("2025-02-19"), "19 Feb 2025");
        assert_eq!(en("2001-Q1"), "Q1 2001");
        assert_eq!(en("202X"), "2020s");
        assert_eq!(en("2024-SU"), "summer 2024");
        assert_eq!(en("2016/2018"), "2016–2018");
        assert_eq!(en("17"), "18th century");
        assert_eq!(en("20"), "21st century");
        assert_eq!(en("10"), "11th century");
        assert_eq!(en("01"), "2nd century");
        let iso = |v| DateStyle::Iso.show(v);
        assert_eq!(iso("2025-02-19"), "2025-02-19");
        assert_eq!(iso("2016/2018"), "2016–2018");
        assert_eq!(iso("2001-Q1"), "2001-Q1");
    }
}
