package tower.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tower.core.series.TestMetadata;

/**
 * Prints what a reader warned about on standard error: one {@code warning:} line per kind (the text with its
 * numbers taken out) with the first occurrence and how many more there were; {@code --verbose} prints all.
 */
final class Warnings {
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
    /** Set from {@code --verbose} for this run. */
    static volatile boolean verbose;

    private Warnings() {
    }

    static void print(PrintWriter err, TestMetadata md) {
        if (md == null) {
            return;
        }
        for (String line : lines(md.sourceName(), md.warnings(), verbose)) {
            err.println(line);
        }
        err.flush();
    }

    static List<String> lines(String source, List<String> warnings, boolean all) {
        List<String> out = new ArrayList<>();
        if (all) {
            for (String w : warnings) {
                out.add("warning: " + source + ": " + w);
            }
            return out;
        }
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String w : warnings) {
            byKind.computeIfAbsent(NUMBER.matcher(w).replaceAll("#"), k -> new ArrayList<>()).add(w);
        }
        for (List<String> same : byKind.values()) {
            String line = "warning: " + source + ": " + same.get(0);
            if (same.size() > 1) {
                line += " (and " + (same.size() - 1) + " more like it; --verbose lists all)";
            }
            out.add(line);
        }
        return out;
    }
}
