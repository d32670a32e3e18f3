package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input files through the commands users run: {@code ingest} and {@code cycles} exit with code 3 and one line
 * {@code error: FILE: WHERE: REASON} on standard error, no stack trace, and a failed ingest leaves the store as it
 * was. (Formats' BadInputTest covers every reader; these are a few of its cases end to end.)
 */
class BadInputCliTest {
    @TempDir
    static Path dir;
    private static String store;
    private static String listed;

    /** A bad file: what is wrong with it, and its bytes under a name with the vendor's extension. */
    record Bad(String what, String name, byte[] bytes) {
        @Override
        public String toString() {
            return what + " (" + name + ")";
        }
    }

    @BeforeAll
    static void storeWithOneTest() throws Exception {
        store = dir.resolve("store").toString();
        Cli r = Cli.run("ingest", Cli.shared("battery-data-toolkit/arbin_example.csv"), "--store", store);
        assertThat(r.exit()).as(r.err()).isZero();
        listed = list();
        assertThat(listed).contains("arbin_example.csv");
    }

    static Stream<Bad> badFiles() throws Exception {
        byte[] arbin = Files.readAllBytes(Path.of(Cli.shared("battery-data-toolkit/arbin_example.csv")));
        String arbinText = new String(arbin, StandardCharsets.UTF_8);
        byte[] nda = Files.readAllBytes(Path.of(Cli.shared("NewareNDA/TestFile.nda")));
        byte[] mpt = Files.readAllBytes(Path.of(Cli.shared("PyProBE/Sample_data_biologic_CA1.txt")));
        List<Bad> out = new ArrayList<>();
        out.add(new Bad("empty file", "empty.csv", new byte[0]));
        out.add(new Bad("random bytes", "random.nda", random(4096, 1)));
        out.add(new Bad("random bytes", "random.mpr", random(4096, 2)));
        out.add(new Bad("random bytes", "random.res", random(4096, 3)));
        out.add(new Bad("binary cut before its first record", "cut.nda", Arrays.copyOf(nda, 100)));
        byte[] version = nda.clone();
        version[14] = 99;
        out.add(new Bad("unknown binary version", "version.nda", version));
        int line = arbinText.indexOf('\n', arbin.length / 2) + 1; // a line start half-way through the file
        out.add(new Bad("text cut in the middle of a line", "cut.csv", Arrays.copyOf(arbin, line + 20)));
        int mptLine = new String(mpt, StandardCharsets.ISO_8859_1).indexOf('\n', mpt.length / 2) + 1;
        out.add(new Bad("text cut in the middle of a line", "cut.mpt", Arrays.copyOf(mpt, mptLine + 20)));
        int lineEnd = arbinText.indexOf('\n', line);
        String dataLine = arbinText.substring(line, lineEnd);
        String[] f = dataLine.split(",", -1);
        f[7] = "abc"; // Voltage
        out.add(new Bad("text in a numeric column", "abc.csv",
                (arbinText.substring(0, line) + String.join(",", f) + arbinText.substring(lineEnd)).getBytes(StandardCharsets.UTF_8)));
        out.add(new Bad("UTF-16 text", "utf16.csv", ("\uFEFF" + arbinText).getBytes(StandardCharsets.UTF_16LE)));
        out.add(new Bad("UTF-16 text", "utf16.mpt", ("\uFEFF" + new String(mpt, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.UTF_16LE)));
        out.add(new Bad("unrecognised column header", "header.csv",
                ("Alpha,Beta,Gamma,Delta,Epsilon,Zeta,Eta,Theta" + arbinText.substring(arbinText.indexOf('\r')))
                        .getBytes(StandardCharsets.UTF_8)));
        return out.stream();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Path write(Bad bad) throws Exception {
        Path d = Files.createTempDirectory(dir, "bad");
        return Files.write(d.resolve(bad.name()), bad.bytes());
    }

    private static String list() {
        Cli r = Cli.run("list", "--store", store, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out();
    }

    private static void assertOneLineError(Cli r, Path file) {
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: " + file + ": ").endsWith(System.lineSeparator());
        String[] parts = r.err().strip().substring(("error: " + file + ": ").length()).split(": ", 2);
        assertThat(parts).as("WHERE: REASON in " + r.err()).hasSize(2);
        assertThat(parts[0]).isNotBlank();
        assertThat(parts[1]).isNotBlank();
        for (String s : new String[]{r.err(), r.out()}) {
            assertThat(s).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void ingestRefusesAndStoresNothing(Bad bad) throws Exception {
        Path file = write(bad);
        Cli r = Cli.run("ingest", file.toString(), "--store", store);
        assertOneLineError(r, file);
        assertThat(list()).isEqualTo(listed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void cyclesRefuses(Bad bad) throws Exception {
        Path file = write(bad);
        assertOneLineError(Cli.run("cycles", file.toString()), file);
    }
}
