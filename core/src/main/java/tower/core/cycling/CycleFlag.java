package tower.core.cycling;

/** The words of a cycle's {@code flags} list (interface.md, "Per-cycle summary"). */
public enum CycleFlag {
    /** The cycle lacks a full charge or a full discharge: CE, EE and capacity loss are NaN. */
    INCOMPLETE("incomplete"),
    /** A gap between samples longer than {@link CyclingOptions#pauseGapS()}. */
    PAUSED("paused"),
    /** Integrated and vendor capacities disagree beyond the tolerance and the absolute floor. */
    CAPACITY_MISMATCH("capacity_mismatch"),
    /** One vendor cycle holds two charges or two discharges. */
    MERGED("merged"),
    /** The current's sign contradicts the vendor's step type or state. */
    SIGN_CONFLICT("sign_conflict"),
    /** EE above 1, or CE outside 0.5–1.5. */
    IMPLAUSIBLE_EFFICIENCY("implausible_efficiency"),
    /** Charge or discharge capacity above 1.2 × the nominal capacity. */
    OVER_NOMINAL("over_nominal");

    private final String id;

    CycleFlag(String id) {
        this.id = id;
    }

    /** The word as it appears in JSON. */
    public String id() {
        return id;
    }
}
