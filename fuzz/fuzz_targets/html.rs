//! The HTML path (decode, parse, boilerplate rules, dates) over any bytes.
#![no_main]

use dossier::core::article::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    dossier_fuzz::assert_loads_inert("fuzz.html", Format::Html, bytes);
});
