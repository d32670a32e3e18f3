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
 * @param capacityAh              capacity SOC is relative to; NaN = the largest of any cycle's charge or discharge
 *                                capacity and the test's net-charge swing (max − min of ∫I dt)
 */
public record PulseOptions(List<Double> timesS, double maxPulseDurationS, double minRestS, int restSamplesForCurrent,
                           double capacityAh) {
    public static final PulseOptions DEFAULT = new PulseOptions(List.of(0.1, 2.0, 3.0, 10.0, 18.0), 60, 1, 5, Double.NaN);

    public PulseOptions {
        timesS = List.copyOf(timesS);
        if (restSamplesForCurrent < 1) {
            throw new IllegalArgumentException("restSamplesForCurrent must be at least 1");
        }
    }

    public PulseOptions withMaxPulseDurationS(double s) {
        return new PulseOptions(timesS, s, minRestS, restSamplesForCurrent, capacityAh);
    }

    public PulseOptions withCapacityAh(double ah) {
        return new PulseOptions(timesS, maxPulseDurationS, minRestS, restSamplesForCurrent, ah);
    }
}
