//! What the link did and what each phase cost, printed on stderr when
//! `CREDENCE_LINK_STATS` is set (a measuring aid: `-v` times the link as
//! one stage). CPU time is the whole process's (user + system), so it
//! stays meaningful on a loaded machine, where wall time is not; memory
//! is the process's resident set after the phase and its peak so far.

use std::time::Instant;

/// Phase timer and counters of one link run; does nothing when disabled.
pub(super) struct Stats {
    on: bool,
    wall: Instant,
    cpu: f64,
}

impl Stats {
    /// Enabled by the environment variable `CREDENCE_LINK_STATS`.
    pub(super) fn from_env() -> Stats {
        Stats {
            on: std::env::var_os("CREDENCE_LINK_STATS").is_some(),
            wall: Instant::now(),
            cpu: process_cpu(),
        }
    }

    /// Prints the time since the last phase ended, then starts the next.
    pub(super) fn phase(&mut self, name: &str) {
        if !self.on {
            return;
        }
        let cpu = process_cpu();
        eprintln!(
            "link: {name:<12} {:7.3}s wall {:7.3}s cpu {}",
            self.wall.elapsed().as_secs_f64(),
            cpu - self.cpu,
            memory()
        );
        self.wall = Instant::now();
        self.cpu = cpu;
    }

    /// Prints a counter.
    pub(super) fn count(&self, name: &str, n: usize) {
        if self.on {
            eprintln!("link: {name:<12} {n}");
        }
    }
}

/// The process's resident memory now and at its peak so far (Linux's
/// VmRSS and VmHWM), as printed after each phase; empty elsewhere.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().strip_suffix("kB"))
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(String::new(), |kb| format!("{:.1}", kb as f64 / 1024.0))
    };
    format!("rss {} MB peak {} MB", field("VmRSS:"), field("VmHWM:"))
}

/// User + system CPU seconds of the process so far (0 where unknown).
fn process_cpu() -> f64 {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let mut u = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage writes one rusage struct into the pointer given.
        let r = unsafe { libc::getrusage(libc::RUSAGE_SELF, u.as_mut_ptr()) };
        if r == 0 {
            // SAFETY: initialised by the successful call above.
            let u = unsafe { u.assume_init() };
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
            return secs(u.ru_utime) + secs(u.ru_stime);
        }
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_cpu_grows_with_work() {
        let a = process_cpu();
        let mut x = 0u64;
        let t = Instant::now();
        while t.elapsed().as_millis() < 30 {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        std::hint::black_box(x);
        let b = process_cpu();
        assert!(b >= a);
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        assert!(b > a, "{a} {b}");
    }
}
