package tower.pipeline.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tower.core.cycling.CycleField;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;

/** The per-cycle summary in the JSON shape of interface.md. */
public final class CyclesJson {
    private CyclesJson() {
    }

    public static Map<String, Object> of(String source, String format, long rows, CycleTable table,
                                         Map<String, Object> extra) {
        return of(source, format, rows, table, extra, java.util.OptionalDouble.empty());
    }

    /**
     * With an active mass, every cycle also has {@code charge_specific_capacity_mah_g} and
     * {@code discharge_specific_capacity_mah_g} (capacity in mAh per gram of active material).
     */
    public static Map<String, Object> of(String source, String format, long rows, CycleTable table,
                                         Map<String, Object> extra, java.util.OptionalDouble activeMassG) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("format", format);
        m.put("rows", rows);
        m.put("cycle_rule", table.cycleRule());
        m.put("ce_convention", table.ceConvention());
        m.putAll(extra);
        List<Map<String, Object>> cycles = new ArrayList<>();
        for (CycleSummary c : table.cycles()) {
            Map<String, Object> row = cycle(c);
            if (activeMassG.isPresent()) {
                double g = activeMassG.getAsDouble();
                row.put("charge_specific_capacity_mah_g", c.chargeCapacityAh() * 1000 / g);
                row.put("discharge_specific_capacity_mah_g", c.dischargeCapacityAh() * 1000 / g);
            }
            cycles.add(row);
        }
        m.put("cycles", cycles);
        return m;
    }

    /** One cycle as a JSON object: every {@link CycleField}, in declaration order. */
    public static Map<String, Object> cycle(CycleSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (CycleField f : CycleField.values()) {
            m.put(f.jsonName(), f.get(c));
        }
        return m;
    }

    /**
     * The cycle table as CSV ({@code tower cycles --csv}, the dashboard's download): a header of the JSON field
     * names, one line per cycle, unknown values empty, flags joined by {@code ;}.
     */
    @SuppressWarnings("unchecked")
    public static String csv(List<Map<String, Object>> cycles) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", CSV_FIELDS)).append('\n');
        for (Map<String, Object> c : cycles) {
            StringBuilder b = new StringBuilder();
            for (String f : CSV_FIELDS) {
                if (b.length() > 0) {
                    b.append(',');
                }
                Object v = c.get(f);
                if (v instanceof List<?> l) {
                    b.append(String.join(";", (List<String>) l));
                } else if (v instanceof Double d) {
                    if (!d.isNaN()) {
                        b.append(d);
                    }
                } else if (v != null) {
                    b.append(v);
                }
            }
            out.append(b).append('\n');
        }
        return out.toString();
    }

    /** Column order of {@code tower cycles --csv}: the JSON field names. */
    public static final List<String> CSV_FIELDS = CycleField.jsonNames();
}
