package tower.core.units;

/**
 * A linear conversion to the SI unit of a dimension: {@code si = value * scale + offset}.
 *
 * @param symbol the unit as written in the source header
 */
public record Unit(Dimension dimension, String symbol, double scale, double offset) {
    public double toSi(double value) {
        return value * scale + offset;
    }

    public boolean isIdentity() {
        return scale == 1.0 && offset == 0.0;
    }
}
