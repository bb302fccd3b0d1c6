//! dossier: a terminal reader for collections of articles.
//!
//! `core` parses and indexes articles and knows nothing of terminals; `cli` holds the
//! non-interactive commands; `tui` is the ratatui reader. All three read one `core::store::Store`.

pub mod cli;
pub mod config;
pub mod core;
pub mod saved;
pub mod tui;
