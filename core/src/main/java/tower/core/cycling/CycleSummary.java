package tower.core.cycling;

import java.util.List;

/**
 * One row of the per-cycle summary. Values that cannot be known are {@code NaN} (shown as {@code null} in JSON).
 * Capacities and energies are integrated from the samples (trapezoid rule, split by the sign of the current);
 * the {@code vendor*} fields are the vendor's own accumulators over the same cycle, when the file has them.
 */
public record CycleSummary(
        long cycleIndex,
        double startTestTimeS,
        double durationS,
        double chargeCapacityAh,
        double dischargeCapacityAh,
        double chargeEnergyWh,
        double dischargeEnergyWh,
        double coulombicEfficiency,
        double energyEfficiency,
        double voltageMinV,
        double voltageMaxV,
        double meanChargeVoltageV,
        double meanDischargeVoltageV,
        double currentMinA,
        double currentMaxA,
        double temperatureMinC,
        double temperatureMeanC,
        double temperatureMaxC,
        double chargeDurationS,
        double cvTimeS,
        double cvCapacityAh,
        double ahThroughput,
        double vendorChargeCapacityAh,
        double vendorDischargeCapacityAh,
        long samples,
        List<String> flags) {
}
