package tower.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error contract at the command line for what is not a bad input file (issue 13 §1): output paths, store paths,
 * damaged stores and option values. Each is one line on standard error with a sentence saying what is wrong and
 * what to do: exit 3 for paths and stores, exit 2 for option values.
 */
class HostileCliTest {
    @TempDir
    static Path dir;
    private static String arbin;
    private static byte[] goodStore;

    @BeforeAll
    static void aStore() throws Exception {
        arbin = Cli.shared("battery-data-toolkit/arbin_example.csv");
        Path s = dir.resolve("good");
        Cli r = Cli.run("ingest", arbin, "--store", s.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        goodStore = Files.readAllBytes(s.resolve("tower.duckdb"));
    }

    /** The run failed with {@code exit} and one safe line that contains every {@code words}. */
    private static String oneLine(Cli r, int exit, String... words) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        String e = r.err();
        assertThat(e).startsWith("error: ").endsWith("\n");
        String line = e.substring(0, e.length() - 1);
        assertThat(line).doesNotContain("\n", "\r", "Exception", "java.", "SQL", "IO Error");
        assertThat(line.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).as(line).isTrue();
        assertThat(line.length()).as(line).isLessThanOrEqualTo(320);
        for (String w : words) {
            assertThat(line).contains(w);
        }
        return line;
    }

    @Test
    void convertIntoAMissingFolderSaysSo() {
        oneLine(Cli.run("convert", arbin, "/missing/dir/x.csv"), 3,
                "error: /missing/dir/x.csv: output: the folder /missing/dir does not exist; create it first");
        assertThat(Path.of("/missing")).doesNotExist();
    }

    @Test
    void overLongFileNamesSaySo() {
        String longName = "n".repeat(300) + ".csv";
        oneLine(Cli.run("convert", arbin, dir.resolve(longName).toString()), 3, "file name is too long");
        oneLine(Cli.run("cycles", dir.resolve(longName).toString()), 3, "file name is too long");
        assertThat(dir.toFile().list((d, n) -> n.endsWith(".part"))).isEmpty();
    }

    @Test
    void convertOntoAFolderOrIntoAFileSaysSo() throws Exception {
        Path f = Files.writeString(dir.resolve("plain.txt"), "x");
        oneLine(Cli.run("convert", arbin, f.resolve("x.csv").toString()), 3, "is a file, not a folder");
        Path folder = Files.createDirectories(dir.resolve("out.csv"));
        oneLine(Cli.run("convert", arbin, folder.toString()), 3, "is a folder");
    }

    @Test
    void aStoreThatIsAFileOrEmptySaysSo() throws Exception {
        Path f = Files.writeString(dir.resolve("afile.txt"), "not a store");
        oneLine(Cli.run("list", "--store", f.toString()), 3, "afile.txt is a file, not a store directory");
        oneLine(Cli.run("ingest", arbin, "--store", f.toString()), 3, "is a file, not a store directory");
        oneLine(Cli.run("list", "--store", ""), 2, "give a directory, not an empty string");
        oneLine(Cli.run("list", "--store", f.resolve("sub").toString()), 3, "no store at");
        oneLine(Cli.run("ingest", arbin, "--store", f.resolve("sub").toString()), 3, "afile.txt");
    }

    @Test
    void anUnwritableStoreFolderSaysSo() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("readonly"));
        boolean root = "root".equals(System.getProperty("user.name"));
        // root ignores permission bits: a read-only system folder stands in for a folder without write permission
        Path store = root ? Path.of("/sys") : ro;
        if (!root) {
            ro.toFile().setWritable(false, false);
        }
        try {
            oneLine(Cli.run("ingest", Cli.shared("battery-data-toolkit/arbin_example.csv"), "--store", store.toString()), 3, "not writable");
            oneLine(Cli.run("list", "--store", (root ? Path.of("/sys/fs/tower") : ro.resolve("sub")).toString()), 3);
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void aDamagedStoreDatabaseSaysSo() throws Exception {
        byte[] junk = new byte[64 << 10];
        new Random(13).nextBytes(junk);
        byte[][] damaged = {Arrays.copyOf(goodStore, goodStore.length / 2), Arrays.copyOf(goodStore, 100), junk,
                "hello".getBytes(StandardCharsets.US_ASCII)};
        int k = 0;
        for (byte[] bytes : damaged) {
            Path s = Files.createDirectories(dir.resolve("damaged" + k++));
            Files.write(s.resolve("tower.duckdb"), bytes);
            for (String[] cmd : new String[][] {{"list"}, {"ingest", arbin}}) {
                String[] args = Arrays.copyOf(cmd, cmd.length + 2);
                args[cmd.length] = "--store";
                args[cmd.length + 1] = s.toString();
                oneLine(Cli.run(args), 3, "tower.duckdb is damaged or not a tower store", "move it aside");
            }
        }
        Path s = Files.createDirectories(dir.resolve("dirdb").resolve("tower.duckdb")).getParent();
        oneLine(Cli.run("list", "--store", s.toString()), 3, "tower.duckdb is a directory, not a database");
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        String csv = arbin;
        oneLine(Cli.run("dqdv", csv, "--cycle", "2", "--fwhm", "0"), 2, "--fwhm must be a positive number of volts, got 0");
        oneLine(Cli.run("dqdv", csv, "--cycle", "2", "--fwhm", "-1"), 2, "--fwhm must be a positive number");
        oneLine(Cli.run("dqdv", csv, "--cycle", "2", "--fwhm", "NaN"), 2, "--fwhm must be a positive number");
        oneLine(Cli.run("hppc", csv, "--max-pulse", "-5"), 2, "--max-pulse must be a positive number of seconds, got -5");
        oneLine(Cli.run("bench", "--size-mb", "-1"), 2, "--size-mb must be at least 1, got -1");
        oneLine(Cli.run("analyze", csv, "--threshold", "1.5"), 2, "--threshold must be a fraction");
        oneLine(Cli.run("cycles", "--nosuchoption", csv), 2, "(see tower cycles --help)");
    }

    @Test
    void errorTextFromTheFileIsSafeToPrint() throws Exception {
        String header = Files.readAllLines(Path.of(arbin)).get(0);
        int fields = header.split(",", -1).length;
        String bad = "1" + ",\u001b[31m\u001e" + "x".repeat(100_000) + ",1".repeat(fields - 2);
        Path f = Files.writeString(dir.resolve("ctl.csv"), header + "\n" + bad + "\n");
        String line = oneLine(Cli.run("cycles", f.toString()), 3, "ctl.csv: line 2: column", "\\x1b[31m\\x1e");
        assertThat(line.length()).isLessThan(200);
    }
}
