package tower.core.cycling;

import java.util.List;

/**
 * One row of the per-cycle summary. Values that cannot be known are {@code NaN} (shown as {@code null} in JSON).
 * Capacities and energies are integrated from the samples (trapezoid rule, each interval split where the current crosses zero:
 * {@link Integrator});
 * the {@code vendor*} fields are the vendor's own accumulators over the same cycle, when the file has them.
 * {@code coulombicDifferenceAh} (Qc − Qd) and {@code capacityLossAh} (Qd of the previous cycle − Qd) are derived
 * from the rows by {@link CycleTable}, so they are the same whoever builds the table. {@link CycleField} lists
 * every field with its JSON name.
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
        double coulombicDifferenceAh,
        double capacityLossAh,
        List<String> flags) {

    public CycleSummary {
        flags = List.copyOf(flags);
    }

    /** True when the cycle carries {@code flag} (one of {@link CycleFlag}'s names). */
    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    /** This row with the two derived fields replaced (see {@link CycleTable}). */
    CycleSummary withDerived(double coulombicDifference, double capacityLoss) {
        return new CycleSummary(cycleIndex, startTestTimeS, durationS, chargeCapacityAh, dischargeCapacityAh,
                chargeEnergyWh, dischargeEnergyWh, coulombicEfficiency, energyEfficiency, voltageMinV, voltageMaxV,
                meanChargeVoltageV, meanDischargeVoltageV, currentMinA, currentMaxA, temperatureMinC,
                temperatureMeanC, temperatureMaxC, chargeDurationS, cvTimeS, cvCapacityAh, ahThroughput,
                vendorChargeCapacityAh, vendorDischargeCapacityAh, samples, coulombicDifference, capacityLoss, flags);
    }
}
