//! Fuzzy and word search over titles, bodies and events. Stub: replaced by the search work.
