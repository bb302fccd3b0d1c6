//! The heap around a load: grown in large steps while files load, free pages handed back after.
//!
//! Loading parses on every core, and glibc keeps the pages its threads freed: the parser's
//! short-lived buffers stay resident after the load (8 MB of the reader's RSS at 100k
//! articles). `malloc_trim`, which no crate wraps, hands them back once the load and the
//! timeline are done. Elsewhere than glibc it is a no-op (other allocators return memory on
//! their own terms). Capping glibc's arenas (`M_ARENA_MAX=2`) was measured too and saved
//! about 1 MB more, not worth serialising allocations on machines with more cores.

/// Give the free pages of every malloc arena back to the system (after a load, after grouping).
pub fn return_free_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim walks the allocator's own free lists; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// How far a malloc heap grows past what is asked while loading. glibc's default (128 KiB)
/// makes every loading thread's arena grow and shrink around each file's short-lived buffers:
/// 1 185 `mprotect` calls for the 10k corpus (strace), about a fifth of the load's system
/// time. 16 MiB brings that to 15; untouched pages cost no memory, and `end_load` puts the
/// default back.
const LOADING_TOP_PAD: i32 = 16 << 20;
const DEFAULT_TOP_PAD: i32 = 128 << 10;

/// Let the heap grow in large steps while files are loaded.
pub fn begin_load() {
    set_top_pad(LOADING_TOP_PAD);
}

/// Back to the default growth, and the load's free pages back to the system.
pub fn end_load() {
    set_top_pad(DEFAULT_TOP_PAD);
    return_free_heap();
}

fn set_top_pad(bytes: i32) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of glibc's allocator; it is thread-safe.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, bytes);
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = bytes;
}
