//! Raw values -> TimeML-like strings (`2025-05`, `2001-Q1`, `198X`, `2016/2018`, `PXW`) with
//! the first and last calendar day they cover.

use super::lexicon::{RefKind, Season};
use super::scan::{days_in_month, Point, Value};
use crate::core::article::{Precision, Ymd};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub value: String,
    pub precision: Precision,
    pub start: Option<Ymd>,
    pub end: Option<Ymd>,
}

impl Normalized {
    fn undated(value: String, precision: Precision) -> Normalized {
        Normalized {
            value,
            precision,
            start: None,
            end: None,
        }
    }

    fn dated(value: String, precision: Precision, start: Ymd, end: Ymd) -> Normalized {
        Normalized {
            value,
            precision,
            start: Some(start),
            end: Some(end),
        }
    }
}

pub fn normalize(value: &Value) -> Normalized {
    match *value {
        Value::Date(point) => {
            let text = point_text(point);
            let precision = point_precision(point);
            match (point_start(point), point_end(point)) {
                (Some(start), Some(end)) => Normalized::dated(text, precision, start, end),
                _ => Normalized::undated(text, precision),
            }
        }
        Value::Quarter(year, q) => months_of_year(format!("{}-Q{q}", year_text(year)), year, q, 3),
        // Half-years have no precision of their own: a quarter is the nearest listed granularity.
        Value::Half(year, h) => months_of_year(format!("{}-H{h}", year_text(year)), year, h, 6),
        Value::Season(year, season) => {
            let text = format!("{}-{}", year_text(year), season.code());
            match year {
                Some(y) => {
                    let (start, end) = match season {
                        Season::Spring => (Ymd::new(y, 3, 1), month_end(y, 5)),
                        Season::Summer => (Ymd::new(y, 6, 1), month_end(y, 8)),
                        Season::Autumn => (Ymd::new(y, 9, 1), month_end(y, 11)),
                        Season::Winter => (Ymd::new(y, 12, 1), month_end(y + 1, 2)),
                    };
                    Normalized::dated(text, Precision::Season, start, end)
                }
                None => Normalized::undated(text, Precision::Season),
            }
        }
        Value::Decade(first) => Normalized::dated(
            format!("{}X", first / 10),
            Precision::Decade,
            Ymd::new(first, 1, 1),
            Ymd::new(first + 9, 12, 31),
        ),
        Value::Century(n) => {
            let base = (n - 1) * 100;
            Normalized::dated(
                format!("{:02}", n - 1),
                Precision::Century,
                Ymd::new(base, 1, 1),
                Ymd::new(base + 99, 12, 31),
            )
        }
        Value::Range(a, b) => {
            let text = format!("{}/{}", point_text(a), point_text(b));
            match (point_start(a), point_end(b)) {
                (Some(start), Some(end)) => Normalized::dated(text, Precision::Range, start, end),
                _ => Normalized::undated(text, Precision::Range),
            }
        }
        Value::Rel { offset, .. } | Value::Anaphoric { offset, .. } => {
            let kind = match offset.signum() {
                -1 => RefKind::Past,
                0 => RefKind::Present,
                _ => RefKind::Future,
            };
            Normalized::undated(kind.code().to_string(), Precision::Ref)
        }
        Value::Ref(kind) => Normalized::undated(kind.code().to_string(), Precision::Ref),
        Value::Duration { unit, count } => {
            let count = count.map_or_else(|| "X".to_string(), |c| c.to_string());
            Normalized::undated(format!("P{count}{}", unit.letter()), Precision::Duration)
        }
        Value::Set(code) => Normalized::undated(code.to_string(), Precision::Set),
    }
}

fn year_text(year: Option<i32>) -> String {
    year.map_or_else(|| "XXXX".to_string(), |y| format!("{y:04}"))
}

pub fn point_text(p: Point) -> String {
    let year = year_text(p.year);
    match (p.month, p.day) {
        (0, _) => year,
        (m, 0) => format!("{year}-{m:02}"),
        (m, d) => format!("{year}-{m:02}-{d:02}"),
    }
}

pub fn point_precision(p: Point) -> Precision {
    match (p.month, p.day) {
        (0, _) => Precision::Year,
        (_, 0) => Precision::Month,
        _ => Precision::Day,
    }
}

fn month_end(year: i32, month: u8) -> Ymd {
    Ymd::new(year, month, days_in_month(year, month))
}

pub fn point_start(p: Point) -> Option<Ymd> {
    let y = p.year?;
    Some(match (p.month, p.day) {
        (0, _) => Ymd::new(y, 1, 1),
        (m, 0) => Ymd::new(y, m, 1),
        (m, d) => Ymd::new(y, m, d),
    })
}

pub fn point_end(p: Point) -> Option<Ymd> {
    let y = p.year?;
    Some(match (p.month, p.day) {
        (0, _) => Ymd::new(y, 12, 31),
        (m, 0) => month_end(y, m),
        (m, d) => Ymd::new(y, m, d),
    })
}

/// The `part`-th run of `months` months of `year` (quarter: 3, half: 6), at quarter precision.
fn months_of_year(text: String, year: Option<i32>, part: u8, months: u8) -> Normalized {
    match year {
        Some(y) => {
            let last = part.saturating_mul(months);
            let first = last.saturating_sub(months - 1);
            Normalized::dated(
                text,
                Precision::Quarter,
                Ymd::new(y, first, 1),
                month_end(y, last),
            )
        }
        None => Normalized::undated(text, Precision::Quarter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dates::lexicon::Unit;

    #[test]
    fn values_and_bounds() {
        let n = normalize(&Value::Quarter(Some(2001), 1));
        assert_eq!(n.value, "2001-Q1");
        assert_eq!(n.end, Some(Ymd::new(2001, 3, 31)));
        let n = normalize(&Value::Decade(1980));
        assert_eq!((n.value.as_str(), n.precision), ("198X", Precision::Decade));
        let n = normalize(&Value::Century(20));
        assert_eq!(n.value, "19");
        assert_eq!(n.start, Some(Ymd::new(1900, 1, 1)));
        let n = normalize(&Value::Date(Point::month(Some(2024), 2)));
        assert_eq!(n.end, Some(Ymd::new(2024, 2, 29)));
        let n = normalize(&Value::Duration {
            unit: Unit::Week,
            count: None,
        });
        assert_eq!(
            (n.value.as_str(), n.precision),
            ("PXW", Precision::Duration)
        );
        let n = normalize(&Value::Date(Point::month(None, 5)));
        assert_eq!((n.value.as_str(), n.start), ("XXXX-05", None));
        let n = normalize(&Value::Season(Some(2023), Season::Winter));
        assert_eq!(n.end, Some(Ymd::new(2024, 2, 29)));
    }
}
