package tower.core.series;

import java.util.Optional;

/**
 * The canonical columns of a time series, named by their Battery Data Format (BDF) preferred labels.
 * Every value is SI: seconds, volts, amperes (positive = charge), ampere-hours, watt-hours, ohms, degrees Celsius.
 */
public enum Quantity {
    RECORD_INDEX("Record Index / 1", Kind.INTEGER),
    TEST_TIME("Test Time / s", Kind.REAL),
    UNIX_TIME("Unix Time / s", Kind.EPOCH),
    VOLTAGE("Voltage / V", Kind.REAL),
    CURRENT("Current / A", Kind.REAL),
    CYCLE_COUNT("Cycle Count / 1", Kind.INTEGER),
    STEP_COUNT("Step Count / 1", Kind.INTEGER),
    STEP_INDEX("Step Index / 1", Kind.INTEGER),
    STEP_TYPE("Step Type", Kind.STEP_TYPE),
    STEP_TIME("Step Time / s", Kind.REAL),
    CHARGING_CAPACITY("Charging Capacity / Ah", Kind.REAL),
    DISCHARGING_CAPACITY("Discharging Capacity / Ah", Kind.REAL),
    CHARGING_ENERGY("Charging Energy / Wh", Kind.REAL),
    DISCHARGING_ENERGY("Discharging Energy / Wh", Kind.REAL),
    STEP_CHARGING_CAPACITY("Step Charging Capacity / Ah", Kind.REAL),
    STEP_DISCHARGING_CAPACITY("Step Discharging Capacity / Ah", Kind.REAL),
    STEP_CHARGING_ENERGY("Step Charging Energy / Wh", Kind.REAL),
    STEP_DISCHARGING_ENERGY("Step Discharging Energy / Wh", Kind.REAL),
    CYCLE_CHARGING_CAPACITY("Cycle Charging Capacity / Ah", Kind.REAL),
    CYCLE_DISCHARGING_CAPACITY("Cycle Discharging Capacity / Ah", Kind.REAL),
    CYCLE_CHARGING_ENERGY("Cycle Charging Energy / Wh", Kind.REAL),
    CYCLE_DISCHARGING_ENERGY("Cycle Discharging Energy / Wh", Kind.REAL),
    SCHEDULE_CHARGING_CAPACITY("Schedule Charging Capacity / Ah", Kind.REAL),
    SCHEDULE_DISCHARGING_CAPACITY("Schedule Discharging Capacity / Ah", Kind.REAL),
    SCHEDULE_CHARGING_ENERGY("Schedule Charging Energy / Wh", Kind.REAL),
    SCHEDULE_DISCHARGING_ENERGY("Schedule Discharging Energy / Wh", Kind.REAL),
    TEMPERATURE_T1("Temperature T1 / degC", Kind.REAL),
    TEMPERATURE_T2("Temperature T2 / degC", Kind.REAL),
    TEMPERATURE_T3("Temperature T3 / degC", Kind.REAL),
    TEMPERATURE_T4("Temperature T4 / degC", Kind.REAL),
    TEMPERATURE_T5("Temperature T5 / degC", Kind.REAL),
    AMBIENT_TEMPERATURE("Ambient Temperature / degC", Kind.REAL),
    INTERNAL_RESISTANCE("Internal Resistance / ohm", Kind.REAL),
    DC_INTERNAL_RESISTANCE("DC Internal Resistance / ohm", Kind.REAL),
    POWER("Power / W", Kind.REAL),
    /** Auxiliary voltage channel (not a BDF core label; BDF allows extra columns). */
    AUX_VOLTAGE("Auxiliary Voltage / V", Kind.REAL),
    /** Working electrode against the reference of a three-electrode cell (BioLogic {@code Ewe}; not a BDF core label). */
    WORKING_ELECTRODE_POTENTIAL("Working Electrode Potential / V", Kind.REAL),
    /** Counter electrode against the reference of a three-electrode cell (BioLogic {@code Ece}; not a BDF core label). */
    COUNTER_ELECTRODE_POTENTIAL("Counter Electrode Potential / V", Kind.REAL);

    /** How values of a quantity are held in a {@link Batch}. */
    public enum Kind {
        /** double, NaN when missing. */
        REAL,
        /** whole numbers held as double, NaN when missing. */
        INTEGER,
        /** UTC epoch nanoseconds held as long, {@link Batch#NO_TIME} when missing. */
        EPOCH,
        /** {@link StepType} ordinal held as byte, -1 when missing. */
        STEP_TYPE
    }

    private static final Quantity[] VALUES = values();
    private final String label;
    private final Kind kind;

    Quantity(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<Quantity> byLabel(String label) {
        String l = label.trim();
        for (Quantity q : VALUES) {
            if (q.label.equalsIgnoreCase(l)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The first temperature column: the cell temperature used by summaries. */
    public static final Quantity[] TEMPERATURES = {TEMPERATURE_T1, TEMPERATURE_T2, TEMPERATURE_T3, TEMPERATURE_T4, TEMPERATURE_T5};
}
