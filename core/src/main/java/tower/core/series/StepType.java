package tower.core.series;

import java.util.Optional;

/** Closed set of step kinds, as labelled in the BDF {@code Step Type} column. */
public enum StepType {
    REST("rest"),
    CC_CHARGE("cc_charge"),
    CV_CHARGE("cv_charge"),
    CC_DISCHARGE("cc_discharge"),
    CV_DISCHARGE("cv_discharge"),
    PULSE("pulse"),
    OCV("ocv"),
    OTHER("other");

    private static final StepType[] VALUES = values();
    private final String label;

    StepType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isCharge() {
        return this == CC_CHARGE || this == CV_CHARGE;
    }

    public boolean isDischarge() {
        return this == CC_DISCHARGE || this == CV_DISCHARGE;
    }

    public static StepType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Reads our own labels and the common vendor words (charge, discharge, rest, ...). */
    public static Optional<StepType> parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (StepType s : VALUES) {
            if (s.label.equals(t)) {
                return Optional.of(s);
            }
        }
        return switch (t) {
            case "charge", "chg", "c", "cc_chg", "cccv_chg", "cc_cv_charge", "cccv_charge" -> Optional.of(CC_CHARGE);
            case "discharge", "dchg", "d", "cc_dchg", "cc_dischg", "cccv_dchg", "cccv_discharge" -> Optional.of(CC_DISCHARGE);
            case "cv_chg" -> Optional.of(CV_CHARGE);
            case "cv_dchg", "cv_dischg" -> Optional.of(CV_DISCHARGE);
            case "rest", "r", "pause", "relaxation", "ocvrlx_up", "ocvrlx_down" -> Optional.of(REST);
            case "pulse" -> Optional.of(PULSE);
            case "ocv" -> Optional.of(OCV);
            case "" -> Optional.empty();
            default -> Optional.of(OTHER);
        };
    }
}
