package tower.formats.arbin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.Probe;

/** Damaged .res files must read or fail with InputException, never with another exception, never hang. */
class ArbinResFuzzTest {
    @TempDir
    Path tmp;

    static final class CountingSink implements RecordSink {
        long rows;

        @Override
        public void begin(Set<Quantity> columns, TestMetadata metadata) {
        }

        @Override
        public void accept(Batch batch) {
            rows += batch.size();
        }

        @Override
        public void end(TestMetadata metadata) {
        }
    }

    static byte[] mutate(byte[] orig, Random rnd, int kind) {
        byte[] b;
        switch (kind) {
            case 0 -> b = java.util.Arrays.copyOf(orig, rnd.nextInt(orig.length));
            case 1, 2 -> {
                b = orig.clone();
                int span = kind == 1 ? b.length : Math.min(b.length, 256 * 1024);
                int flips = 1 + rnd.nextInt(20);
                for (int i = 0; i < flips; i++) {
                    int at = rnd.nextInt(span);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            default -> {
                b = orig.clone();
                int pages = b.length / 4096;
                int page = rnd.nextInt(pages);
                byte[] junk = new byte[4096];
                if (rnd.nextBoolean()) {
                    rnd.nextBytes(junk);
                }
                System.arraycopy(junk, 0, b, page * 4096, 4096);
            }
        }
        return b;
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // a hang guard, not a speed requirement
    void damagedFilesReadOrFailCleanly() throws IOException {
        fuzz(ArbinResReaderTest.RES, 20240611L, 100);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void damagedAuxFilesReadOrFailCleanly() throws IOException {
        fuzz(ArbinResReaderTest.AUX_RES, 977L, 40);
    }

    private void fuzz(Path source, long seed, int iterations) throws IOException {
        byte[] orig = Files.readAllBytes(source);
        Random rnd = new Random(seed);
        ArbinResReader reader = new ArbinResReader();
        List<String> escaped = new ArrayList<>();
        int ok = 0;
        int refused = 0;
        for (int it = 0; it < iterations; it++) {
            int kind = it % 4;
            byte[] b = mutate(orig, rnd, kind);
            Path f = tmp.resolve("fuzz" + it + ".res");
            Files.write(f, b);
            try {
                reader.detect(Probe.of(f));
                reader.read(List.of(f), ReadOptions.DEFAULT, new CountingSink());
                ok++;
            } catch (InputException e) {
                assertThat(e.getMessage()).startsWith(f + ": ").doesNotContain("Exception").doesNotContain("\n");
                refused++;
            } catch (Throwable t) {
                escaped.add("iteration " + it + " (kind " + kind + "): " + t);
            }
            Files.delete(f);
        }
        assertThat(escaped).isEmpty();
        assertThat(ok + refused).isEqualTo(iterations);
        assertThat(refused).isPositive(); // truncations at least are refused
    }
}
