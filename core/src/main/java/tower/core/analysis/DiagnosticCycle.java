package tower.core.analysis;

/**
 * A cycle recognised as a diagnostic (RPT or HPPC) cycle by its step signature; kept out of the fade curve.
 *
 * @param cycleIndex          the cycle
 * @param kind                {@code hppc} (current pulses after rests) or {@code low_rate} (an RPT-like slow cycle)
 * @param signature           what was measured, e.g. {@code discharge 0.11 A vs median 1.1 A}
 * @param dischargeCapacityAh its discharge capacity
 * @param soh                 its discharge capacity over the same reference capacity
 */
public record DiagnosticCycle(long cycleIndex, String kind, String signature, double dischargeCapacityAh, double soh) {
}
