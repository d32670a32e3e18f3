package tower.pipeline;

import tower.core.ingest.Limits;

/**
 * Settings of one {@link Pipeline}, passed in by the front door that builds it (never read from globals inside).
 *
 * @param parseThreads   threads of the one parsing pool shared by every read (1 = parse on the caller's thread)
 * @param limits         bounds against hostile input, for every read
 */
public record PipelineConfig(int parseThreads, Limits limits) {
    public PipelineConfig {
        if (parseThreads < 1) {
            throw new IllegalArgumentException("parseThreads must be at least 1");
        }
    }

    /** The processors (at most 4), or the system property {@code tower.threads}. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(tower.formats.text.ParallelTableReader.defaultThreads(), Limits.DEFAULT);
    }
}
