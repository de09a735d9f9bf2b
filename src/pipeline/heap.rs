//! Handing freed memory back to the system between stages.
//!
//! glibc keeps memory freed by a thread in that thread's arena, where only
//! that arena can reuse it: after the per-article pass (rayon workers) the
//! main thread's cross-article stages grow their own arena while the
//! workers' arenas sit on freed pages, and the run's peak RSS counts both.
//! [`release_freed`] asks the allocator to return every arena's free pages
//! to the system (`malloc_trim`); elsewhere it does nothing.
//!
//! Trimming returns only whole free pages: memory freed in one arena while
//! another holds the next stage's data stays resident. So large blocks
//! (tables, sort buffers, a batch's texts) are kept out of the arenas
//! altogether ([`large_blocks_apart`]): each is mapped on its own and goes
//! back to the system the moment it is freed. glibc does that by default
//! only until the first such block is freed, then raises its threshold
//! (up to 32 MiB) and carves later ones out of the arenas, where a
//! short-lived 20 MB buffer next to a long-lived table pins its pages
//! (200 MB wire corpus: the link's band pass 183 -> 149 MB RSS, the
//! per-article pass 131 -> 112 MB, same CPU). Threads still get
//! glibc's own arenas: making them share one (`M_ARENA_MAX` = 1, tried)
//! cut the peak by 2-9% (50-200 MB corpora) but serialised every
//! allocation behind one lock, and a quiet two-core run took 30% longer.

/// Returns the allocator's free pages to the system (glibc); a no-op on
/// other platforms. Cheap next to a stage: one walk over the free lists.
pub(super) fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases pages the allocator holds free; it
    // takes no pointers and is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Blocks of at least this many bytes are mapped apart from the arenas.
const LARGE_BLOCK: usize = 256 * 1024;

/// Maps every block of at least [`LARGE_BLOCK`] bytes on its own, for the
/// whole process (glibc; a no-op elsewhere). Call once, before the work.
pub(super) fn large_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's policy for later
    // allocations; it takes no pointers and is thread-safe.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE_BLOCK as libc::c_int);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_freed_leaves_live_allocations_intact() {
        let kept: Vec<Vec<u8>> = (0..64).map(|i| vec![i as u8; 64 * 1024]).collect();
        drop((0..64).map(|_| vec![0u8; 64 * 1024]).collect::<Vec<_>>());
        release_freed();
        assert!(kept
            .iter()
            .enumerate()
            .all(|(i, v)| v.iter().all(|&b| b == i as u8)));
    }

    /// Resident memory now (Linux), in bytes.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn rss() -> usize {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let kb: usize = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().strip_suffix("kB"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap();
        kb * 1024
    }

    #[test]
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn a_freed_large_block_goes_back_even_after_a_larger_one_was_freed() {
        large_blocks_apart();
        const MB: usize = 1 << 20;
        // Left to itself glibc would now carve blocks under 30 MB out of
        // its arenas and keep them resident once freed.
        drop(std::hint::black_box(vec![1u8; 30 * MB]));
        let block = std::hint::black_box(vec![2u8; 24 * MB]);
        let held = rss();
        drop(block);
        let freed = held.saturating_sub(rss());
        assert!(freed >= 12 * MB, "only {freed} bytes went back");
    }
}
