package tower.core.cycling;

import tower.core.series.StepType;

/**
 * One step of a test: a run of samples with the same {@code Step Count}. Capacities are integrated from the
 * samples; {@code typeSource} says whether the type is the vendor's ({@code vendor}) or ours ({@code rules}).
 */
public record StepSummary(
        long stepCount,
        double vendorStepIndex,
        double cycleCount,
        StepType type,
        String typeSource,
        int firstRow,
        int rows,
        double startTestTimeS,
        double durationS,
        double currentMeanA,
        double currentFirstA,
        double currentLastA,
        double currentMinA,
        double currentMaxA,
        double voltageFirstV,
        double voltageLastV,
        double voltageMinV,
        double voltageMaxV,
        double chargeCapacityAh,
        double dischargeCapacityAh) {

    public boolean isRest() {
        return type == StepType.REST || type == StepType.OCV;
    }
}
