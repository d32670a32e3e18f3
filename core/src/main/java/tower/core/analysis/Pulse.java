package tower.core.analysis;

import java.util.List;
import java.util.Map;

/**
 * One current pulse after a rest and its resistances R(t) = (V(t) − V_ocv)/(I(t) − I_ocv).
 *
 * @param number             1-based, in time order
 * @param stepCount          the pulse's {@code Step Count}
 * @param cycleIndex         the cycle it lies in
 * @param direction          {@code charge} or {@code discharge}
 * @param startTestTimeS     test time of its first sample (t = 0 for the times below)
 * @param durationS          first to last sample
 * @param currentA           mean current of the pulse
 * @param restVoltageV       V_ocv: last sample of the preceding rest
 * @param restCurrentA       I_ocv: mean of the rest's last samples
 * @param restDurationS      length of that rest
 * @param soc                state of charge at the pulse start (see {@link HppcResult#socRule()})
 * @param resistanceOhm      R at {@code first} (first sample), {@code 0.1s}, {@code 2s}, ... and {@code end}; NaN
 *                           where the pulse is shorter than the time or the sampling cannot support it
 * @param missing            why each NaN in {@code resistanceOhm} is NaN, by the same keys
 * @param ohmicOhm           R(first)
 * @param chargeTransferOhm  R(2 s) − R(first)
 * @param polarisationOhm    R(end) − R(2 s)
 * @param flags              {@code negative_resistance}, {@code absurd_resistance} (above
 *                           {@link PulseOptions#maxResistanceOhm()})
 */
public record Pulse(int number, long stepCount, long cycleIndex, String direction, double startTestTimeS,
                    double durationS, double currentA, double restVoltageV, double restCurrentA, double restDurationS,
                    double soc, Map<String, Double> resistanceOhm, Map<String, String> missing, double ohmicOhm,
                    double chargeTransferOhm, double polarisationOhm, List<String> flags) {
    public Pulse {
        flags = List.copyOf(flags);
    }
}
