//! Timings of each init step, printed to stderr as one `portal-init step=ms ...` line when
//! `PORTAL_INIT_TIMINGS=1` (the bench reads it); otherwise nothing is kept or printed.

use std::future::Future;
use std::time::Instant;

/// Runs a function's main future to the end on one thread: Lambda hands a sandbox one request
/// at a time, so worker threads would only add their start to every cold start (see the
/// README's Performance). `multi-thread-runtime` builds Tokio's default runtime instead, for
/// the bench's comparison.
pub fn block_on<T>(
    main: impl Future<Output = Result<T, lambda_http::Error>>,
) -> Result<T, lambda_http::Error> {
    let mut builder = if cfg!(feature = "multi-thread-runtime") {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    builder.enable_all().build()?.block_on(main)
}

pub struct InitSteps {
    last: Option<Instant>,
    steps: Vec<(&'static str, f64)>,
}

impl InitSteps {
    /// Timing on when `PORTAL_INIT_TIMINGS=1`.
    pub fn from_env() -> Self {
        if std::env::var("PORTAL_INIT_TIMINGS").as_deref() == Ok("1") {
            Self::timing()
        } else {
            Self::quiet()
        }
    }

    pub fn timing() -> Self {
        Self {
            last: Some(Instant::now()),
            steps: Vec::new(),
        }
    }

    pub fn quiet() -> Self {
        Self {
            last: None,
            steps: Vec::new(),
        }
    }

    /// Ends the step called `name`: the time since the previous mark (or the start).
    pub fn mark(&mut self, name: &'static str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            self.steps
                .push((name, now.duration_since(last).as_secs_f64() * 1000.0));
            self.last = Some(now);
        }
    }

    /// The `portal-init` line, if timing.
    pub fn line(&self) -> Option<String> {
        self.last?;
        let steps: Vec<String> = self
            .steps
            .iter()
            .map(|(name, ms)| format!("{name}={ms:.3}"))
            .collect();
        Some(format!("portal-init {}", steps.join(" ")))
    }

    pub fn report(&self) {
        if let Some(line) = self.line() {
            eprintln!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_steps_print_nothing_and_timed_ones_print_each_step_in_order() {
        let mut quiet = InitSteps::quiet();
        quiet.mark("config");
        assert_eq!(quiet.line(), None);
        let mut timed = InitSteps::timing();
        timed.mark("config");
        timed.mark("clients");
        let line = timed.line().expect("a line");
        let names: Vec<&str> = line
            .trim_start_matches("portal-init ")
            .split(' ')
            .map(|s| s.split('=').next().unwrap_or(""))
            .collect();
        assert_eq!(names, ["config", "clients"]);
        assert!(line.split(' ').skip(1).all(|s| s
            .split_once('=')
            .is_some_and(|(_, ms)| ms.parse::<f64>().is_ok_and(|v| v >= 0.0))));
    }
}
