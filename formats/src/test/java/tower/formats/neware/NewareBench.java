package tower.formats.neware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.Reader;

/**
 * Throughput of the Neware readers into a sink that keeps nothing (not a test; run by hand):
 * {@code java -cp ... tower.formats.neware.NewareBench FILE [REPEATS]}.
 */
public final class NewareBench {
    private NewareBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Reader reader = file.toString().endsWith(".ndax") ? new NdaxReader() : new NdaReader();
        long bytes = Files.size(file);
        for (int i = 0; i < repeats; i++) {
            long[] rows = new long[1];
            long t0 = System.nanoTime();
            reader.read(List.of(file), ReadOptions.DEFAULT, new RecordSink() {
                @Override
                public void begin(Set<Quantity> columns, TestMetadata metadata) {
                }

                @Override
                public void accept(Batch batch) {
                    rows[0] += batch.size();
                }

                @Override
                public void end(TestMetadata metadata) {
                }
            });
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("run %d: %d rows in %.3f s: %.1f MB/s (file), %.0f rows/s%n", i + 1, rows[0], s,
                    bytes / 1e6 / s, rows[0] / s);
        }
    }
}
