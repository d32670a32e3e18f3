package tower.core.cycling;

import java.util.Locale;

/** How cycle numbers are assigned to samples. */
public enum CycleRule {
    /** The vendor's own cycle number, kept as it is. */
    VENDOR("vendor"),
    /** A new cycle starts at the first charge after any discharge. */
    CHARGE_FIRST("charge_first"),
    /** A new cycle starts at the first discharge after any charge. */
    DISCHARGE_FIRST("discharge_first"),
    /** The first non-rest state decides between charge_first and discharge_first. */
    AUTO("auto"),
    /** A new cycle starts when the vendor step id decreases. */
    STEP_WRAP("step_wrap");

    private final String id;

    CycleRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static CycleRule parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (CycleRule r : values()) {
            if (r.id.equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown cycle rule '" + s + "' (vendor, charge_first, discharge_first, auto, step_wrap)");
    }
}
