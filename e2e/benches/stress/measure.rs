//! What the stress runs read from Linux: the server's resident memory and open files, the
//! open-file limit, and how busy other processes keep the machine.

use std::fs;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How often [`RssSampler`] reads the server's resident memory.
const SAMPLE_EVERY: Duration = Duration::from_millis(100);

/// The process id of the `twostep-server` this process started last and still runs (a
/// [`twostep_e2e::TestServer`] is a direct child).
///
/// # Panics
/// If there is none.
pub fn server_pid() -> u32 {
    let me = std::process::id();
    let mut children: Vec<u32> = fs::read_dir("/proc")
        .expect("cannot read /proc")
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .filter(|pid| {
            let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
            let Ok(cmdline) = fs::read(format!("/proc/{pid}/cmdline")) else { return false };
            // `pid (comm) state ppid ...`: the name may hold spaces, the fields after it do not.
            let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
            let parent = after_name.split_whitespace().nth(1).and_then(|p| p.parse().ok());
            stat.contains("(twostep-server)")
                && parent == Some(me)
                && cmdline.split(|b| *b == 0).any(|arg| arg == b"--listen")
        })
        .collect();
    children.sort_unstable();
    *children.last().expect("no twostep-server started by this process is running")
}

/// The resident memory (`VmRSS`) of process `pid` in bytes, if it still runs.
pub fn rss(pid: u32) -> Option<u64> {
    status_bytes(pid, "VmRSS:")
}

/// The part of `pid`'s resident memory that is its own (`RssAnon`: heap, stacks), without the
/// files it maps. The reference server maps its database file once per pooled connection, and
/// `VmRSS` counts those pages once per mapping although they are one copy in the page cache.
pub fn anonymous(pid: u32) -> Option<u64> {
    status_bytes(pid, "RssAnon:")
}

/// A `/proc/<pid>/status` line given in kB, in bytes.
fn status_bytes(pid: u32, field: &str) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// How many files (sockets included) process `pid` holds open, if it can be read.
pub fn open_files(pid: u32) -> Option<usize> {
    Some(fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count())
}

/// Reads the server's resident memory every 100 ms on a thread of its own, until stopped.
#[derive(Debug)]
pub struct RssSampler {
    done: Arc<AtomicBool>,
    thread: JoinHandle<Vec<(Duration, u64)>>,
    began: Instant,
}

impl RssSampler {
    /// Starts sampling process `pid`. When `cap` is given and the memory passes it, `over`
    /// is set (a run that must not exhaust the machine stops on it).
    pub fn start(pid: u32, cap: Option<(u64, Arc<AtomicBool>)>) -> Self {
        let done = Arc::new(AtomicBool::new(false));
        let began = Instant::now();
        let thread = {
            let done = Arc::clone(&done);
            thread::spawn(move || {
                let mut samples = Vec::new();
                while !done.load(Ordering::Relaxed) {
                    let Some(bytes) = rss(pid) else { break };
                    samples.push((began.elapsed(), bytes));
                    if let Some((limit, over)) = &cap
                        && bytes > *limit
                    {
                        over.store(true, Ordering::Relaxed);
                    }
                    thread::sleep(SAMPLE_EVERY);
                }
                samples
            })
        };
        Self { done, thread, began }
    }

    /// When sampling began.
    pub fn began(&self) -> Instant {
        self.began
    }

    /// Stops sampling; the samples as (time since the start, bytes).
    pub fn stop(self) -> Samples {
        self.done.store(true, Ordering::Relaxed);
        Samples(self.thread.join().unwrap_or_default())
    }
}

/// Resident memory samples: (time since sampling began, bytes).
#[derive(Debug)]
pub struct Samples(pub Vec<(Duration, u64)>);

impl Samples {
    /// The highest sample, and when it was taken.
    pub fn peak(&self) -> Option<(Duration, u64)> {
        self.0.iter().copied().max_by_key(|(_, bytes)| *bytes)
    }
}

/// The soft and hard limits on open files of this process.
pub fn open_file_limits() -> (u64, u64) {
    let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `getrlimit` writes into the struct it is given, which lives for the call.
    let read = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut limit) };
    assert_eq!(read, 0, "getrlimit(RLIMIT_NOFILE) failed");
    (limit.rlim_cur, limit.rlim_max)
}

/// Sets this process's soft limit on open files (at most the hard limit); the processes it
/// starts afterwards inherit it.
pub fn set_open_file_limit(soft: u64) {
    let (_, hard) = open_file_limits();
    let limit = libc::rlimit { rlim_cur: soft.min(hard), rlim_max: hard };
    // SAFETY: `setrlimit` only reads the struct it is given, which lives for the call.
    let set = unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raw const limit) };
    assert_eq!(set, 0, "setrlimit(RLIMIT_NOFILE, {soft}) failed");
}

/// CPU time of the whole machine and of this process with its children (every server it
/// started and waited for), in clock ticks: their difference over a stretch of time is what
/// other processes used (compilers running beside the run, say).
#[derive(Clone, Copy, Debug)]
pub struct CpuTimes {
    busy: u64,
    total: u64,
    own: u64,
}

impl CpuTimes {
    /// The counters now.
    pub fn now() -> Self {
        let stat = fs::read_to_string("/proc/stat").unwrap_or_default();
        let fields: Vec<u64> = stat
            .lines()
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .skip(1)
            .filter_map(|field| field.parse().ok())
            .collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or(0);
        // user nice system idle iowait irq softirq steal
        let busy = field(0) + field(1) + field(2) + field(5) + field(6) + field(7);
        let total = busy + field(3) + field(4);
        let own = fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|stat| {
                let rest = stat.rsplit_once(')')?.1.to_owned();
                // After the name: state is field 3; utime, stime, cutime, cstime are 14 to 17.
                let fields: Vec<u64> = rest
                    .split_whitespace()
                    .skip(11)
                    .take(4)
                    .filter_map(|f| f.parse().ok())
                    .collect();
                Some(fields.iter().sum())
            })
            .unwrap_or(0);
        Self { busy, total, own }
    }

    /// The share of the machine's CPU time (0 to 1) that other processes used since `earlier`.
    /// Only the servers this process has waited for (stopped) count as its own.
    pub fn others_since(&self, earlier: &CpuTimes) -> f64 {
        let total = self.total.saturating_sub(earlier.total);
        let others = self
            .busy
            .saturating_sub(earlier.busy)
            .saturating_sub(self.own.saturating_sub(earlier.own));
        if total == 0 { 0.0 } else { others as f64 / total as f64 }
    }
}

/// The 1-minute load average and the number of CPUs.
pub fn load() -> (f64, usize) {
    let load = fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    (load, thread::available_parallelism().map_or(1, usize::from))
}

/// The memory the machine has available now (`MemAvailable`), in bytes.
pub fn available_memory() -> u64 {
    let info = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    info.lines()
        .find(|line| line.starts_with("MemAvailable:"))
        .and_then(|line| line.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}
