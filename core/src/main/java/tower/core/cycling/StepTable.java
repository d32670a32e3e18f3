package tower.core.cycling;

import java.util.List;

/** The steps of a test with the classification thresholds that were used. */
public record StepTable(double restCurrentA, CyclingOptions options, List<StepSummary> steps) {
}
