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
                Inputs.read(csv, tower.pipeline.read.ReadSpec.DEFAULT, Progress.NONE, sink);
            }
        });
        Files.deleteIfExists(parquet);
        Path storeDir = work.resolve("bench-store");
        // as `tower ingest` opens it: the INSERT on every DuckDB thread (StoreOptions.openForIngest)
        try (Store s = Store.open(storeDir, tower.store.StoreSettings.defaults().withParallelInsert(true), "bench")) {
            var ingester = new tower.pipeline.ingest.Ingester(Main.pipeline());
            b.time("tower ingest (hash + parse + store)", bytes, rows, () -> ingester.ingest(s, csv,
                    tower.pipeline.ingest.IngestSpec.of(tower.pipeline.read.ReadSpec.DEFAULT), Progress.NONE));
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
