//! Dates as a French reader writes them, at their precision: `2019`, `mai 2025`,
//! `19 févr. 2025`, `2016–2018`, `T1 2001`, `années 2020`. Unknown shapes are shown as given.

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

/// One side of a value (no `/`).
fn single(value: &str) -> Option<String> {
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [y] if is_year(y) => Some((*y).to_string()),
        [y] if y.len() == 4 && y.ends_with('X') => {
            let digits = y.trim_end_matches('X');
            let pad = 4 - digits.len();
            Some(match pad {
                1 => format!("années {digits}0"),
                2 => format!("{digits}00s"),
                _ => value.to_string(),
            })
        }
        [y, q] if is_year(y) && q.len() == 2 && q.starts_with('Q') => {
            Some(format!("T{} {y}", q.get(1..).unwrap_or("")))
        }
        [y, s] if is_year(y) && matches!(*s, "SP" | "SU" | "FA" | "AU" | "WI") => {
            let season = match *s {
                "SP" => "printemps",
                "SU" => "été",
                "FA" | "AU" => "automne",
                _ => "hiver",
            };
            Some(format!("{season} {y}"))
        }
        [y, m] if is_year(y) => Some(format!("{} {y}", MONTHS.get(month_index(m)?)?)),
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

/// A TimeML-like value for people.
pub fn human_date(value: &str) -> String {
    if let Some((from, to)) = value.split_once('/') {
        if let (Some(a), Some(b)) = (single(from), single(to)) {
            return format!("{a}–{b}");
        }
        return value.to_string();
    }
    single(value).unwrap_or_else(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::human_date;

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
    }
}
