//! The ratatui reader. Stub: replaced by the reader work.

use crate::core::store::Store;

/// Open the interactive reader on a store. Returns when the user quits.
pub fn run(store: Store, no_color: bool) -> anyhow::Result<()> {
    let _ = (store, no_color);
    anyhow::bail!("the interactive reader is not built yet; try `dossier list`")
}
pub mod clipboard;
