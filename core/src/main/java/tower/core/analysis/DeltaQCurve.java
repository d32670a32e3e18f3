package tower.core.analysis;

import java.util.List;

/**
 * ΔQ(V) = Q_late(V) − Q_early(V) of two discharges on a common voltage grid.
 *
 * @param earlyCycleIndex  the cycle index used as the early cycle
 * @param lateCycleIndex   the cycle index used as the late cycle
 * @param voltageV         the grid, ascending
 * @param deltaQAh         ΔQ on the grid
 */
public record DeltaQCurve(long earlyCycleIndex, long lateCycleIndex, List<Double> voltageV, List<Double> deltaQAh) {
}
