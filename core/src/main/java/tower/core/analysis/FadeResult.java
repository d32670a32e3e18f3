package tower.core.analysis;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Fade and life of one test (definitions §8); the JSON names of {@code tower analyze} are the snake_case forms of
 * the component names. Only regular cycles make the fade curve; diagnostic and unusable cycles are listed apart.
 *
 * @param referenceCapacityAh     Q_ref (NaN when it could not be found)
 * @param referenceRule           the rule, e.g. {@code first}, {@code nominal:1.1}, {@code median:40}
 * @param referenceCycles         the cycles Q_ref was taken from (empty for nominal)
 * @param threshold               the EOL SOH threshold
 * @param soh                     SOH of every regular cycle
 * @param eolCycle                first regular cycle with SOH below the threshold
 * @param censoredAt              the last regular cycle when the threshold was not reached
 * @param kneeCycle               knee of the fade curve (see {@link #knee})
 * @param kneeOnsetCycle          onset of the knee
 * @param fadeRateAhPerCycle      slope of a least-squares line of Q_dchg against cycle over the fade window
 * @param fadeRateCycles          number of regular cycles in that window
 * @param capacityThresholdCycles first regular cycle below each SOH level, keyed "0.98", "0.95", ...
 * @param knee                    details of the knee search, with the method named
 * @param diagnosticCycles        cycles recognised as diagnostic (RPT/HPPC)
 * @param diagnosticRule          how they were recognised
 * @param excludedCycles          cycles left out for other reasons
 * @param options                 every parameter used
 * @param warnings                things the user should know (e.g. fewer cycles than a median reference asked for)
 */
public record FadeResult(double referenceCapacityAh, String referenceRule, List<Long> referenceCycles, double threshold,
                         List<SohPoint> soh, OptionalLong eolCycle, OptionalLong censoredAt, OptionalLong kneeCycle,
                         OptionalLong kneeOnsetCycle, double fadeRateAhPerCycle, int fadeRateCycles,
                         Map<String, OptionalLong> capacityThresholdCycles, KneeFit knee,
                         List<DiagnosticCycle> diagnosticCycles, String diagnosticRule,
                         List<ExcludedCycle> excludedCycles, FadeOptions options, List<String> warnings) {
}
