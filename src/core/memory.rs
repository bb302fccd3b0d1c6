//! Handing the heap's free pages back to the system.
//!
//! Loading parses on every core, and glibc gives each thread an arena of its own: the parser's
//! short-lived buffers stay resident in those arenas after the load, as a third of the corpus's
//! size in RSS at 100k articles. Two calls fix most of it, which no crate wraps: fewer arenas
//! before the threads start, and `malloc_trim` once the load and the timeline are done.
//! Elsewhere than glibc both are no-ops (other allocators return memory on their own terms).

/// Cap glibc's malloc arenas at two (one per core of the target machine); call before any
/// thread starts. Threads beyond that share arenas, so their freed buffers get reused.
pub fn limit_heap_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Give the free pages of every arena back to the system (after a load, after grouping).
pub fn return_free_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim walks the allocator's own free lists; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
