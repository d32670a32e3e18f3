package tower.pipeline.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import tower.formats.bdf.BdfCsvWriter;
import tower.pipeline.Version;
import tower.pipeline.errors.TowerException;
import tower.store.Store;

/** Exports of a stored test; the CLI's {@code export} and the server's download both come here. */
public final class Exports {
    private Exports() {
    }

    /** Key-value metadata every Parquet export carries besides the test's own. */
    public static Map<String, String> provenance() {
        return Map.of("tower.version", Version.tower());
    }

    /** The export kind an output name asks for: {@code csv} or {@code parquet}. */
    public static String kindOf(Path output) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return "parquet";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        throw TowerException.badParameter("OUTPUT must end with .csv or .parquet");
    }

    /** Streams a stored test as BDF CSV. */
    public static void writeCsv(Store store, String testId, OutputStream out) {
        requireTest(store, testId);
        BdfCsvWriter w = new BdfCsvWriter(out);
        store.replay(testId, w);
    }

    /**
     * Writes a stored test to a file (BDF CSV or Parquet by the name), complete or not at all, with the
     * permissions the user's umask gives a new file.
     */
    public static void toFile(Store store, String testId, Path output) throws IOException {
        String kind = kindOf(output);
        requireTest(store, testId);
        if (kind.equals("parquet")) {
            Path abs = output.toAbsolutePath();
            PartFiles.requireFolder(abs.getParent());
            PartFiles.sweep(abs.getParent());
            store.exportParquet(testId, output, provenance());
            return;
        }
        Path abs = output.toAbsolutePath();
        Path tmp = PartFiles.create(abs.getParent());
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                writeCsv(store, testId, os);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            PartFiles.release(tmp);
        }
    }

    /** Every stored test as a partitioned Parquet dataset (see {@link Store#exportDataset}). */
    public static void dataset(Store store, Path dir) throws IOException {
        store.exportDataset(dir, provenance());
    }

    private static void requireTest(Store store, String testId) {
        if (store.find(testId).isEmpty()) {
            throw TowerException.unknownTest(testId, store.directory().toString());
        }
    }
}
