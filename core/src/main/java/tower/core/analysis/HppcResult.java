package tower.core.analysis;

import java.util.List;

/**
 * Pulse resistances (DCIR) and HPPC results of one test ({@code tower hppc --json}).
 *
 * @param resistanceRule   how R was computed
 * @param pulseRule        how pulses were found
 * @param socRule          how SOC was assigned
 * @param capacityAh       the capacity SOC is relative to (NaN when none could be found: SOC is then NaN)
 * @param capacitySource   {@code option}, or how it was derived from the data
 * @param options          every parameter used
 * @param pulses           the pulses in time order
 * @param warnings         what the user should know (flagged resistances, times the sampling cannot support)
 */
public record HppcResult(String resistanceRule, String pulseRule, String socRule, double capacityAh,
                         String capacitySource, PulseOptions options, List<Pulse> pulses, List<String> warnings) {
}
