//! Lambda's CPU share at each memory size, as a cgroup v1 CPU quota on every function process
//! (never on the bench, its TLS proxy or moto: those are AWS's side). Lambda gives a function
//! CPU in proportion to its memory, one full vCPU at 1,769 MB.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The memory size that buys one full vCPU.
pub const FULL_VCPU_MB: u32 = 1769;

/// The sizes measured unless `BENCH_SIZES` lists others.
pub const SIZES: [u32; 5] = [128, 256, 512, 1024, 1769];

/// The CFS period. Lambda does not publish its own; 20 ms is the shortest round period for
/// which the 128 MB slice (20 ms × 128/1769 = 1.45 ms) stays above the kernel's 1 ms minimum
/// quota, and a short period spreads the throttling finely: a process never stalls longer than
/// 18.6 ms at a time, so a 10 ms init sees the average share rather than the luck of where it
/// falls in the period (the kernel's default 100 ms would let it run 7.2 ms, then stall 93 ms).
pub const PERIOD_US: u64 = 20_000;

const CPU_CONTROLLER: &str = "/sys/fs/cgroup/cpu";

/// One cgroup per memory size under a cgroup of this run, removed when dropped.
pub struct Quotas {
    run: Option<PathBuf>,
    sizes: Vec<Quota>,
    /// Why there is no quota, when there is none.
    pub fallback: Option<String>,
}

/// A memory size and, when the cgroup could be made, the cgroup holding its share.
#[derive(Clone)]
pub struct Quota {
    pub mb: u32,
    cgroup: Option<PathBuf>,
    /// `BENCH_INIT_FULL_CPU=1`: the process joins the quota only once its init is done, as
    /// Lambda runs init with a full CPU whatever the memory size.
    init_full_cpu: bool,
}

fn init_full_cpu() -> bool {
    std::env::var("BENCH_INIT_FULL_CPU").as_deref() == Ok("1")
}

impl Quotas {
    /// Makes the cgroups; without root or the v1 CPU controller, says so on stderr and
    /// returns sizes without quota, so the bench still runs (at full CPU).
    pub fn create(sizes: &[u32]) -> Self {
        let run = Path::new(CPU_CONTROLLER).join(format!("portal-bench-{}", std::process::id()));
        match make(&run, sizes) {
            Ok(sizes) => Self {
                run: Some(run),
                sizes,
                fallback: None,
            },
            Err(err) => {
                let _ = remove(&run, sizes);
                let why = format!(
                    "no CPU quota: could not set up {} ({err}); the bench needs root and cgroup v1's CPU controller, and runs every size at full CPU without them",
                    run.display()
                );
                eprintln!("note: {why}");
                Self {
                    run: None,
                    sizes: sizes
                        .iter()
                        .map(|&mb| Quota {
                            mb,
                            cgroup: None,
                            init_full_cpu: false,
                        })
                        .collect(),
                    fallback: Some(why),
                }
            }
        }
    }

    pub fn sizes(&self) -> &[Quota] {
        &self.sizes
    }
}

impl Drop for Quotas {
    fn drop(&mut self) {
        if let Some(run) = &self.run {
            let sizes: Vec<u32> = self.sizes.iter().map(|q| q.mb).collect();
            if let Err(err) = remove(run, &sizes) {
                eprintln!("note: could not remove {}: {err}", run.display());
            }
        }
    }
}

fn make(run: &Path, sizes: &[u32]) -> std::io::Result<Vec<Quota>> {
    std::fs::create_dir(run)?;
    sizes
        .iter()
        .map(|&mb| {
            let cgroup = run.join(mb.to_string());
            std::fs::create_dir(&cgroup)?;
            std::fs::write(cgroup.join("cpu.cfs_period_us"), PERIOD_US.to_string())?;
            std::fs::write(cgroup.join("cpu.cfs_quota_us"), quota_us(mb).to_string())?;
            // No credit carried over from idle periods (absent on older kernels).
            let burst = cgroup.join("cpu.cfs_burst_us");
            if burst.exists() {
                std::fs::write(burst, "0")?;
            }
            Ok(Quota {
                mb,
                cgroup: Some(cgroup),
                init_full_cpu: init_full_cpu(),
            })
        })
        .collect()
}

