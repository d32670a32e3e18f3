package tower.core.cycling;

import java.util.List;
import java.util.function.Function;

/**
 * Every field of the per-cycle summary, declared once: its JSON name (interface.md), its value kind and its
 * accessor. Printers, the store schema and the REST JSON iterate over {@link #values()} in declaration order.
 */
public enum CycleField {
    CYCLE_INDEX("cycle_index", Kind.LONG, CycleSummary::cycleIndex),
    START_TEST_TIME_S("start_test_time_s", Kind.DOUBLE, CycleSummary::startTestTimeS),
    DURATION_S("duration_s", Kind.DOUBLE, CycleSummary::durationS),
    CHARGE_CAPACITY_AH("charge_capacity_ah", Kind.DOUBLE, CycleSummary::chargeCapacityAh),
    DISCHARGE_CAPACITY_AH("discharge_capacity_ah", Kind.DOUBLE, CycleSummary::dischargeCapacityAh),
    CHARGE_ENERGY_WH("charge_energy_wh", Kind.DOUBLE, CycleSummary::chargeEnergyWh),
    DISCHARGE_ENERGY_WH("discharge_energy_wh", Kind.DOUBLE, CycleSummary::dischargeEnergyWh),
    COULOMBIC_EFFICIENCY("coulombic_efficiency", Kind.DOUBLE, CycleSummary::coulombicEfficiency),
    ENERGY_EFFICIENCY("energy_efficiency", Kind.DOUBLE, CycleSummary::energyEfficiency),
    VOLTAGE_MIN_V("voltage_min_v", Kind.DOUBLE, CycleSummary::voltageMinV),
    VOLTAGE_MAX_V("voltage_max_v", Kind.DOUBLE, CycleSummary::voltageMaxV),
    MEAN_CHARGE_VOLTAGE_V("mean_charge_voltage_v", Kind.DOUBLE, CycleSummary::meanChargeVoltageV),
    MEAN_DISCHARGE_VOLTAGE_V("mean_discharge_voltage_v", Kind.DOUBLE, CycleSummary::meanDischargeVoltageV),
    CURRENT_MIN_A("current_min_a", Kind.DOUBLE, CycleSummary::currentMinA),
    CURRENT_MAX_A("current_max_a", Kind.DOUBLE, CycleSummary::currentMaxA),
    TEMPERATURE_MIN_C("temperature_min_c", Kind.DOUBLE, CycleSummary::temperatureMinC),
    TEMPERATURE_MEAN_C("temperature_mean_c", Kind.DOUBLE, CycleSummary::temperatureMeanC),
    TEMPERATURE_MAX_C("temperature_max_c", Kind.DOUBLE, CycleSummary::temperatureMaxC),
    CHARGE_DURATION_S("charge_duration_s", Kind.DOUBLE, CycleSummary::chargeDurationS),
    CV_TIME_S("cv_time_s", Kind.DOUBLE, CycleSummary::cvTimeS),
    CV_CAPACITY_AH("cv_capacity_ah", Kind.DOUBLE, CycleSummary::cvCapacityAh),
    AH_THROUGHPUT("ah_throughput", Kind.DOUBLE, CycleSummary::ahThroughput),
    VENDOR_CHARGE_CAPACITY_AH("vendor_charge_capacity_ah", Kind.DOUBLE, CycleSummary::vendorChargeCapacityAh),
    VENDOR_DISCHARGE_CAPACITY_AH("vendor_discharge_capacity_ah", Kind.DOUBLE,
            CycleSummary::vendorDischargeCapacityAh),
    SAMPLES("samples", Kind.LONG, CycleSummary::samples),
    COULOMBIC_DIFFERENCE_AH("coulombic_difference_ah", Kind.DOUBLE, CycleSummary::coulombicDifferenceAh),
    CAPACITY_LOSS_AH("capacity_loss_ah", Kind.DOUBLE, CycleSummary::capacityLossAh),
    FLAGS("flags", Kind.FLAGS, CycleSummary::flags);

