package tower.core.analysis;

import java.util.List;

/**
 * Incremental capacity and differential voltage of one constant-current half-cycle ({@code tower dqdv --json}).
 *
 * @param cycleIndex           the cycle
 * @param half                 {@code discharge} or {@code charge}
 * @param halfCycleCapacityAh  charge passed in the constant-current steps of the half-cycle
 * @param voltageV             voltage grid (midpoints) of {@code dqdvAhPerV}
 * @param dqdvAhPerV           dQ/dV, Q being the capacity passed in the half-cycle (negative on discharge)
 * @param capacityAh           capacity grid (midpoints) of {@code dvdqVPerAh}
 * @param dvdqVPerAh           dV/dQ on that grid (negative on discharge)
 * @param peaks                peaks of |dQ/dV|, by voltage
 * @param method               the method and every parameter used
 */
public record DqdvResult(long cycleIndex, String half, double halfCycleCapacityAh, List<Double> voltageV,
                         List<Double> dqdvAhPerV, List<Double> capacityAh, List<Double> dvdqVPerAh,
                         List<DqdvPeak> peaks, DqdvMethod method) {
}
