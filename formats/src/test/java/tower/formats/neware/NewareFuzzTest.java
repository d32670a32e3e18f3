package tower.formats.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.RecordSink;
import tower.core.series.TestMetadata;
import tower.formats.Probe;
import tower.formats.Reader;

/**
 * Mutated real files (bit flips, cuts, inserted and overwritten bytes; fixed seeds): every read either succeeds or
 * throws {@link InputException} — never another exception, never a hang, never unbounded memory.
 */
class NewareFuzzTest {
    private static final ReadOptions BOUNDED = new ReadOptions(Optional.empty(), "none", new Limits(1 << 16, 1024, 1000, 1 << 20));
    /** A guard against hangs only: a healthy read of these files takes well under a second. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    static Stream<Path> files() throws IOException {
        return Stream.concat(NewareReferenceTest.files(), Stream.of(NewareBehaviourTest.IFE));
    }

    @ParameterizedTest
    @MethodSource("files")
    void mutatedFilesFailCleanly(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        Reader reader = NewareReferenceTest.readerFor(file);
        int iterations = 200;
        Random rnd = new Random(0x4e455741L ^ file.getFileName().toString().hashCode());
        int ok = 0;
        int refused = 0;
        int truncatedFlags = 0;
        String ext = file.toString().endsWith(".ndax") ? ".ndax" : ".nda";
        for (int i = 0; i < iterations; i++) {
            StringBuilder what = new StringBuilder();
            byte[] mutated = mutate(original, rnd, what);
            Path f = tmp.resolve("m" + i + ext);
            Files.write(f, mutated);
            Counting sink = new Counting();
            try {
                Assertions.assertTimeoutPreemptively(HANG_GUARD, () -> {
                    Probe probe = Probe.of(f);
                    new NdaReader().detect(probe);
                    new NdaxReader().detect(probe);
                    reader.read(List.of(f), BOUNDED, sink);
                }, () -> "hang on " + what);
                assertThat(sink.ended).as("end() after a successful read of " + what).isTrue();
                if (sink.metadata.flags().contains("truncated")) {
                    truncatedFlags++;
                    assertThat(sink.metadata.warnings()).isNotEmpty();
                }
                ok++;
            } catch (InputException e) {
                assertThat(e.getMessage()).startsWith(f + ": ").doesNotContain("Exception").doesNotContain("\n");
                refused++;
            } catch (Throwable t) {
                fail(file.getFileName() + " mutated by " + what + ": " + t, t);
            } finally {
                Files.deleteIfExists(f);
            }
        }
        System.out.println(file.getFileName() + ": " + iterations + " mutations, " + ok + " read (" + truncatedFlags
                + " flagged truncated), " + refused + " refused");
        assertThat(ok + refused).isEqualTo(iterations);
    }

    static byte[] mutate(byte[] in, Random rnd, StringBuilder what) {
        int kind = rnd.nextInt(5);
        switch (kind) {
            case 0 -> {
                byte[] out = in.clone();
                int flips = 1 + rnd.nextInt(8);
                what.append("bit flips at");
                for (int k = 0; k < flips; k++) {
                    int p = rnd.nextInt(out.length);
                    out[p] ^= (byte) (1 << rnd.nextInt(8));
                    what.append(' ').append(p);
                }
                return out;
            }
            case 1 -> {
                int cut = rnd.nextInt(in.length);
                what.append("cut at ").append(cut);
                return java.util.Arrays.copyOf(in, cut);
            }
            case 2 -> {
                int p = rnd.nextInt(in.length + 1);
                int n = 1 + rnd.nextInt(16);
                byte[] ins = new byte[n];
                rnd.nextBytes(ins);
                byte[] out = new byte[in.length + n];
                System.arraycopy(in, 0, out, 0, p);
                System.arraycopy(ins, 0, out, p, n);
                System.arraycopy(in, p, out, p + n, in.length - p);
                what.append(n).append(" bytes inserted at ").append(p);
                return out;
            }
            case 3 -> {
                byte[] out = in.clone();
                int p = rnd.nextInt(out.length);
                int n = Math.min(out.length - p, 1 + rnd.nextInt(64));
                byte fill = rnd.nextBoolean() ? 0 : (byte) 0xff;
                java.util.Arrays.fill(out, p, p + n, fill);
                what.append(n).append(" bytes set to ").append(fill).append(" at ").append(p);
                return out;
            }
            default -> {
                // a flip inside the first part of the file, where headers and directories are
                byte[] out = in.clone();
                int p = rnd.nextInt(Math.min(out.length, 2048));
                out[p] ^= (byte) (1 << rnd.nextInt(8));
                what.append("header bit flip at ").append(p);
                return out;
            }
        }
    }

    /** Counts rows and checks the sink protocol; keeps nothing. */
    static final class Counting implements RecordSink {
        boolean begun;
        boolean ended;
        long rows;
        TestMetadata metadata;

        @Override
        public void begin(Set<Quantity> columns, TestMetadata md) {
            assertThat(begun).isFalse();
            assertThat(columns).contains(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CURRENT);
            begun = true;
        }

        @Override
        public void accept(Batch batch) {
            assertThat(begun).isTrue();
            rows += batch.size();
        }

        @Override
        public void end(TestMetadata md) {
            assertThat(ended).isFalse();
            ended = true;
            metadata = md;
            assertThat(md.rows()).isEqualTo(rows);
        }
    }
}
