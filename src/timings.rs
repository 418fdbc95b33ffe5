//! `--timings`: each stage's wall time beside the CPU time the whole process spent meanwhile,
//! which shows how parallel a stage is. A foundation, so every stage can be timed.

use std::time::{Duration, Instant};

/// How long each stage took, in order, for `--timings`: wall time, and the CPU time the
/// whole process spent meanwhile (on all threads), which shows how parallel a stage is.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<Lap>);

/// One stage's times.
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    /// The stage's name.
    pub stage: &'static str,
    /// Wall time.
    pub wall: Duration,
    /// CPU time of the process (user and system, all threads).
    pub cpu: Duration,
}

/// A point in time for [`Timings`]: the wall clock and the process's CPU time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    wall: Instant,
    cpu: Duration,
}

impl Clock {
    pub(crate) fn now() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: process_cpu_time(),
        }
    }
}

/// The CPU time this process has used so far, all threads, user and system.
#[cfg(unix)]
fn process_cpu_time() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `usage` is a valid, writable rusage; getrusage only writes into it.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if rc != 0 {
        return Duration::ZERO;
    }
    // SAFETY: getrusage succeeded, so it filled the structure.
    let usage = unsafe { usage.assume_init() };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, (t.tv_usec as u32) * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Elsewhere the CPU column of `--timings` shows zero.
#[cfg(not(unix))]
fn process_cpu_time() -> Duration {
    Duration::ZERO
}

impl Timings {
    /// Records the time since `*since` under `stage`, and restarts the clock.
    pub(crate) fn lap(&mut self, stage: &'static str, since: &mut Clock) {
        let now = Clock::now();
        self.0.push(Lap {
            stage,
            wall: now.wall - since.wall,
            cpu: now.cpu.saturating_sub(since.cpu),
        });
        *since = now;
    }
}
