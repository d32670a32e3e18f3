package tower.formats.biologic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;

/**
 * Damaged real files (bit flips, header field overwrites, truncations, inserted and deleted bytes; fixed seed):
 * every read either succeeds or throws {@link InputException}, within a time bound.
 */
class BiologicMprFuzzTest {

    /** Counts rows; a read may not produce more rows than the file has bytes. */
    static final class CountingSink implements RecordSink {
        long rows;
        boolean ended;

        @Override
        public void begin(Set<Quantity> columns, TestMetadata metadata) {
        }

        @Override
        public void accept(Batch batch) {
            rows += batch.size();
        }

        @Override
        public void end(TestMetadata metadata) {
            ended = true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yadg/gcpl.issue_149.mpr", "yadg/gcpl.issue_226.CxN.mpr", "yadg/gcpl.pr_182.1.mpr",
            "yadg/mb.issue_149.mpr", "yadg/mb.issue_95.mpr", "cellpy/biol.mpr"})
    @Timeout(600)
    void mutatedFilesSucceedOrFailWithInputException(String rel, @TempDir Path tmp) throws Exception {
        Path src = BiologicMprReaderTest.data(rel);
        byte[] original = Files.readAllBytes(src);
        List<Integer> modules = moduleOffsets(original);
        Random rnd = new Random(20240611L ^ rel.hashCode());
        int iterations = original.length > (1 << 20) ? 40 : 200;
        int failed = 0;
        for (int i = 0; i < iterations; i++) {
            int kind = i % 6;
            byte[] m = mutate(original, modules, rnd, kind);
            Path f = tmp.resolve("m" + i + ".mpr");
            Files.write(f, m);
            CountingSink sink = new CountingSink();
            String what = rel + " iteration " + i + " (mutation " + kind + ", " + m.length + " bytes)";
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                    new BiologicMprReader().read(List.of(f), ReadOptions.DEFAULT, sink);
                    return null;
                }, what + " hung");
                assertThat(sink.ended).as(what).isTrue();
                assertThat(sink.rows).as(what + " rows").isLessThanOrEqualTo(m.length);
            } catch (InputException expected) {
                failed++;
                assertThat(expected.getMessage()).as(what).startsWith(f.toString() + ": ").doesNotContain("Exception")
                        .doesNotContain("\n");
            } catch (Throwable t) {
                throw new AssertionError(what + " threw " + t, t);
            }
            Files.delete(f);
        }
        assertThat(failed).as("some mutations must be refused").isPositive();
    }

    static List<Integer> moduleOffsets(byte[] b) {
        List<Integer> out = new ArrayList<>();
        String s = new String(b, StandardCharsets.ISO_8859_1);
        for (int at = s.indexOf("MODULE"); at >= 0; at = s.indexOf("MODULE", at + 1)) {
            out.add(at);
        }
        return out;
    }

    static byte[] mutate(byte[] original, List<Integer> modules, Random rnd, int kind) {
        byte[] b = original.clone();
        switch (kind) {
            case 0 -> { // bit flips anywhere
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case 1 -> { // bit flip in a module header or the data module's column list
                int base = modules.get(rnd.nextInt(modules.size()));
                int at = Math.min(b.length - 1, base + rnd.nextInt(1100));
                b[at] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            }
            case 2 -> { // truncation
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 3 -> { // inserted bytes
                int at = rnd.nextInt(b.length + 1);
                byte[] ins = new byte[1 + rnd.nextInt(16)];
                rnd.nextBytes(ins);
                byte[] out = new byte[b.length + ins.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(ins, 0, out, at, ins.length);
                System.arraycopy(b, at, out, at + ins.length, b.length - at);
                return out;
            }
            case 4 -> { // deleted bytes
                int at = rnd.nextInt(b.length);
                int n = Math.min(b.length - at, 1 + rnd.nextInt(64));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            default -> { // a 32-bit header field (length, version, count) set to an extreme value
                int base = modules.get(rnd.nextInt(modules.size()));
                int at = Math.min(b.length - 4, base + 41 + rnd.nextInt(24));
                int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, rnd.nextInt()};
                int v = extremes[rnd.nextInt(extremes.length)];
                for (int k = 0; k < 4; k++) {
                    b[at + k] = (byte) (v >>> (8 * k));
                }
                return b;
            }
        }
    }
}
