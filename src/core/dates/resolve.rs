//! Year-less and relative mentions -> calendar values.
//!
//! A month or day without a year (`en mai`, `le 9 mai`), a season, a quarter, and an anaphoric
//! `l’année suivante` take the nearest explicit year written earlier in the same section, else
//! the publication date's year. Deictic mentions (`l’an dernier`, `il y a deux ans`, `hier`) are
//! counted from the time of writing, so only from the publication date. Never the clock.

use super::lexicon::Unit;
use super::scan::{Point, Value};
use crate::core::article::{Precision, Ymd};

/// The publication date as a resolution anchor: its first day and precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub date: Ymd,
    pub precision: Precision,
}

/// The explicit year a mention states, for the context of the mentions after it.
pub fn explicit_year(value: &Value) -> Option<i32> {
    match *value {
        Value::Date(p) => p.year,
        Value::Range(_, b) => b.year,
        Value::Quarter(y, _) | Value::Half(y, _) | Value::Season(y, _) => y,
        _ => None,
    }
}

pub fn resolve(value: &Value, context_year: Option<i32>, anchor: Option<Anchor>) -> Value {
    let narrative = context_year.or(anchor.map(|a| a.date.year));
    match *value {
        Value::Date(p) if p.year.is_none() => match narrative {
            Some(y) => Value::Date(Point { year: Some(y), ..p }),
            None => value.clone(),
        },
        Value::Range(a, b) if a.year.is_none() || b.year.is_none() => match narrative {
            Some(y) => {
                let start_year = if a.month > b.month && b.month != 0 {
                    y - 1
                } else {
                    y
                };
                Value::Range(
                    Point {
                        year: a.year.or(Some(start_year)),
                        ..a
                    },
                    Point {
                        year: b.year.or(Some(y)),
                        ..b
                    },
                )
            }
            None => value.clone(),
        },
        Value::Quarter(None, q) => narrative.map_or(value.clone(), |y| Value::Quarter(Some(y), q)),
        Value::Half(None, h) => narrative.map_or(value.clone(), |y| Value::Half(Some(y), h)),
        Value::Season(None, s) => narrative.map_or(value.clone(), |y| Value::Season(Some(y), s)),
        Value::Anaphoric {
            unit: Unit::Year,
            offset,
        } => context_year.map_or(value.clone(), |y| Value::Date(Point::year(y + offset))),
        Value::Rel { unit, offset } => anchor
            .and_then(|a| deictic(a, unit, offset))
            .unwrap_or_else(|| value.clone()),
        _ => value.clone(),
    }
}

/// `l’an dernier` from a publication date: as precise as the unit, if the date is that precise.
fn deictic(anchor: Anchor, unit: Unit, offset: i32) -> Option<Value> {
    let d = anchor.date;
    match unit {
        Unit::Year => Some(Value::Date(Point::year(d.year + offset))),
        Unit::Month if matches!(anchor.precision, Precision::Month | Precision::Day) => {
            let index = d.year * 12 + i32::from(d.month) - 1 + offset;
            let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
            Some(Value::Date(Point::month(Some(index.div_euclid(12)), month)))
        }
        Unit::Day if anchor.precision == Precision::Day && offset.abs() <= 1 => {
            let (y, m, day) = shift_day(d, offset);
            Some(Value::Date(Point::day(Some(y), m, day)))
        }
        _ => None,
    }
}

fn shift_day(d: Ymd, offset: i32) -> (i32, u8, u8) {
    use super::scan::days_in_month;
    if offset < 0 {
        if d.day > 1 {
            return (d.year, d.month, d.day - 1);
        }
        if d.month > 1 {
            return (d.year, d.month - 1, days_in_month(d.year, d.month - 1));
        }
        return (d.year - 1, 12, 31);
    }
    if offset > 0 {
        if d.day < days_in_month(d.year, d.month) {
            return (d.year, d.month, d.day + 1);
        }
        if d.month < 12 {
            return (d.year, d.month + 1, 1);
        }
        return (d.year + 1, 1, 1);
    }
    (d.year, d.month, d.day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(y: i32, m: u8, d: u8, precision: Precision) -> Option<Anchor> {
        Some(Anchor {
            date: Ymd::new(y, m, d),
            precision,
        })
    }

    #[test]
    fn month_takes_the_context_year_then_the_publication_year() {
        let may = Value::Date(Point::month(None, 5));
        assert_eq!(
            resolve(&may, Some(2019), anchor(2025, 1, 1, Precision::Year)),
            Value::Date(Point::month(Some(2019), 5))
        );
        assert_eq!(
            resolve(&may, None, anchor(2025, 5, 1, Precision::Month)),
            Value::Date(Point::month(Some(2025), 5))
        );
        assert_eq!(resolve(&may, None, None), may);
    }

    #[test]
    fn deictic_counts_from_the_publication_date_only() {
        let last_year = Value::Rel {
            unit: Unit::Year,
            offset: -1,
        };
        assert_eq!(
            resolve(&last_year, Some(2010), anchor(2025, 2, 19, Precision::Day)),
            Value::Date(Point::year(2024))
        );
        assert_eq!(resolve(&last_year, Some(2010), None), last_year);
        let yesterday = Value::Rel {
            unit: Unit::Day,
            offset: -1,
        };
        assert_eq!(
            resolve(&yesterday, None, anchor(2025, 3, 1, Precision::Day)),
            Value::Date(Point::day(Some(2025), 2, 28))
        );
        assert_eq!(
            resolve(&yesterday, None, anchor(2025, 3, 1, Precision::Month)),
            yesterday
        );
        let last_month = Value::Rel {
            unit: Unit::Month,
            offset: -1,
        };
        assert_eq!(
            resolve(&last_month, None, anchor(2025, 1, 1, Precision::Month)),
            Value::Date(Point::month(Some(2024), 12))
        );
    }

    #[test]
    fn anaphoric_year_follows_the_narrative() {
        let next = Value::Anaphoric {
            unit: Unit::Year,
            offset: 1,
        };
        assert_eq!(
            resolve(&next, Some(2018), anchor(2025, 1, 1, Precision::Year)),
            Value::Date(Point::year(2019))
        );
    }

    #[test]
    fn cross_year_month_range() {
        let range = Value::Range(Point::month(None, 11), Point::month(None, 2));
        assert_eq!(
            resolve(&range, Some(2020), None),
            Value::Range(Point::month(Some(2019), 11), Point::month(Some(2020), 2))
        );
    }
}
