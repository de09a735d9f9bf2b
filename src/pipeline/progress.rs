//! Progress bars, one per [`Stage`], and the stage timings of a run.

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::{Duration, Instant};

/// The stages a run shows progress for, in order.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) enum Stage {
    Read,
    Segment,
    Dedup,
    Names,
    Claims,
    Score,
    Report,
}

impl Stage {
    pub(super) const ALL: [Stage; 7] = [
        Stage::Read,
        Stage::Segment,
        Stage::Dedup,
        Stage::Names,
        Stage::Claims,
        Stage::Score,
        Stage::Report,
    ];

    /// The stages of the per-article analysis after reading: a cached file
    /// counts its articles in each of them at once.
    pub(super) const ANALYSIS: [Stage; 4] =
        [Stage::Segment, Stage::Dedup, Stage::Names, Stage::Claims];

    /// What the bar of this stage says.
    pub(super) fn label(self) -> &'static str {
        match self {
            Stage::Read => "reading",
            Stage::Segment => "segmenting",
            Stage::Dedup => "deduplicating",
            Stage::Names => "checking names",
            Stage::Claims => "comparing claims",
            Stage::Score => "scoring",
            Stage::Report => "writing reports",
        }
    }
}

/// Per-stage progress bars, drawn only when asked.
pub(super) struct Progress {
    bars: Vec<ProgressBar>,
    _multi: MultiProgress,
}

impl Progress {
    pub(super) fn new(show: bool, total: u64) -> Progress {
        let multi = MultiProgress::with_draw_target(if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        });
        let style =
            ProgressStyle::with_template("{prefix:>3} {msg:<17} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        let bars = Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                let bar = multi.add(ProgressBar::new(total));
                bar.set_style(style.clone());
                bar.set_prefix(format!("{}/{}", i + 1, Stage::ALL.len()));
                bar.set_message(stage.label());
                bar
            })
            .collect();
        Progress {
            bars,
            _multi: multi,
        }
    }

    fn bar(&self, stage: Stage) -> &ProgressBar {
        &self.bars[stage as usize]
    }

    /// Counts `n` more articles done in `stage`.
    pub(super) fn inc(&self, stage: Stage, n: u64) {
        self.bar(stage).inc(n)
    }

    /// Ends the per-article pass: the analysis bars now count the `articles`
    /// found (not the files), and reading and segmenting are done.
    pub(super) fn per_article_done(&self, articles: usize) {
        for stage in Stage::ANALYSIS {
            self.bar(stage).set_length(articles as u64);
        }
        self.finish(Stage::Read);
        self.finish(Stage::Segment);
    }

    pub(super) fn finish(&self, stage: Stage) {
        let bar = self.bar(stage);
        bar.set_length(bar.length().unwrap_or(0).max(bar.position()));
        bar.finish();
    }

    pub(super) fn finish_all(&self) {
        for stage in Stage::ALL {
            self.finish(stage);
        }
    }
}

/// Wall time of each stage, in run order (see `RunSummary::timings`).
pub(super) struct Timings {
    laps: Vec<(&'static str, Duration)>,
    clock: Instant,
}

impl Timings {
    /// Starts with `summed` stages at zero: [`Timings::measure`] adds to them.
    pub(super) fn new(summed: &[&'static str]) -> Timings {
        Timings {
            laps: summed.iter().map(|&name| (name, Duration::ZERO)).collect(),
            clock: Instant::now(),
        }
    }

    /// Runs `step` and adds its wall time to the stage `name`.
    pub(super) fn measure<T>(&mut self, name: &'static str, step: impl FnOnce() -> T) -> T {
        let clock = Instant::now();
        let out = step();
        let elapsed = clock.elapsed();
        match self.laps.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += elapsed,
            None => self.laps.push((name, elapsed)),
        }
        out
    }

    /// Restarts the lap clock: the next [`Timings::lap`] counts from now.
    pub(super) fn start_laps(&mut self) {
        self.clock = Instant::now();
    }

    /// Records the time since the last lap (or start) as the stage `name`.
    pub(super) fn lap(&mut self, name: &'static str) {
        self.laps.push((name, self.clock.elapsed()));
        self.clock = Instant::now();
    }

    pub(super) fn into_vec(self) -> Vec<(&'static str, Duration)> {
        self.laps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_keep_their_order_and_labels() {
        let labels: Vec<&str> = Stage::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(
            labels,
            [
                "reading",
                "segmenting",
                "deduplicating",
                "checking names",
                "comparing claims",
                "scoring",
                "writing reports",
            ]
        );
        for (i, stage) in Stage::ALL.iter().enumerate() {
            assert_eq!(*stage as usize, i);
        }
    }

    #[test]
    fn finishing_stretches_a_bar_to_what_it_counted() {
        let progress = Progress::new(false, 2);
        progress.inc(Stage::Read, 5);
        progress.finish(Stage::Read);
        assert_eq!(progress.bar(Stage::Read).length(), Some(5));
        progress.per_article_done(9);
        assert_eq!(progress.bar(Stage::Claims).length(), Some(9));
        assert_eq!(progress.bar(Stage::Score).length(), Some(2));
    }

    #[test]
    fn measured_stages_add_up_and_laps_follow_in_order() {
        let mut timings = Timings::new(&["read", "analyze"]);
        let got = timings.measure("analyze", || 7);
        assert_eq!(got, 7);
        timings.measure("analyze", || ());
        timings.start_laps();
        timings.lap("dedup link");
        let names: Vec<&str> = timings.into_vec().iter().map(|t| t.0).collect();
        assert_eq!(names, ["read", "analyze", "dedup link"]);
    }
}
