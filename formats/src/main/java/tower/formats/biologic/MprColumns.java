package tower.formats.biologic;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The column ids of an EC-Lab data module: what each id is called, how it is stored and which role it plays.
 *
 * <p>Two id dialects exist. Data modules of version 2 and 3 list little-endian 16-bit ids whose full value names the
 * column (e.g. 467 = Q charge/discharge). Version 11 modules (EC-Lab 11.50 and later) list big-endian 16-bit ids
 * whose low byte names the column and whose high byte is a variant tag (467 and 211 both mean Q charge/discharge
 * there, while 430 means Phase(Zwe-ce) only in the old dialect). Every assignment below was checked against the
 * EC-Lab text export (.mpt) of real files where one was available.
 */
final class MprColumns {
    /** Storage type of one value in a record. */
    enum Type {
        F8(8), F4(4), U4(4), U2(2), U1(1);

        final int size;

        Type(int size) {
            this.size = size;
        }
    }

    /** What a column means for the canonical series. */
    enum Role {
        TIME, EWE, ECE, EWE_ECE, EWE_AVG, EWE_AVG_OR_PHASE, I, I_AVG, DQ, CYCLE_NUMBER, NS, HALF_CYCLE, Q_HALF_CYCLE,
        ENERGY_CHARGE, ENERGY_DISCHARGE, TEMPERATURE, POWER, FREQUENCY, NONE
    }

    /** One column id's meaning. {@code unit} is EC-Lab's own unit text. */
    record Def(String name, String unit, Type type, Role role) {
    }

    /** A flag packed into the shared flags byte. */
    record Flag(String name, int mask) {
    }

    static final int FLAG_MODE = 1;
    static final int FLAG_OX_RED = 2;

    private static final Map<Integer, Flag> FLAGS = Map.of(
            1, new Flag("mode", 0x03),
            2, new Flag("ox/red", 0x04),
            3, new Flag("error", 0x08),
            21, new Flag("control changes", 0x10),
            31, new Flag("Ns changes", 0x20),
            65, new Flag("counter inc.", 0x80));

    /** Ids below 256: the same meaning in both dialects. */
    private static final Def[] LOW = new Def[256];
    /** Ids of 256 and above in the old (version 2/3) dialect. */
    private static final Map<Integer, Def> OLD_HIGH = new HashMap<>();
    /**
     * Old-dialect ids that published readers assign incompatibly (8-byte Q charge, Q discharge, step time, efficiency
     * and capacity in one, 4-byte harmonics in the other): refused rather than guessed.
     */
    private static final Set<Integer> OLD_DISPUTED = Set.of(498, 499, 500, 501, 502, 503);

    private static void low(int id, String name, String unit, Type type, Role role) {
        LOW[id] = new Def(name, unit, type, role);
    }

    private static void low(int id, String name, String unit, Type type) {
        low(id, name, unit, type, Role.NONE);
    }

    private static void old(int id, String name, String unit, Type type, Role role) {
        OLD_HIGH.put(id, new Def(name, unit, type, role));
    }

    private static void old(int id, String name, String unit, Type type) {
        old(id, name, unit, type, Role.NONE);
    }

