//! Timing with a warm-up and enough samples for a median and a 95th
//! percentile. Benchmarks report; they never assert a time, because the
//! machines they run on are shared and noisy.

use serde::Serialize;
use std::time::{Duration, Instant};

/// The timings of one operation.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub name: String,
    pub samples: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub min_ms: f64,
}

/// The value at fraction `q` (0..=1) of sorted samples, by nearest rank.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    assert!(!sorted.is_empty(), "no samples");
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// Runs `f` a few times to warm caches, then until `samples` runs or
/// `budget` have passed (at least five runs), and summarises.
pub fn time<T>(name: &str, samples: usize, budget: Duration, mut f: impl FnMut() -> T) -> Timing {
    for _ in 0..samples.clamp(1, 3) {
        std::hint::black_box(f());
    }
    let started = Instant::now();
    let mut runs = Vec::with_capacity(samples);
    while runs.len() < samples && (runs.len() < 5 || started.elapsed() < budget) {
        let t = Instant::now();
        std::hint::black_box(f());
        runs.push(t.elapsed());
    }
    summarise(name, runs)
}

pub fn summarise(name: &str, mut runs: Vec<Duration>) -> Timing {
    runs.sort();
    Timing {
        name: name.to_owned(),
        samples: runs.len(),
        median_ms: ms(quantile(&runs, 0.5)),
        p95_ms: ms(quantile(&runs, 0.95)),
        min_ms: ms(runs[0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_use_the_nearest_rank() {
        let v: Vec<Duration> = (1..=20).map(Duration::from_millis).collect();
        assert_eq!(quantile(&v, 0.5), Duration::from_millis(10));
        assert_eq!(quantile(&v, 0.95), Duration::from_millis(19));
        assert_eq!(quantile(&v, 1.0), Duration::from_millis(20));
        assert_eq!(quantile(&v[..1], 0.95), Duration::from_millis(1));
    }

    #[test]
    fn a_summary_counts_every_sample() {
        let t = summarise(
            "x",
            vec![Duration::from_millis(3), Duration::from_millis(1)],
        );
        assert_eq!(t.samples, 2);
        assert_eq!(t.min_ms, 1.0);
        assert_eq!(t.median_ms, 1.0);
    }
}
