package tower.pipeline.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;

/** The per-cycle summary in the JSON shape of interface.md. */
public final class CyclesJson {
    private CyclesJson() {
    }

    public static Map<String, Object> of(String source, String format, long rows, CycleTable table,
                                         Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("format", format);
        m.put("rows", rows);
        m.put("cycle_rule", table.cycleRule());
        m.put("ce_convention", table.ceConvention());
        m.putAll(extra);
        List<Map<String, Object>> cycles = new ArrayList<>();
        double previousDischarge = Double.NaN;
        for (CycleSummary c : table.cycles()) {
            Map<String, Object> row = cycle(c);
            // definitions §7: coulombic difference Qc − Qd, and capacity loss Qd(n−1) − Qd(n)
            row.put("coulombic_difference_ah", c.chargeCapacityAh() - c.dischargeCapacityAh());
            row.put("capacity_loss_ah", previousDischarge - c.dischargeCapacityAh());
            previousDischarge = c.dischargeCapacityAh();
            cycles.add(row);
        }
        m.put("cycles", cycles);
        return m;
    }

    public static Map<String, Object> cycle(CycleSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycle_index", c.cycleIndex());
        m.put("start_test_time_s", c.startTestTimeS());
        m.put("duration_s", c.durationS());
        m.put("charge_capacity_ah", c.chargeCapacityAh());
        m.put("discharge_capacity_ah", c.dischargeCapacityAh());
        m.put("charge_energy_wh", c.chargeEnergyWh());
        m.put("discharge_energy_wh", c.dischargeEnergyWh());
        m.put("coulombic_efficiency", c.coulombicEfficiency());
        m.put("energy_efficiency", c.energyEfficiency());
        m.put("voltage_min_v", c.voltageMinV());
        m.put("voltage_max_v", c.voltageMaxV());
        m.put("mean_charge_voltage_v", c.meanChargeVoltageV());
        m.put("mean_discharge_voltage_v", c.meanDischargeVoltageV());
        m.put("current_min_a", c.currentMinA());
        m.put("current_max_a", c.currentMaxA());
        m.put("temperature_min_c", c.temperatureMinC());
        m.put("temperature_mean_c", c.temperatureMeanC());
        m.put("temperature_max_c", c.temperatureMaxC());
        m.put("charge_duration_s", c.chargeDurationS());
        m.put("cv_time_s", c.cvTimeS());
        m.put("cv_capacity_ah", c.cvCapacityAh());
        m.put("ah_throughput", c.ahThroughput());
        m.put("vendor_charge_capacity_ah", c.vendorChargeCapacityAh());
        m.put("vendor_discharge_capacity_ah", c.vendorDischargeCapacityAh());
        m.put("samples", c.samples());
        m.put("flags", c.flags());
        return m;
    }

    /** Column order of {@code tower cycles --csv}: the JSON field names. */
    public static final List<String> CSV_FIELDS = List.of("cycle_index", "start_test_time_s", "duration_s",
            "charge_capacity_ah", "discharge_capacity_ah", "charge_energy_wh", "discharge_energy_wh",
            "coulombic_efficiency", "energy_efficiency", "voltage_min_v", "voltage_max_v", "mean_charge_voltage_v",
            "mean_discharge_voltage_v", "current_min_a", "current_max_a", "temperature_min_c", "temperature_mean_c",
            "temperature_max_c", "charge_duration_s", "cv_time_s", "cv_capacity_ah", "ah_throughput",
            "vendor_charge_capacity_ah", "vendor_discharge_capacity_ah", "samples", "coulombic_difference_ah",
            "capacity_loss_ah", "flags");
}
