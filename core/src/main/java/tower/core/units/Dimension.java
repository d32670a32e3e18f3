package tower.core.units;

/** The physical dimensions of the canonical columns and their SI unit symbol. */
public enum Dimension {
    TIME("s"), VOLTAGE("V"), CURRENT("A"), CHARGE("Ah"), ENERGY("Wh"), POWER("W"), RESISTANCE("ohm"),
    TEMPERATURE("degC"), DIMENSIONLESS("1");

    private final String si;

    Dimension(String si) {
        this.si = si;
    }

    public String si() {
        return si;
    }
}
