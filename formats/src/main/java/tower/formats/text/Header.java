package tower.formats.text;

import java.util.Locale;

/**
 * A column header split into its name and unit: {@code Current (A)}, {@code Current(mA)}, {@code Current / A},
 * {@code I/mA}, {@code Current [A]}, {@code Voltage_V}. The unit is empty when the header has none.
 */
public record Header(String name, String unit) {
    public static Header parse(String raw) {
        String h = raw.strip();
        if (h.startsWith("\uFEFF")) {
            h = h.substring(1).strip();
        }
        if (h.endsWith(")") || h.endsWith("]")) {
            char open = h.endsWith(")") ? '(' : '[';
            int i = h.lastIndexOf(open);
            if (i > 0) {
                return new Header(h.substring(0, i).strip(), h.substring(i + 1, h.length() - 1).strip());
            }
        }
        int slash = h.lastIndexOf('/');
        if (slash > 0 && slash < h.length() - 1) {
            String unit = h.substring(slash + 1).strip();
            String name = h.substring(0, slash).strip();
            // "dV/dt" and "Chg./DChg." are names, not name/unit
            if (!unit.isEmpty() && !name.isEmpty() && !unit.contains(" ") && Character.isLetterOrDigit(name.charAt(name.length() - 1))
                    && !"dt".equals(unit) && !"dq".equalsIgnoreCase(unit) && !"dv".equalsIgnoreCase(unit)) {
                return new Header(name, unit);
            }
        }
        return new Header(h, "");
    }

    /** The name in lower case with spaces, underscores, dots and dashes removed, for matching. */
    public String key() {
        return key(name);
    }

    public static String key(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '_' && c != '.' && c != '-' && c != '\t') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
