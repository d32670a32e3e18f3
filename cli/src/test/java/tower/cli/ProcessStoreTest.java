package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes on one store, with real processes (issue 13 §3): concurrent readers, a writer that waits and one
 * that times out, a store that is a file, a damaged store, killed ingests followed by compaction, and killed
 * conversions that leave no part files.
 */
class ProcessStoreTest {
    @TempDir
    static Path shared;
    static Path big;
    static final String ARBIN = Cli.shared("battery-data-toolkit/arbin_example.csv");

    @BeforeAll
    static void bigFile() throws IOException {
        big = shared.resolve("big-arbin.csv");
        tower.pipeline.synthetic.SyntheticArbin.write(big, 60L << 20);
    }

    record Run(int exit, String out, String err, long millis) {
    }

    private static ProcessBuilder tower(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Dtower.shared=" + System.getProperty("tower.shared"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(workDir.toFile());
    }

    private static Process start(Path workDir, String name, String... args) throws IOException {
        return tower(workDir, args).redirectOutput(workDir.resolve(name + ".out").toFile())
                .redirectError(workDir.resolve(name + ".err").toFile()).start();
    }

    private static Run finish(Path workDir, String name, Process p, long t0) throws Exception {
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        return new Run(p.exitValue(), Files.readString(workDir.resolve(name + ".out")),
                Files.readString(workDir.resolve(name + ".err")), (System.nanoTime() - t0) / 1_000_000);
    }

    private static Run run(Path workDir, String... args) throws Exception {
        long t0 = System.nanoTime();
        return finish(workDir, "run", start(workDir, "run", args), t0);
    }

