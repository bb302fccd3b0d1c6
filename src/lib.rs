//! dossier: a terminal reader for collections of articles.
//!
//! `core` parses and indexes articles and knows nothing of terminals; `cli` holds the
//! non-interactive commands; `tui` is the ratatui reader. All three read one `core::store::Store`.

pub mod cli;
pub mod config;
pub mod core;
pub mod saved;
pub mod tui;

/// mimalloc instead of glibc's malloc: loading makes tens of small allocations per article on
/// every thread, and glibc's spent a tenth of the load's instructions on them (callgrind,
/// 10k corpus). Set here so the binary, tests and benches all measure the same allocator.
/// Built without transparent huge pages (`no_thp`): with them each first touch zeroed 2 MiB,
/// a quarter of `dossier list`'s time in the kernel, and RSS grew by whole huge pages.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
