package tower.core.cycling;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-cycle summary of a test with the rule and parameters that produced it. The derived fields of each row
 * are computed here (definitions §7): {@code coulombic_difference_ah} = Qc − Qd, and {@code capacity_loss_ah} =
 * Qdⁿ⁻¹ − Qdⁿ, which is NaN for the first row and whenever this or the previous row is {@code incomplete}.
 *
 * @param cycleRule     {@code vendor} or the derivation rule used
 * @param ceConvention  {@code charge_first} (CE = Qd/Qc of the same cycle), {@code discharge_first}
 *                      (CEⁿ = Qdⁿ/Qcⁿ⁻¹) or {@code inverted} (CE = Qc/Qd, anode half-cells)
 */
public record CycleTable(String cycleRule, String ceConvention, CyclingOptions options, List<CycleSummary> cycles) {
    public CycleTable {
        List<CycleSummary> rows = new ArrayList<>(cycles.size());
        CycleSummary previous = null;
        for (CycleSummary c : cycles) {
            double loss = previous == null || previous.hasFlag(CycleFlag.INCOMPLETE.id())
                    || c.hasFlag(CycleFlag.INCOMPLETE.id())
                    ? Double.NaN : previous.dischargeCapacityAh() - c.dischargeCapacityAh();
            rows.add(c.withDerived(c.chargeCapacityAh() - c.dischargeCapacityAh(), loss));
            previous = c;
        }
        cycles = List.copyOf(rows);
    }
}
