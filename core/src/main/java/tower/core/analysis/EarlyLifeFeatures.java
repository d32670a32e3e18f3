package tower.core.analysis;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Severson et al. 2019 early-life features of one test ({@code tower features --json}).
 *
 * @param source          the test's source name
 * @param features        feature name to value, in a fixed order (NaN when it could not be computed; see
 *                        {@code missing})
 * @param missing         feature name to the reason it is NaN
 * @param regularCycles   regular cycles in the test
 * @param cyclesUsed      cycle number (as counted for the features) to the cycle index it is, for the ΔQ cycles
 * @param voltageLowV     lower end of the ΔQ voltage window used
 * @param voltageHighV    upper end
 * @param cycleLife       end-of-life cycle by the fade options (the model's label); empty when not reached
 * @param censoredAt      last regular cycle when EOL was not reached
 * @param cycleLifeRule   how the label was found, e.g. {@code soh < 0.8 with reference nominal:1.1}
 * @param conventions     statistics conventions (variance ddof, skew and kurtosis definitions, log10 of |x|)
 * @param options         every parameter used
 */
public record EarlyLifeFeatures(String source, Map<String, Double> features, Map<String, String> missing,
                                int regularCycles, Map<String, Long> cyclesUsed, double voltageLowV,
                                double voltageHighV, OptionalLong cycleLife, OptionalLong censoredAt,
                                String cycleLifeRule, String conventions, EarlyLifeOptions options) {
}
