package tower.pipeline;

import java.util.Optional;
import tower.core.cycling.CycleTable;
import tower.core.cycling.StepTable;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;
import tower.store.StoredTest;

/**
 * A whole test in memory for analyses: from a file, or from the store.
 *
 * @param stored   the stored test, when it came from the store
 * @param source   the source file name
 * @param format   the reader id
 * @param metadata reader metadata (warnings, flags)
 */
public record LoadedTest(Optional<StoredTest> stored, String source, String format, TestMetadata metadata,
                         TimeSeries series, CycleTable cycles, StepTable steps) {
}
