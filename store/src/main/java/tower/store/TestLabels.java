package tower.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a user says about the cell a test ran on, besides its id: set at ingest or later by {@code tower label}.
 *
 * @param nominalCapacityAh the cell's rated capacity
 * @param chemistry         e.g. {@code NMC811/graphite}
 * @param activeMassG       active material mass (half cells), for specific capacity
 * @param areaCm2           electrode area
 * @param temperatureC      test (chamber) temperature
 * @param tags              free {@code tag.NAME=VALUE} pairs
 */
public record TestLabels(OptionalDouble nominalCapacityAh, Optional<String> chemistry, OptionalDouble activeMassG,
                         OptionalDouble areaCm2, OptionalDouble temperatureC, Map<String, String> tags) {
    public static final TestLabels NONE = new TestLabels(OptionalDouble.empty(), Optional.empty(),
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Map.of());

    /** The label keys {@link #with} takes, besides {@code tag.NAME}. */
    public static final List<String> KEYS = List.of("nominal_capacity_ah", "chemistry", "active_mass_g", "area_cm2",
            "temperature_c");

    public TestLabels {
        Objects.requireNonNull(nominalCapacityAh);
        Objects.requireNonNull(chemistry);
        Objects.requireNonNull(activeMassG);
        Objects.requireNonNull(areaCm2);
        Objects.requireNonNull(temperatureC);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * These labels with {@code key} set to {@code value}; an empty value removes the label. Throws
     * {@link IllegalArgumentException} with a sentence for an unknown key or a value that is not a positive number
     * where one is needed.
     */
    public TestLabels with(String key, String value) {
        String v = value.strip();
        if (key.startsWith("tag.") && key.length() > 4) {
            Map<String, String> t = new LinkedHashMap<>(tags);
            if (v.isEmpty()) {
                t.remove(key.substring(4));
            } else {
                t.put(key.substring(4), v);
            }
            return new TestLabels(nominalCapacityAh, chemistry, activeMassG, areaCm2, temperatureC, t);
        }
        return switch (key) {
            case "nominal_capacity_ah" -> new TestLabels(positive(key, v), chemistry, activeMassG, areaCm2, temperatureC, tags);
            case "chemistry" -> new TestLabels(nominalCapacityAh, v.isEmpty() ? Optional.empty() : Optional.of(v),
                    activeMassG, areaCm2, temperatureC, tags);
            case "active_mass_g" -> new TestLabels(nominalCapacityAh, chemistry, positive(key, v), areaCm2, temperatureC, tags);
            case "area_cm2" -> new TestLabels(nominalCapacityAh, chemistry, activeMassG, positive(key, v), temperatureC, tags);
            case "temperature_c" -> new TestLabels(nominalCapacityAh, chemistry, activeMassG, areaCm2, number(key, v), tags);
            default -> throw new IllegalArgumentException("unknown label '" + key + "' (use cell, "
                    + String.join(", ", KEYS) + " or tag.NAME)");
        };
    }

    private static OptionalDouble number(String key, String v) {
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return OptionalDouble.of(d);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(key + " must be a number, not '" + cut(v) + "'");
    }

    private static OptionalDouble positive(String key, String v) {
        OptionalDouble d = number(key, v);
        if (d.isPresent() && !(d.getAsDouble() > 0)) {
            throw new IllegalArgumentException(key + " must be a positive number, not '" + cut(v) + "'");
        }
        return d;
    }

    private static String cut(String v) {
        return v.length() > 60 ? v.substring(0, 60) + "…" : v;
    }

    /** The labels as the JSON of {@code list --json} names them (absent labels omitted). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        nominalCapacityAh.ifPresent(d -> m.put("nominal_capacity_ah", d));
        chemistry.ifPresent(s -> m.put("chemistry", s));
        activeMassG.ifPresent(d -> m.put("active_mass_g", d));
        areaCm2.ifPresent(d -> m.put("area_cm2", d));
        temperatureC.ifPresent(d -> m.put("temperature_c", d));
        if (!tags.isEmpty()) {
            m.put("tags", tags);
        }
        return m;
    }

    static TestLabels fromMap(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return NONE;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (m.get("tags") instanceof Map<?, ?> t) {
            t.forEach((k, v) -> tags.put(String.valueOf(k), String.valueOf(v)));
        }
        return new TestLabels(num(m.get("nominal_capacity_ah")),
                m.get("chemistry") instanceof String s ? Optional.of(s) : Optional.empty(),
                num(m.get("active_mass_g")), num(m.get("area_cm2")), num(m.get("temperature_c")), tags);
    }

    private static OptionalDouble num(Object o) {
        return o instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }
}
