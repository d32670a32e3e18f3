package tower.formats.generic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import tower.core.series.StepType;

/**
 * A column of step labels and what each label means ({@code --step-type-column Mode --step-type-map
 * "CC_Chg=charge,CC_DChg=discharge,Rest=rest"}). Labels match ignoring case and surrounding blanks. A label the map
 * does not name is refused with its line, unless the map has a fallback entry {@code *=TYPE} (then such rows get
 * TYPE and one warning counts them, as the vendor readers do for unknown step codes).
 *
 * @param column   the file's column: its header text, or {@code #n} for the n-th column
 * @param labels   label (as written in the map) to step type, in map order
 * @param fallback the type of labels the map does not name; empty = refuse them
 */
public record StepLabels(String column, Map<String, StepType> labels, Optional<StepType> fallback) {
    /** The words a map value may use: our step type labels, and charge / discharge for their CC kinds. */
    public static final String VALUES = "charge, discharge, rest, cc_charge, cv_charge, cc_discharge, cv_discharge, "
            + "pulse, ocv, other";

    public StepLabels {
        Objects.requireNonNull(column);
        Objects.requireNonNull(fallback);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        if (column.isBlank()) {
            throw new IllegalArgumentException("--step-type-column: empty column name");
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("--step-type-map: names no label");
        }
    }

    /**
     * Parses {@code LABEL=TYPE[,LABEL=TYPE...]} (and {@code *=TYPE}); throws {@link IllegalArgumentException} with
     * a one-line reason that names the option.
     */
    public static StepLabels parse(String column, String map) {
        Map<String, StepType> labels = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        StepType fallback = null;
        for (String entry : map.split(",", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--step-type-map: expected LABEL=TYPE, found '" + entry.strip() + "'");
            }
            String label = entry.substring(0, eq).strip();
            String value = entry.substring(eq + 1).strip();
            if (label.isEmpty()) {
                throw new IllegalArgumentException("--step-type-map: no label before '=" + value + "'");
            }
            StepType type = type(value).orElseThrow(() -> new IllegalArgumentException("--step-type-map: unknown step type '"
                    + value + "' for label '" + label + "' (use " + VALUES + ")"));
            if (label.equals("*")) {
                if (fallback != null) {
                    throw new IllegalArgumentException("--step-type-map: the fallback '*' is given twice");
                }
                fallback = type;
                continue;
            }
            String previous = seen.put(key(label), label);
            if (previous != null) {
                throw new IllegalArgumentException("--step-type-map: label '" + label + "' is given twice"
                        + (previous.equals(label) ? "" : " (as '" + previous + "'; labels match ignoring case)"));
            }
            labels.put(label, type);
        }
        return new StepLabels(column, labels, Optional.ofNullable(fallback));
    }

    /** The step type a label stands for: from the map, else the fallback, else empty. */
    public Optional<StepType> typeOf(String label) {
        String k = key(label);
        for (Map.Entry<String, StepType> e : labels.entrySet()) {
            if (key(e.getKey()).equals(k)) {
                return Optional.of(e.getValue());
            }
        }
        return fallback;
    }

    /** The labels of the map, for messages. */
    public List<String> names() {
        return new ArrayList<>(labels.keySet());
    }

    static String key(String label) {
        return label.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<StepType> type(String value) {
        String t = value.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (t.equals("charge")) {
            return Optional.of(StepType.CC_CHARGE);
        }
        if (t.equals("discharge")) {
            return Optional.of(StepType.CC_DISCHARGE);
        }
        for (StepType s : StepType.values()) {
            if (s.label().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