    static {
        Type f8 = Type.F8;
        Type f4 = Type.F4;
        low(4, "time", "s", f8, Role.TIME);
        low(5, "control", "V/mA", f4);
        low(6, "Ewe", "V", f4, Role.EWE);
        low(7, "dq", "mA.h", f8, Role.DQ);
        low(8, "I", "mA", f4, Role.I);
        low(9, "Ece", "V", f4, Role.ECE);
        low(11, "<I>", "mA", f8, Role.I_AVG);
        low(13, "(Q-Qo)", "mA.h", f8);
        low(15, "Phase(Z1)", "deg", f4);
        low(16, "Analog IN 1", "V", f4);
        low(17, "Analog IN 2", "V", f4);
        low(19, "control", "V", f4);
        low(20, "control", "mA", f4);
        low(23, "dQ", "mA.h", f8);
        low(24, "cycle number", "", f8, Role.CYCLE_NUMBER);
        low(26, "Rapp", "Ohm", f4);
        low(27, "Ewe-Ece", "V", f4, Role.EWE_ECE);
        low(32, "freq", "Hz", f4, Role.FREQUENCY);
        low(33, "|Ewe|", "V", f4);
        low(34, "|I|", "A", f4);
        low(35, "Phase(Z)", "deg", f4);
        low(36, "|Z|", "Ohm", f4);
        low(37, "Re(Z)", "Ohm", f4);
        low(38, "-Im(Z)", "Ohm", f4);
        low(39, "I Range", "", Type.U2);
        low(45, "|Z1|", "Ohm", f4);
        low(46, "|Z2|", "Ohm", f4);
        low(69, "R", "Ohm", f4);
        low(70, "P", "W", f4, Role.POWER);
        low(74, "|Energy|", "W.h", f8);
        low(75, "Analog OUT", "V", f4);
        low(76, "<I>", "mA", f4, Role.I_AVG);
        low(77, "<Ewe>", "V", f4, Role.EWE_AVG);
        low(78, "Cs-2", "uF-2", f4);
        low(96, "|Ece|", "V", f4);
        low(98, "Phase(Zce)", "deg", f4);
        low(99, "|Zce|", "Ohm", f4);
        low(100, "Re(Zce)", "Ohm", f4);
        low(101, "-Im(Zce)", "Ohm", f4);
        low(105, "-Im(Z1)", "Ohm", f4);
        low(106, "-Im(Z2)", "Ohm", f4);
        low(110, "Energy ce", "W.h", f8);
        low(112, "Energy we", "W.h", f8);
        low(115, "Energy ce charge", "W.h", f8);
        low(116, "Energy ce discharge", "W.h", f8);
        low(123, "Energy charge", "W.h", f8, Role.ENERGY_CHARGE);
        low(124, "Energy discharge", "W.h", f8, Role.ENERGY_DISCHARGE);
        low(125, "Capacitance charge", "uF", f8);
        low(126, "Capacitance discharge", "uF", f8);
        low(131, "Ns", "", Type.U2, Role.NS);
        low(135, "<E1>", "V", f4);
        low(136, "<E2>", "V", f4);
        low(163, "|Estack|", "V", f4);
        low(166, "Phase(Zstack)", "deg", f4);
        low(167, "|Zstack|", "Ohm", f4);
        low(168, "Rcmp", "Ohm", f4);
        low(169, "Cs", "uF", f4);
        low(172, "Cp", "uF", f4);
        low(173, "Cp-2", "uF-2", f4);
        low(174, "<Ewe>", "V", f4, Role.EWE_AVG_OR_PHASE);
        low(175, "|Zwe-ce|", "Ohm", f4);
        low(176, "Re(Zwe-ce)", "Ohm", f4);
        low(177, "-Im(Zwe-ce)", "Ohm", f4);
        low(178, "(Q-Qo)", "C", f4);
        low(179, "dQ", "C", f4);
        low(182, "step time", "s", f8);
        low(185, "<Ece>", "V", f4);
        low(206, "Temperature", "degC", f4, Role.TEMPERATURE);
        low(211, "Q charge/discharge", "mA.h", f8, Role.Q_HALF_CYCLE);
        low(212, "half cycle", "", Type.U4, Role.HALF_CYCLE);
        low(213, "z cycle", "", Type.U4);
        low(215, "<Ece>", "V", f4);
        low(217, "THD Ewe", "%", f4);
        low(218, "THD I", "%", f4);
        low(219, "THD Ece", "%", f4);
        low(220, "NSD Ewe", "%", f4);
        low(221, "NSD I", "%", f4);
        low(222, "NSD Ece", "%", f4);
        low(223, "NSR Ewe", "%", f4);
        low(224, "NSR I", "%", f4);
        low(225, "NSR Ece", "%", f4);
        for (int h = 0; h < 6; h++) {
            low(230 + h, "|Ewe h" + (h + 2) + "|", "V", f4);
            low(236 + h, "|I h" + (h + 2) + "|", "A", f4);
            low(242 + h, "|Ece h" + (h + 2) + "|", "V", f4);
        }
        low(248, "Rac", "Ohm", f4);
        low(249, "Rdc", "Ohm", f4);
        low(253, "Acir/Dcir Control", "", Type.U1);

        old(271, "Phase(Z1)", "deg", f4);
        old(272, "Phase(Z2)", "deg", f4);
        old(301, "|Z1|", "Ohm", f4);
        old(302, "|Z2|", "Ohm", f4);
        old(326, "P", "W", f4, Role.POWER);
        old(331, "Re(Z1)", "Ohm", f4);
        old(332, "Re(Z2)", "Ohm", f4);
        old(361, "-Im(Z1)", "Ohm", f4);
        old(362, "-Im(Z2)", "Ohm", f4);
        old(379, "Energy charge", "W.h", f8, Role.ENERGY_CHARGE);
        old(391, "<E1>", "V", f4);
        old(392, "<E2>", "V", f4);
        old(422, "Phase(Zstack)", "deg", f4);
        old(423, "|Zstack|", "Ohm", f4);
        old(424, "Re(Zstack)", "Ohm", f4);
        old(425, "-Im(Zstack)", "Ohm", f4);
        old(426, "<Estack>", "V", f4);
        old(430, "Phase(Zwe-ce)", "deg", f4);
        old(431, "|Zwe-ce|", "Ohm", f4);
        old(432, "Re(Zwe-ce)", "Ohm", f4);
        old(433, "-Im(Zwe-ce)", "Ohm", f4);
        old(434, "(Q-Qo)", "C", f4);
        old(435, "dQ", "C", f4);
        old(438, "step time", "s", f8);
        old(441, "<Ece>", "V", f4);
        old(462, "Temperature", "degC", f4, Role.TEMPERATURE);
        old(467, "Q charge/discharge", "mA.h", f8, Role.Q_HALF_CYCLE);
        old(468, "half cycle", "", Type.U4, Role.HALF_CYCLE);
        old(469, "z cycle", "", Type.U4);
        old(471, "<Ece>", "V", f4);
        old(473, "THD Ewe", "%", f4);
        old(474, "THD I", "%", f4);
        old(476, "NSD Ewe", "%", f4);
        old(477, "NSD I", "%", f4);
        old(479, "NSR Ewe", "%", f4);
        old(480, "NSR I", "%", f4);
        for (int h = 0; h < 6; h++) {
            old(486 + h, "|Ewe h" + (h + 2) + "|", "V", f4);
            old(492 + h, "|I h" + (h + 2) + "|", "A", f4);
        }
        old(505, "Rdc", "Ohm", f4);
        old(509, "Acir/Dcir Control", "", Type.U1);
    }

    private MprColumns() {
    }

    /** The flag an id stands for, or null when the id is not a flag. Flags are ids below 256 in both dialects. */
    static Flag flag(int id) {
        return FLAGS.get(id);
    }

    /**
     * The meaning of a data column id, or null when it is unknown or disputed.
     *
     * @param lowByteDialect true for version 11 data modules (meaning by low byte; high byte 0..3 seen)
     */
    static Def column(int id, boolean lowByteDialect) {
        if (id < 256) {
            return LOW[id];
        }
        if (lowByteDialect) {
            return id >>> 8 <= 3 ? LOW[id & 0xFF] : null;
        }
        return OLD_DISPUTED.contains(id) ? null : OLD_HIGH.get(id);
    }

    static boolean disputed(int id, boolean lowByteDialect) {
        return !lowByteDialect && OLD_DISPUTED.contains(id);
    }
}
