//! The core: everything about articles, nothing about terminals.
//! No `ratatui` or `crossterm` import anywhere below this module.

pub mod article;
pub(crate) mod ascii;
pub mod cache;
pub mod dates;
pub mod decode;
pub mod export;
pub mod load;
pub mod memory;
pub mod meta;
pub mod parse;
pub mod sanitize;
pub mod search;
pub mod store;
pub mod timeline;
