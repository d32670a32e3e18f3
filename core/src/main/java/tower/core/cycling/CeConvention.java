package tower.core.cycling;

import java.util.Locale;

/** How coulombic efficiency is computed (definitions §7). The one used is recorded with the summary. */
public enum CeConvention {
    /** charge_first when most cycles start with a charge, else discharge_first. */
    AUTO("auto"),
    /** CE = Qd/Qc of the same cycle (full cells that start charged-first; cellpy normal mode). */
    CHARGE_FIRST("charge_first"),
    /** CEⁿ = Qdⁿ/Qcⁿ⁻¹ (cycles that start with a discharge; PyProBE). */
    DISCHARGE_FIRST("discharge_first"),
    /** CE = Qc/Qd of the same cycle (anode half-cells: delithiation over lithiation; cellpy inverted mode). */
    INVERTED("inverted");

    private final String id;

    CeConvention(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static CeConvention parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (CeConvention c : values()) {
            if (c.id.equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown CE convention '" + s + "' (auto, charge_first, discharge_first, inverted)");
    }
}
