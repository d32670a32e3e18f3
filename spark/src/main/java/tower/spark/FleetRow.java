package tower.spark;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the fleet table: a test at a glance (the columns are the snake_case component names).
 *
 * @param sohNow               SOH of the last regular cycle (NaN when there is none)
 * @param eolCycle             first regular cycle below the EOL threshold
 * @param censoredAt           the last regular cycle when EOL was not reached
 * @param fadeRateAhPerCycle   fade rate of {@code tower analyze}
 * @param cycleLife            the early-life features' label (EOL by the same rule)
 */
public record FleetRow(String source, String format, String contentHash, long rows, long cycles, int regularCycles,
                       double sohNow, OptionalLong eolCycle, OptionalLong censoredAt, OptionalLong kneeCycle,
                       OptionalLong kneeOnsetCycle, double fadeRateAhPerCycle, double referenceCapacityAh,
                       OptionalLong cycleLife, String cycleRule, String ceConvention, Optional<String> timezone,
                       List<String> flags, List<String> warnings) {
}
