package tower.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tower.core.cycling.CyclingOptions;
import tower.core.ingest.Progress;
import tower.store.ContentHash;
import tower.store.IngestRequest;
import tower.store.ParquetSink;
import tower.store.Store;

/** The store half of {@code tower bench}: convert to Parquet and ingest into a fresh store. */
final class StoreBench {
    private StoreBench() {
    }

    static void run(BenchCommand b, Path csv, Path work, long bytes, long rows) throws Exception {
        Path parquet = work.resolve("bench-out.parquet");
        b.time("tower convert -> BDF Parquet", bytes, rows, () -> {
            try (ParquetSink sink = new ParquetSink(parquet)) {
                Inputs.read(csv, Optional.empty(), Inputs.options(Optional.empty(), Optional.empty(), Progress.NONE),
                        CyclingOptions.DEFAULT, sink);
            }
        });
        Files.deleteIfExists(parquet);
        Path storeDir = work.resolve("bench-store");
        try (Store s = Store.open(storeDir)) {
            var reader = tower.formats.Formats.forFile(csv, Optional.empty());
            b.time("tower ingest (hash + parse + store)", bytes, rows, () -> s.ingest(
                    new IngestRequest(csv.getFileName().toString(), ContentHash.of(List.of(csv)), Optional.empty(),
                            CyclingOptions.DEFAULT),
                    sink -> reader.read(List.of(csv), tower.core.ingest.ReadOptions.DEFAULT, sink)));
        } finally {
            deleteTree(storeDir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
