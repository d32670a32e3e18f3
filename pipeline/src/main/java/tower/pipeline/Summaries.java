package tower.pipeline;

import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.series.TimeSeries;

/** Per-cycle summaries recomputed from stored samples (a stored test read with other cycling options). */
public final class Summaries {
    private Summaries() {
    }

    /** The summary of a series as {@code tower cycles FILE} would compute it with these options. */
    public static CycleTable recompute(TimeSeries series, CyclingOptions options) {
        CycleSummarizer summarizer = new CycleSummarizer(options);
        // stored samples are already normalised (step count, cumulative counters): only the summary is redone
        series.replay(summarizer);
        return summarizer.result();
    }
}
