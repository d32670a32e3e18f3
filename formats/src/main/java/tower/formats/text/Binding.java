package tower.formats.text;

import java.util.Set;
import tower.core.series.Quantity;

/** How one text column becomes canonical values of a {@link Row}. */
public interface Binding {
    /** Parses {@code b[s, e)} into the row; throws an exception with a short reason on a bad value. */
    void parse(byte[] b, int s, int e, Row row, Numbers numbers, boolean decimalComma);

    /** The canonical columns this binding fills. */
    Set<Quantity> produces();
}
