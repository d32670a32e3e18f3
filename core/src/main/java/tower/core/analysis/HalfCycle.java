package tower.core.analysis;

import java.util.Locale;

/** Which half of a cycle an analysis looks at. */
public enum HalfCycle {
    DISCHARGE("discharge"),
    CHARGE("charge");

    private final String label;

    HalfCycle(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static HalfCycle parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (HalfCycle h : values()) {
            if (h.label.equals(t)) {
                return h;
            }
        }
        throw new IllegalArgumentException("half must be discharge or charge, not '" + text + "'");
    }
}
