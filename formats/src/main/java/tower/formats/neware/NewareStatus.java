package tower.formats.neware;

import tower.core.series.StepType;

/** Neware's step status codes (the "Status" of a record) and the canonical step type of each. */
final class NewareStatus {
    private static final String[] NAMES = new String[32];
    private static final StepType[] TYPES = new StepType[32];

    static {
        put(1, "CC_Chg", StepType.CC_CHARGE);
        put(2, "CC_DChg", StepType.CC_DISCHARGE);
        put(3, "CV_Chg", StepType.CV_CHARGE);
        put(4, "Rest", StepType.REST);
        put(5, "Cycle", StepType.OTHER);
        // CCCV steps are labelled by their CC phase; the CV phase inside is found by the cycle summariser
        put(7, "CCCV_Chg", StepType.CC_CHARGE);
        // constant power / resistance kinds have no canonical step type
        put(8, "CP_DChg", StepType.OTHER);
        put(9, "CP_Chg", StepType.OTHER);
        put(10, "CR_DChg", StepType.OTHER);
        put(13, "Pause", StepType.REST);
        put(16, "Pulse", StepType.PULSE);
        put(17, "SIM", StepType.OTHER);
        put(18, "PCCCV_Chg", StepType.OTHER);
        put(19, "CV_DChg", StepType.CV_DISCHARGE);
        put(20, "CCCV_DChg", StepType.CC_DISCHARGE);
        put(21, "Control", StepType.OTHER);
        put(22, "OCV", StepType.OCV);
        put(25, "Ramp", StepType.OTHER);
        put(26, "CPCV_DChg", StepType.OTHER);
        put(27, "CPCV_Chg", StepType.OTHER);
    }

    private NewareStatus() {
    }

    private static void put(int code, String name, StepType type) {
        NAMES[code] = name;
        TYPES[code] = type;
    }

    static boolean isKnown(int code) {
        return code >= 0 && code < NAMES.length && NAMES[code] != null;
    }

    /** Neware's name of a status code ("CC_Chg", ...), or "status N" for an unknown one. */
    static String name(int code) {
        return isKnown(code) ? NAMES[code] : "status " + code;
    }

    /** The step type; {@link StepType#OTHER} for codes without a known meaning. */
    static StepType type(int code) {
        return isKnown(code) ? TYPES[code] : StepType.OTHER;
    }
}
