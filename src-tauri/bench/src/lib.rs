//! Followthrough's benchmarks, apart from the app so that nothing here ships:
//! [`generate`] writes realistic trackers at a scale through the core's own
//! API, and [`measure`] times operations for a median and a 95th
//! percentile. The binary (`src/main.rs`) runs the core's operations on
//! them; `scripts/bench.sh` adds the window's start-up and memory and
//! writes `docs/PERFORMANCE.md`.

pub mod generate;
pub mod measure;
