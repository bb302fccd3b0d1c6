//! Copying and opening links in a terminal that may be at the far end of an SSH link.
//!
//! OSC 52 asks the terminal itself to set the clipboard, which works over SSH; inside tmux the
//! sequence must be wrapped in a DCS passthrough or tmux swallows it. These are the only bytes
//! dossier ever writes that are not drawn by ratatui, and only on an explicit `y`.

use base64::Engine;
use std::path::Path;

/// What the environment allows, read once at start.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkEnv {
    /// Inside tmux (`TMUX` set): wrap OSC 52 for passthrough.
    pub tmux: bool,
    /// Over SSH (`SSH_TTY` or `SSH_CONNECTION` set): a local opener would open on the server.
    pub ssh: bool,
    /// A graphical session is reachable (`DISPLAY` or `WAYLAND_DISPLAY`, or macOS).
    pub display: bool,
    /// The system opener found on `PATH` (`xdg-open`, `open`).
    pub opener: Option<String>,
}

impl LinkEnv {
    pub fn from_env() -> LinkEnv {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let display = cfg!(target_os = "macos") || set("DISPLAY") || set("WAYLAND_DISPLAY");
        let candidates: &[&str] = if cfg!(target_os = "macos") {
            &["open"]
        } else {
            &["xdg-open"]
        };
        let opener = candidates
            .iter()
            .find(|name| on_path(name))
            .map(|name| (*name).to_string());
        LinkEnv {
            tmux: set("TMUX"),
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            display,
            opener,
        }
    }

    /// Whether `o` should launch the system opener rather than copy.
    pub fn can_open(&self) -> bool {
        self.display && !self.ssh && self.opener.is_some()
    }
}

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| is_executable(&dir.join(name)))
    })
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The OSC 52 sequence that puts `text` on the clipboard, wrapped for tmux when asked.
/// The payload is base64, so article text cannot inject anything into the sequence.
pub fn osc52(text: &str, tmux: bool) -> Vec<u8> {
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let plain = format!("\x1b]52;c;{payload}\x07");
    if tmux {
        // tmux passthrough: DCS tmux; <sequence with every ESC doubled> ST
        format!("\x1bPtmux;{}\x1b\\", plain.replace('\x1b', "\x1b\x1b")).into_bytes()
    } else {
        plain.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_plain() {
        assert_eq!(
            osc52("https://example.org/a", false),
            b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9h\x07".to_vec()
        );
    }

    #[test]
    fn osc52_tmux_passthrough_doubles_escapes() {
        assert_eq!(
            osc52("hi", true),
            b"\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\".to_vec()
        );
    }

    #[test]
    fn osc52_payload_is_inert() {
        let bytes = osc52("\x1b]0;pwned\x07", false);
        // Only the framing contains ESC/BEL: one ESC at the start, one BEL at the end.
        assert_eq!(bytes.iter().filter(|&&b| b == 0x1b).count(), 1);
        assert_eq!(bytes.iter().filter(|&&b| b == 0x07).count(), 1);
        assert_eq!(bytes.last(), Some(&0x07));
    }

    #[test]
    fn no_opener_over_ssh() {
        let env = LinkEnv {
            tmux: false,
            ssh: true,
            display: true,
            opener: Some("xdg-open".into()),
        };
        assert!(!env.can_open());
        let local = LinkEnv { ssh: false, ..env };
        assert!(local.can_open());
    }
}

/// Carry out `y` (copy) or `o` (open) and say honestly what was done, for the status line.
/// `out` is the terminal: OSC 52 goes there, between frames.
pub fn copy_or_open(
    text: &str,
    open: bool,
    env: &LinkEnv,
    out: &mut impl std::io::Write,
) -> String {
    let shown = crate::core::sanitize::sanitize_line(text);
    if open && env.can_open() {
        if let Some(opener) = &env.opener {
            let spawned = std::process::Command::new(opener)
                .arg(text)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn();
            if spawned.is_ok() {
                return format!("opened with {opener}: {shown}");
            }
        }
    }
    let bytes = osc52(text, env.tmux);
    let written = out.write_all(&bytes).and_then(|()| out.flush());
    let how = if env.tmux {
        "copied via OSC 52 (tmux passthrough)"
    } else {
        "copied via OSC 52"
    };
    match (written, open) {
        (Err(_), _) => format!("could not write to the terminal: {shown}"),
        (Ok(()), true) if env.ssh => format!("over SSH: {how}: {shown}"),
        (Ok(()), true) => format!("no opener here: {how}: {shown}"),
        (Ok(()), false) => format!("{how}: {shown}"),
    }
}

#[cfg(test)]
mod copy_tests {
    use super::*;

    #[test]
    fn over_ssh_open_copies_and_says_so() {
        let env = LinkEnv {
            tmux: true,
            ssh: true,
            display: false,
            opener: None,
        };
        let mut out = Vec::new();
        let notice = copy_or_open("https://example.org/a", true, &env, &mut out);
        assert_eq!(
            notice,
            "over SSH: copied via OSC 52 (tmux passthrough): https://example.org/a"
        );
        assert_eq!(out, osc52("https://example.org/a", true));
    }

    #[test]
    fn copy_writes_plain_osc52() {
        let env = LinkEnv::default();
        let mut out = Vec::new();
        let notice = copy_or_open("2019 — Microsoft investit", false, &env, &mut out);
        assert_eq!(notice, "copied via OSC 52: 2019 — Microsoft investit");
        assert_eq!(out, osc52("2019 — Microsoft investit", false));
    }
}
