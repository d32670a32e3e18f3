package tower.cli;

import java.io.PrintWriter;
import tower.core.series.TestMetadata;

/** Prints what a reader warned about, one {@code warning:} line each, on standard error. */
final class Warnings {
    private Warnings() {
    }

    static void print(PrintWriter err, TestMetadata md) {
        if (md == null) {
            return;
        }
        for (String w : md.warnings()) {
            err.println("warning: " + md.sourceName() + ": " + w);
        }
        err.flush();
    }
}
