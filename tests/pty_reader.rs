//! The real binary in a pseudo-terminal (portable-pty) read by a terminal emulator (vt100):
//! start, navigate, open the timeline, quit; the terminal must be restored and the exit 0.
//! Waits are bounded polls of the emulated screen, never fixed sleeps.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for assertions on escape sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(command: CommandBuilder) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(command).expect("spawn dossier");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            reader: Some(reader),
            master: pair.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never appeared; screen:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// Wait for the exit and for the last output to be read.
    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "dossier did not exit:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        };
        // The reader ends at EOF once the child is gone; give it a bounded moment.
        let deadline = Instant::now() + Duration::from_secs(2);
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(10));
        }
        status
    }
}

fn dossier(args: &[&str]) -> CommandBuilder {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
    command.args(args);
    command.env("TERM", "xterm-256color");
    command.env_remove("NO_COLOR");
    command
}

#[test]
fn navigate_the_seeds_open_the_timeline_and_quit() {
    let mut session = Session::start(dossier(&[]));
    session.wait_for("? help  / search  t timeline  q quit");
    assert!(session.screen().contains("Articles 5"));
    assert!(session.parser.lock().unwrap().screen().alternate_screen());
    // Down, open: the reader takes focus, its hint bar shows F1 for help.
    session.send(b"j\r");
    session.wait_for("F1 help");
    // The reader shows the second seed from its first line.
    assert!(session
        .screen()
        .contains("││ OpenAI et Microsoft : Une alliance"));
    session.send(b"t");
    session.wait_for("Timeline");
    session.send(b"t");
    session.wait_for("Articles 5");
    // Help, then q closes it; Esc never quits.
    // Esc moves the focus back to the list (an Esc glued to the next key would read as Alt).
    session.send(b"\x1b");
    session.wait_for("? help");
    session.send(b"?");
    session.wait_for("Help");
    session.send(b"q");
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    let parser = session.parser.lock().unwrap();
    assert!(
        !parser.screen().alternate_screen(),
        "left the alternate screen"
    );
    assert!(!parser.screen().hide_cursor(), "cursor shown again");
    let raw = session.raw.lock().unwrap();
    // Never sets the title, never emits OSC 8 / 52.
    assert!(!raw.windows(2).any(|w| w == b"\x1b]"), "no OSC sequence");
    // Frames are wrapped in synchronized output.
    assert!(raw.windows(8).any(|w| w == b"\x1b[?2026h"));
}

#[test]
fn ctrl_c_quits_from_the_timeline_with_the_terminal_restored() {
    let mut session = Session::start(dossier(&[]));
    session.wait_for("t timeline");
    session.send(b"t");
    session.wait_for("Timeline");
    session.send(b"\x03");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!session.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn stdin_article_with_keys_from_the_tty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.md");
    std::fs::write(
        &file,
        "# Un titre venu de stdin\n\nUn paragraphe lu sur l'entrée standard.\n",
    )
    .expect("write");
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        &format!(
            "cat '{}' | '{}' -",
            file.display(),
            env!("CARGO_BIN_EXE_dossier")
        ),
    ]);
    command.env("TERM", "xterm-256color");
    let mut session = Session::start(command);
    session.wait_for("Articles 1");
    session.wait_for("paragraphe lu sur l");
    session.send(b"\r");
    session.wait_for("F1 help");
    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(!session.parser.lock().unwrap().screen().alternate_screen());
}

#[test]
fn a_terminal_resize_redraws_at_the_new_size() {
    let mut session = Session::start(dossier(&[]));
    session.wait_for("q quit");
    session
        .master
        .resize(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resize");
    session
        .parser
        .lock()
        .unwrap()
        .set_size(NonZeroU16::new(30).unwrap(), NonZeroU16::new(100).unwrap());
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let corner = {
            let parser = session.parser.lock().unwrap();
            let screen = parser.screen();
            // The reader pane's top-right corner in the last column, the status on the last row.
            let last_row: String = screen.rows(0, 100).nth(29).unwrap_or_default();
            (
                screen.cell(0, 99).map(|c| c.contents().to_string()),
                last_row,
            )
        };
        if corner.0.as_deref() == Some("┐") && corner.1.contains("q quit") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "not redrawn at 100x30:\n{}",
            session.screen()
        );
        thread::sleep(Duration::from_millis(20));
    }
    session.send(b"q");
    assert!(session.wait_exit().success());
}

#[test]
fn a_hung_up_terminal_ends_the_reader_even_with_sighup_ignored() {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut command = CommandBuilder::new("sh");
    command.args([
        "-c",
        &format!("trap '' HUP; exec '{}'", env!("CARGO_BIN_EXE_dossier")),
    ]);
    command.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(command).expect("spawn");
    drop(pair.slave);
    let writer = pair.master.take_writer().expect("writer");
    // Read on this thread (no cloned reader), so dropping the master really closes the pty.
    let fd = pair.master.as_raw_fd().expect("master fd");
    let mut parser = vt100::Parser::new(
        NonZeroU16::new(24).unwrap(),
        NonZeroU16::new(80).unwrap(),
        0,
    );
    let deadline = Instant::now() + TIMEOUT;
    while !parser.screen().contents().contains("q quit") {
        assert!(
            Instant::now() < deadline,
            "never started:\n{}",
            parser.screen().contents()
        );
        let mut pollfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd; the master keeps the fd open.
        if unsafe { libc::poll(&mut pollfd, 1, 100) } > 0 {
            let mut buf = [0u8; 8192];
            // SAFETY: reading into a local buffer of the given length.
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n > 0 {
                parser.process(&buf[..n as usize]);
            }
        }
    }
    // The terminal goes away.
    drop(writer);
    drop(pair.master);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("dossier kept running on a hung-up terminal");
        }
        thread::sleep(Duration::from_millis(20));
    }
}
