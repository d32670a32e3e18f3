package tower.core.cycling;

import java.util.List;

/**
 * The per-cycle summary of a test with the rule and parameters that produced it.
 *
 * @param cycleRule     {@code vendor} or the derivation rule used
 * @param ceConvention  {@code charge_first} (CE = Qd/Qc of the same cycle), {@code discharge_first}
 *                      (CEⁿ = Qdⁿ/Qcⁿ⁻¹) or {@code inverted} (CE = Qc/Qd, anode half-cells)
 */
public record CycleTable(String cycleRule, String ceConvention, CyclingOptions options, List<CycleSummary> cycles) {
}
