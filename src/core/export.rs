//! JSON / CSV / Markdown writers for events and the timeline. Stub: replaced by the dates work.