    /** How a field's value is typed: a {@code double} (NaN = unknown, JSON null), a {@code long}, an {@code int}
     *  or the list of flag words ({@link CycleFlag}). */
    public enum Kind { DOUBLE, LONG, INT, FLAGS }

    private final String jsonName;
    private final Kind kind;
    private final Function<CycleSummary, ?> accessor;

    CycleField(String jsonName, Kind kind, Function<CycleSummary, ?> accessor) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.accessor = accessor;
    }

    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    /** The value of this field in {@code c}: a {@link Double}, {@link Long}, {@link Integer} or {@code List<String>}. */
    public Object get(CycleSummary c) {
        return accessor.apply(c);
    }

    /** {@link #get} of a {@link Kind#DOUBLE} field as a primitive. */
    public double getDouble(CycleSummary c) {
        if (kind != Kind.DOUBLE) {
            throw new IllegalStateException(jsonName + " is not a double field");
        }
        return (Double) accessor.apply(c);
    }

    /** The JSON names in declaration order. */
    public static List<String> jsonNames() {
        return java.util.Arrays.stream(values()).map(CycleField::jsonName).toList();
    }

    /** The field with JSON name {@code name}. */
    public static java.util.Optional<CycleField> byJsonName(String name) {
        for (CycleField f : values()) {
            if (f.jsonName.equals(name)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Builds a row from a value per field (e.g. a stored row read back): {@code DOUBLE} fields take a
     * {@link Number} (NaN for unknown), {@code LONG}/{@code INT} a {@link Number}, {@code FLAGS} a
     * {@code List<String>}. The derived fields are recomputed when the row goes into a {@link CycleTable}.
     */
    @SuppressWarnings("unchecked")
    public static CycleSummary summary(Function<CycleField, Object> value) {
        double[] d = new double[values().length];
        for (CycleField f : values()) {
            if (f.kind == Kind.DOUBLE) {
                Object o = value.apply(f);
                d[f.ordinal()] = o instanceof Number n ? n.doubleValue() : Double.NaN;
            }
        }
        long index = ((Number) value.apply(CYCLE_INDEX)).longValue();
        long samples = ((Number) value.apply(SAMPLES)).longValue();
        Object fl = value.apply(FLAGS);
        List<String> flags = fl instanceof List<?> l ? (List<String>) l : List.of();
        return new CycleSummary(index, d[START_TEST_TIME_S.ordinal()], d[DURATION_S.ordinal()],
                d[CHARGE_CAPACITY_AH.ordinal()], d[DISCHARGE_CAPACITY_AH.ordinal()], d[CHARGE_ENERGY_WH.ordinal()],
                d[DISCHARGE_ENERGY_WH.ordinal()], d[COULOMBIC_EFFICIENCY.ordinal()], d[ENERGY_EFFICIENCY.ordinal()],
                d[VOLTAGE_MIN_V.ordinal()], d[VOLTAGE_MAX_V.ordinal()], d[MEAN_CHARGE_VOLTAGE_V.ordinal()],
                d[MEAN_DISCHARGE_VOLTAGE_V.ordinal()], d[CURRENT_MIN_A.ordinal()], d[CURRENT_MAX_A.ordinal()],
                d[TEMPERATURE_MIN_C.ordinal()], d[TEMPERATURE_MEAN_C.ordinal()], d[TEMPERATURE_MAX_C.ordinal()],
                d[CHARGE_DURATION_S.ordinal()], d[CV_TIME_S.ordinal()], d[CV_CAPACITY_AH.ordinal()],
                d[AH_THROUGHPUT.ordinal()], d[VENDOR_CHARGE_CAPACITY_AH.ordinal()],
                d[VENDOR_DISCHARGE_CAPACITY_AH.ordinal()], samples, d[COULOMBIC_DIFFERENCE_AH.ordinal()],
                d[CAPACITY_LOSS_AH.ordinal()], flags);
    }
}
