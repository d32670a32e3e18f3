package tower.formats.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tower.core.ingest.InputException;
import tower.core.series.Quantity;
import tower.core.units.Dimension;
import tower.core.units.Unit;
import tower.core.units.Units;

/**
 * A vendor's column vocabulary: header names (matched with {@link Header#key}) mapped to a canonical quantity, its
 * dimension and the unit the vendor documents for headers that carry none. A unit written in the header always
 * wins; a unit that is not known is an error.
 */
public final class ColumnDictionary {
    /** One vocabulary entry. {@code defaultUnit} is empty when the header must carry its unit. */
    public record Entry(Quantity quantity, Dimension dimension, String defaultUnit, double sign) {
    }

    private final Map<String, Entry> byKey = new HashMap<>();

    public ColumnDictionary add(Quantity q, Dimension dim, String defaultUnit, String... names) {
        return add(q, dim, defaultUnit, 1.0, names);
    }

    public ColumnDictionary add(Quantity q, Dimension dim, String defaultUnit, double sign, String... names) {
        for (String n : names) {
            byKey.put(Header.key(n), new Entry(q, dim, defaultUnit, sign));
        }
        return this;
    }

    public Optional<Entry> lookup(Header h) {
        return Optional.ofNullable(byKey.get(h.key()));
    }

    /**
     * Binds every header found in the vocabulary to a numeric binding; other columns are ignored (null). The first
     * column for a quantity wins. Throws {@link InputException} on an unknown unit.
     */
    public Binding[] bind(String file, long headerLine, String[] headers) {
        Binding[] out = new Binding[headers.length];
        List<Quantity> seen = new ArrayList<>();
        for (int c = 0; c < headers.length; c++) {
            Header h = Header.parse(headers[c]);
            Optional<Entry> e = lookup(h);
            if (e.isEmpty() || seen.contains(e.get().quantity())) {
                continue;
            }
            Entry entry = e.get();
            out[c] = Bindings.number(entry.quantity(), unit(file, headerLine, headers[c], h, entry), entry.sign());
            seen.add(entry.quantity());
        }
        return out;
    }

    /** The unit of a header: the one it carries, else the vocabulary's default; unknown units are errors. */
    public static Unit unit(String file, long headerLine, String rawHeader, Header h, Entry entry) {
        String u = h.unit().isEmpty() ? entry.defaultUnit() : h.unit();
        if (u.isEmpty()) {
            throw InputException.atLine(file, headerLine, "column '" + rawHeader.strip() + "' has no unit");
        }
        return Units.parse(u, entry.dimension()).orElseThrow(() -> InputException.atLine(file, headerLine,
                "column '" + rawHeader.strip() + "': unknown unit '" + u + "'"));
    }
}
