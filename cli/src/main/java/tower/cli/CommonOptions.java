package tower.cli;

import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import tower.core.cycling.CeConvention;
import tower.core.cycling.CycleRule;
import tower.core.cycling.CyclingOptions;

/** Options shared by the commands that read files. */
final class CommonOptions {
    @Option(names = "--format", paramLabel = "ID", description = "Format id (see 'tower formats'); detected from content when omitted.")
    Optional<String> format = Optional.empty();

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "Mapping file for --format generic-csv (columns, units, separator, time format); see README.")
    Optional<java.nio.file.Path> mapping = Optional.empty();

    @Option(names = "--step-type-column", paramLabel = "NAME",
            description = "With --format generic-csv --mapping: the column of step labels (header text or #n), read through --step-type-map.")
    Optional<String> stepTypeColumn = Optional.empty();

    @Option(names = "--step-type-map", paramLabel = "LABEL=TYPE,...",
            description = "What each step label means, e.g. \"CC_Chg=charge,CC_DChg=discharge,Rest=rest\" (types: "
                    + tower.formats.generic.StepLabels.VALUES + "); '*=TYPE' reads other labels as TYPE, else they are refused.")
    Optional<String> stepTypeMap = Optional.empty();

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "IANA zone of the file's local wall-clock timestamps, e.g. Europe/Berlin.")
    Optional<String> timezone = Optional.empty();

    @Option(names = "--cycle-rule", paramLabel = "RULE", converter = RuleConverter.class,
            description = "vendor (default; falls back to charge_first when the file has no cycle column), charge_first, discharge_first, auto, step_wrap.")
    CycleRule cycleRule; // null = not given (a stored test then keeps the rule it was summarised with)

    @Option(names = "--ce-convention", paramLabel = "RULE", converter = CeConverter.class,
            description = "Coulombic efficiency: auto (default: by the first direction of most cycles), charge_first (Qd/Qc), discharge_first (Qd(n)/Qc(n-1)), inverted (Qc/Qd, anode half-cells).")
    CeConvention ceConvention; // null = not given

    CyclingOptions cycling() {
        return CyclingOptions.DEFAULT.withCycleRule(cycleRule == null ? CycleRule.VENDOR : cycleRule)
                .withCeConvention(ceConvention == null ? CeConvention.AUTO : ceConvention);
    }

    /** True when the user chose a cycle rule or CE convention (a stored test is then re-summarised with them). */
    boolean cyclingGiven() {
        return cycleRule != null || ceConvention != null;
    }

    static final class CeConverter implements CommandLine.ITypeConverter<CeConvention> {
        @Override
        public CeConvention convert(String value) {
            try {
                return CeConvention.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class RuleConverter implements CommandLine.ITypeConverter<CycleRule> {
        @Override
        public CycleRule convert(String value) {
            try {
                return CycleRule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
