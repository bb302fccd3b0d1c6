//! Progress on stderr while a command loads a large collection: only when stderr is a
//! terminal, and only once the load has taken long enough to be worth a bar, so pipes, logs
//! and quick loads never see a byte of it. indicatif draws it.

use crate::core::load::Batch;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// Loads quicker than this show nothing.
pub const SHOW_AFTER: Duration = Duration::from_millis(300);

/// `DOSSIER_PROGRESS_AFTER_MS` overrides `SHOW_AFTER`, so tests can see the bar on a small
/// collection.
fn show_after() -> Duration {
    std::env::var("DOSSIER_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(SHOW_AFTER, Duration::from_millis)
}

/// Whether a load that has run for `elapsed` shows progress.
pub fn worth_showing(stderr_is_terminal: bool, elapsed: Duration, after: Duration) -> bool {
    stderr_is_terminal && elapsed >= after
}

pub struct LoadProgress {
    started: Instant,
    after: Duration,
    terminal: bool,
    bar: Option<ProgressBar>,
}

impl LoadProgress {
    pub fn start() -> LoadProgress {
        LoadProgress {
            started: Instant::now(),
            after: show_after(),
            terminal: std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    /// A batch arrived: update the bar, creating it once the load has run long enough.
    pub fn advance(&mut self, batch: &Batch) {
        if self.bar.is_none() && worth_showing(self.terminal, self.started.elapsed(), self.after) {
            let bar = ProgressBar::with_draw_target(
                Some(batch.total as u64),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                ProgressStyle::with_template("loading {pos}/{len} files {wide_bar} {msg} {elapsed}")
            {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(batch.done as u64);
            let seconds = self.started.elapsed().as_secs_f64();
            if seconds > 0.0 {
                let rate = (batch.done as f64 / seconds).round() as usize;
                bar.set_message(format!("{} files/s", crate::tui::live::grouped(rate)));
            }
        }
    }

    /// The load is over: take the bar off the screen (the problems are printed next).
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_long_loads_on_a_terminal_show_progress() {
        let after = Duration::from_millis(300);
        assert!(worth_showing(true, Duration::from_millis(301), after));
        assert!(!worth_showing(true, Duration::from_millis(100), after));
        assert!(!worth_showing(false, Duration::from_secs(10), after));
    }
}
