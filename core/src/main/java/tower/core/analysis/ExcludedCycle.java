package tower.core.analysis;

/**
 * A cycle left out of the fade curve for a reason other than being diagnostic.
 *
 * @param reason {@code incomplete} (the summary flagged it) or {@code no_discharge}
 */
public record ExcludedCycle(long cycleIndex, String reason) {
}