    /** Starts {@link HoldStore} and waits for its READY line. */
    private static Process hold(Path store, String as, long millis) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), HoldStore.class.getName(), store.toString(), as,
                Long.toString(millis));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("READY");
        return p;
    }

    @Test
    void readersRunConcurrentlyAndAWriterIsToldWhoHoldsTheStore(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("s");
        assertThat(run(dir, "ingest", ARBIN, "--store", store.toString()).exit()).isZero();
        // four readers at once: all succeed (DuckDB read-only opens share the file)
        List<Process> readers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            readers.add(start(dir, "list" + i, "list", "--json", "--store", store.toString()));
        }
        for (int i = 0; i < 4; i++) {
            Run r = finish(dir, "list" + i, readers.get(i), t0);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("arbin_example.csv");
        }
        // a process holds the store for writing: readers and writers wait --wait seconds, then exit 3 naming it
        Process holder = hold(store, "ingest", 600_000);
        try {
            Run r = run(dir, "list", "--store", store.toString(), "--wait", "1");
            assertThat(r.exit()).isEqualTo(3);
            String hhmm = "\\d\\d:\\d\\d";
            assertThat(r.err().strip()).matches("error: store is busy: ingest by PID " + holder.pid() + " since " + hhmm
                    + "; try again later \\(or wait longer with --wait SECONDS\\)");
            assertThat(r.err()).doesNotContain("Conflicting lock").doesNotContain("duckdb");
            Run w = run(dir, "label", "t-2c32d4c47910", "cell=X", "--store", store.toString(), "--wait", "0");
            assertThat(w.exit()).isEqualTo(3);
            assertThat(w.err()).startsWith("error: store is busy: ingest by PID " + holder.pid());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        // tower serve holds it: the message says so
        Process serve = hold(store, "tower serve", 600_000);
        try {
            Run r = run(dir, "cycles", "t-2c32d4c47910", "--store", store.toString(), "--wait", "0");
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).startsWith("error: store is busy: held by tower serve (PID " + serve.pid() + ") since ");
        } finally {
            serve.destroyForcibly().waitFor();
        }
        // a writer that waits long enough gets the store when the holder lets go
        Process brief = hold(store, "ingest", 1500);
        Run w = run(dir, "label", "t-2c32d4c47910", "cell=Y", "--store", store.toString(), "--wait", "60");
        brief.waitFor();
        assertThat(w.exit()).as(w.err()).isZero();
        assertThat(run(dir, "list", "--store", store.toString()).out()).contains(" Y ");
    }

    @Test
    void aStoreThatIsAFileOrDamagedIsSaidInWords(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("afile.txt"), "hello\n");
        Run r = run(dir, "list", "--store", "afile.txt");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: afile.txt is a file, not a store directory: give a directory");
        r = run(dir, "ingest", ARBIN, "--store", "afile.txt");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: afile.txt is a file, not a store directory: give a directory");
        assertThat(Files.readString(file)).isEqualTo("hello\n");

        // random bytes, a truncated database, a directory in the database's place
        Path good = dir.resolve("good");
        assertThat(run(dir, "ingest", ARBIN, "--store", "good").exit()).isZero();
        byte[] db = Files.readAllBytes(good.resolve("tower.duckdb"));
        Path random = Files.createDirectories(dir.resolve("random"));
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(noise);
        Files.write(random.resolve("tower.duckdb"), noise);
        Path truncated = Files.createDirectories(dir.resolve("truncated"));
        Files.write(truncated.resolve("tower.duckdb"), java.util.Arrays.copyOf(db, 5000));
        for (String s : List.of("random", "truncated")) {
            for (String[] cmd : List.of(new String[]{"list", "--store", s}, new String[]{"ingest", ARBIN, "--store", s})) {
                r = run(dir, cmd);
                assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.err()).isEqualTo(3);
                assertThat(r.err().strip()).isEqualTo("error: the store " + s + " cannot be opened: tower.duckdb is"
                        + " damaged or not a tower store (move it aside and ingest again)");
            }
        }
        Path asDir = Files.createDirectories(dir.resolve("dirdb/tower.duckdb"));
        r = run(dir, "list", "--store", "dirdb");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: dirdb/tower.duckdb is a directory, not a database: move it aside");
        assertThat(asDir).isDirectory();
    }

    @Test
    void killedIngestsLeaveTheStoreWholeAndCompactionGivesTheSpaceBack(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean");
        assertThat(run(dir, "ingest", ARBIN, "--store", clean.toString()).exit()).isZero();
        long cleanSize = Files.size(clean.resolve("tower.duckdb"));

        Path store = dir.resolve("s");
        assertThat(run(dir, "ingest", ARBIN, "--store", store.toString()).exit()).isZero();
        // Long enough that row groups reach the file well before the commit: an ingest's DuckDB threads each write
        // theirs once they hold a full one (122,880 rows), so a short file's only reach it with the commit.
        Path bigger = dir.resolve("bigger-arbin.csv");
        tower.pipeline.synthetic.SyntheticArbin.write(bigger, 160L << 20);
        for (int k = 0; k < 2; k++) {
            Process p = start(dir, "ingest" + k, "ingest", bigger.toString(), "--store", store.toString());
            // kill it once its samples reach the file
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Path db = store.resolve("tower.duckdb");
            while (p.isAlive() && Files.size(db) < cleanSize + (12L << 20) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(p.isAlive()).as("ingest still running when killed").isTrue();
            p.destroyForcibly().waitFor();
        }
        long grown = Files.size(store.resolve("tower.duckdb"));
        assertThat(grown).isGreaterThan(cleanSize + (10L << 20));
        Run list = run(dir, "list", "--json", "--store", store.toString());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("arbin_example.csv").doesNotContain("bigger-arbin");

        Run c = run(dir, "store", "compact", "--store", store.toString());
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).startsWith("compacted " + store + ": ");
        long after = Files.size(store.resolve("tower.duckdb"));
        // within 10 % of a clean store (a compacted file is a little smaller still: no free blocks at all)
        assertThat((double) after).isBetween(cleanSize * 0.5, cleanSize * 1.1);
        Run again = run(dir, "cycles", "t-2c32d4c47910", "--json", "--store", store.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(run(dir, "cycles", "t-2c32d4c47910", "--json", "--store", clean.toString()).out());
    }

    @Test
    void aKilledConvertLeavesNoPartFiles(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        // SIGTERM: the shutdown hook removes the part folder
        Process p = start(dir, "convert", "convert", big.toString(), out.resolve("x.parquet").toString());
        awaitPart(out, p);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(parts(out)).isEmpty();
        assertThat(out.resolve("x.parquet")).doesNotExist();

        // SIGKILL leaves it; the next write to that folder sweeps it
        p = start(dir, "convert2", "convert", big.toString(), out.resolve("y.csv").toString());
        awaitPart(out, p);
        p.destroyForcibly().waitFor();
        assertThat(parts(out)).isNotEmpty();
        Run r = run(dir, "convert", ARBIN, out.resolve("z.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(parts(out)).isEmpty();
        assertThat(out.resolve("z.csv")).isRegularFile();
    }

    private static void awaitPart(Path out, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (parts(out).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(parts(out)).as("part file appeared").isNotEmpty();
        Thread.sleep(500); // let it write into it
        assertThat(p.isAlive()).as("convert still running").isTrue();
    }

    private static List<Path> parts(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(".tower-")).toList();
        }
    }
}
