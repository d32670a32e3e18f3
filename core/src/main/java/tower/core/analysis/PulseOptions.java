package tower.core.analysis;

import java.util.List;

/**
 * Parameters of {@link Hppc} (definitions §10).
 *
 * @param timesS                  times after the pulse's first sample at which R is reported, besides the first
 *                                sample and the end of the pulse
 * @param maxPulseDurationS       a non-rest step after a rest lasting at most this long is a pulse
 * @param minRestS                the rest before a pulse must last at least this long
 * @param restSamplesForCurrent   I_ocv is the mean current of this many last samples of the rest (BEEP: 5)
 * @param capacityAh              capacity SOC is relative to; NaN = the measured discharge capacity of the reference
 *                                cycle (see {@link Hppc}), else the test's net-charge swing
 * @param firstSampleMaxDelayS    R(first) is reported only when the pulse's first sample lies at most this long after
 *                                the step edge (its step time, else the time since the rest's last sample)
 * @param sampleToleranceRelative R(τ) needs a sample within max(sampleToleranceS, this·τ) of τ; otherwise it is NaN
 *                                (the sampling cannot support it) rather than interpolated across a wide gap
 * @param sampleToleranceS        the absolute part of that tolerance
 * @param maxResistanceOhm        a resistance above this is flagged {@code absurd_resistance}
 */
public record PulseOptions(List<Double> timesS, double maxPulseDurationS, double minRestS, int restSamplesForCurrent,
                           double capacityAh, double firstSampleMaxDelayS, double sampleToleranceRelative,
                           double sampleToleranceS, double maxResistanceOhm) {
    public static final PulseOptions DEFAULT = new PulseOptions(List.of(0.1, 2.0, 3.0, 10.0, 18.0), 60, 1, 5, Double.NaN,
            0.2, 0.1, 0.02, 10.0);

    public PulseOptions {
        timesS = List.copyOf(timesS);
        if (restSamplesForCurrent < 1) {
            throw new IllegalArgumentException("restSamplesForCurrent must be at least 1");
        }
    }

    public PulseOptions withMaxPulseDurationS(double s) {
        return new PulseOptions(timesS, s, minRestS, restSamplesForCurrent, capacityAh, firstSampleMaxDelayS,
                sampleToleranceRelative, sampleToleranceS, maxResistanceOhm);
    }

    public PulseOptions withCapacityAh(double ah) {
        return new PulseOptions(timesS, maxPulseDurationS, minRestS, restSamplesForCurrent, ah, firstSampleMaxDelayS,
                sampleToleranceRelative, sampleToleranceS, maxResistanceOhm);
    }

    public PulseOptions withTimesS(List<Double> times) {
        return new PulseOptions(times, maxPulseDurationS, minRestS, restSamplesForCurrent, capacityAh,
                firstSampleMaxDelayS, sampleToleranceRelative, sampleToleranceS, maxResistanceOhm);
    }
}
