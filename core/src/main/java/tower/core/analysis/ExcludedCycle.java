package tower.core.analysis;

/**
 * A cycle left out of the fade curve for a reason other than being diagnostic.
 *
 * @param reason the summary's flags that exclude it ({@code incomplete}, {@code merged}, {@code sign_conflict},
 *               {@code implausible_efficiency}; several joined by ", "), or {@code no_discharge}
 */
public record ExcludedCycle(long cycleIndex, String reason) {
}
