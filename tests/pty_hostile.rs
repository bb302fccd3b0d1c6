//! The real binary in a pseudo-terminal over hostile articles: whatever the articles hold, the
//! bytes dossier writes contain no OSC (title, clipboard, links), DCS, APC, PM or SOS sequence,
//! and the text after an unterminated OSC is still on screen.

mod pty;

use pty::{dossier, Session};

#[test]
fn hostile_articles_never_reach_the_terminal_as_sequences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: [(&str, &str); 4] = [
        (
            "a.txt",
            "Titre \u{1b}]0;pwned\u{7} propre\n\nUn OSC jamais terminé \u{1b}]52;c;aGVsbG8= reste sur sa ligne\n\nLa ligne suivante se lit.\n",
        ),
        (
            "b.html",
            "<html><head><title>&#27;]2;x&#7;Page</title></head><body><p>Texte &#27;]8;;http://evil&#27;\\lien&#27;]8;;&#27;\\ et &#155;2J fin.</p></body></html>",
        ),
        (
            "c.md",
            "# Titre &#27;P+q544e&#27;\\ propre\n\nParagraphe &#27;_apc&#27;\\ et &#27;^pm&#27;\\ fin.\n",
        ),
        ("d\u{1b}]0;nom\u{7}.txt", "Un nom de fichier hostile.\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    let path = dir.path().to_string_lossy().into_owned();
    let mut session = Session::start(dossier(&[&path]));
    session.wait_for("Articles 4");
    session.send(b"\r");
    session.wait_for("La ligne suivante se lit");
    for _ in 0..3 {
        session.send(b"\x1bj\r");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    session.send(b"t");
    session.wait_for("Timeline");
    session.send(b"\x03");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    let raw = session.raw.lock().expect("raw bytes").clone();
    for (intro, what) in [
        (&b"\x1b]"[..], "OSC"),
        (b"\x1bP", "DCS"),
        (b"\x1b_", "APC"),
        (b"\x1b^", "PM"),
        (b"\x1bX", "SOS"),
        ("\u{9d}".as_bytes(), "8-bit OSC"),
        ("\u{9b}".as_bytes(), "8-bit CSI"),
    ] {
        assert!(
            !raw.windows(intro.len()).any(|w| w == intro),
            "dossier wrote a {what} sequence"
        );
    }
    assert!(session.restored());
}
