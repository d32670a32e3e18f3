package tower.core.analysis;

/** SOH of one regular cycle: its discharge capacity over the reference capacity. */
public record SohPoint(long cycleIndex, double dischargeCapacityAh, double soh) {
}