/// Removes the size cgroups, then the run's. A killed child leaves its cgroup a moment after
/// `kill`, so each removal is retried briefly.
fn remove(run: &Path, sizes: &[u32]) -> std::io::Result<()> {
    let rmdir = |dir: &Path| -> std::io::Result<()> {
        let mut last = Ok(());
        for _ in 0..50 {
            match std::fs::remove_dir(dir) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
                Err(e) => last = Err(e),
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        last
    };
    for mb in sizes {
        rmdir(&run.join(mb.to_string()))?;
    }
    rmdir(run)
}

/// CPU microseconds per period at `mb`: Lambda's share of one vCPU.
pub fn quota_us(mb: u32) -> u64 {
    (PERIOD_US * u64::from(mb) + u64::from(FULL_VCPU_MB) / 2) / u64::from(FULL_VCPU_MB)
}

impl Quota {
    /// Runs the child in this size's cgroup from its first instruction: it joins between
    /// fork and exec, so no part of its init runs outside the quota.
    pub fn apply(&self, command: &mut tokio::process::Command) -> std::io::Result<()> {
        let Some(cgroup) = self.cgroup.as_ref().filter(|_| !self.init_full_cpu) else {
            return Ok(());
        };
        // Built before fork: between fork and exec only async-signal-safe calls are allowed.
        let procs = CString::new(cgroup.join("cgroup.procs").as_os_str().as_bytes())?;
        // SAFETY: the closure only calls open, write and close (async-signal-safe) on memory
        // allocated before the fork; "0" names the writing process, i.e. the child itself.
        unsafe {
            command.pre_exec(move || {
                let fd = libc::open(procs.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
                if fd < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                let written = libc::write(fd, b"0".as_ptr().cast(), 1);
                let error = std::io::Error::last_os_error();
                libc::close(fd);
                if written == 1 {
                    Ok(())
                } else {
                    Err(error)
                }
            });
        }
        Ok(())
    }

    /// With `BENCH_INIT_FULL_CPU=1`, moves the process (every thread) into this size's cgroup
    /// once its init is done; otherwise it joined at exec.
    pub fn after_init(&self, pid: Option<u32>) -> std::io::Result<()> {
        match (&self.cgroup, pid) {
            (Some(cgroup), Some(pid)) if self.init_full_cpu => {
                std::fs::write(cgroup.join("cgroup.procs"), pid.to_string())
            }
            _ => Ok(()),
        }
    }

    /// Whether a quota is applied (false in the fallback).
    pub fn limited(&self) -> bool {
        self.cgroup.is_some()
    }

    /// E.g. `128 MB (7.2% of a vCPU: 1447 µs every 20 ms)`, or `128 MB (no quota)`.
    pub fn label(&self) -> String {
        if self.limited() {
            format!(
                "{} MB ({:.1}% of a vCPU: {} µs every {} ms{})",
                self.mb,
                100.0 * quota_us(self.mb) as f64 / PERIOD_US as f64,
                quota_us(self.mb),
                PERIOD_US / 1000,
                if self.init_full_cpu {
                    "; init at full CPU"
                } else {
                    ""
                }
            )
        } else {
            format!("{} MB (no quota)", self.mb)
        }
    }

    /// The kernel's throttling counts for this size so far: proof the quota bit.
    pub fn throttling(&self) -> Option<String> {
        let stat = std::fs::read_to_string(self.cgroup.as_ref()?.join("cpu.stat")).ok()?;
        let field = |name: &str| -> Option<u64> {
            stat.lines()
                .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
        };
        let periods = field("nr_periods ")?;
        let throttled = field("nr_throttled ")?;
        let time_ns = field("throttled_time ")?;
        Some(format!(
            "throttled in {throttled} of {periods} periods, {:.1} s in all",
            time_ns as f64 / 1e9
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_size_gets_its_share_of_one_vcpu_per_period() {
        assert_eq!(quota_us(128), 1447);
        assert_eq!(quota_us(512), 5789);
        assert_eq!(quota_us(FULL_VCPU_MB), PERIOD_US);
        // The kernel refuses a quota under 1 ms.
        assert!(SIZES.iter().all(|&mb| quota_us(mb) >= 1000));
    }
}
