package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;
import tower.core.ingest.Progress;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;
import tower.core.units.Dimension;
import tower.core.units.Units;

/**
 * The column-by-column block parser (used by the parallel reader) against the row-by-row path (one thread): the same
 * values, missing values, warnings and first error, on tables with every kind of binding and awkward lines.
 */
class BlockParserTest {
    private static final String HEADER = "t,i,unix,temp,type,code,extra";

    @TempDir
    Path dir;

    private static Binding[] bindings() {
        return new Binding[]{Bindings.number(Quantity.TEST_TIME, Units.si(Dimension.TIME)),
                Bindings.number(Quantity.CURRENT, Units.require("mA", Dimension.CURRENT), -1.0),
                Bindings.epochSeconds(),
                Bindings.number(Quantity.TEMPERATURE_T1, Units.require("degC", Dimension.TEMPERATURE), 1.0, v -> v < -273),
                Bindings.stepType(), Bindings.code(), null};
    }

    private static TimeSeries read(Path f, int threads) throws Exception {
        TimeSeries.Collector col = new TimeSeries.Collector();
        try (LineReader lines = TextFile.open(f, Limits.DEFAULT)) {
            lines.next(); // header
            String[] names = HEADER.split(",");
            BatchWriter out = new BatchWriter(EnumSet.of(Quantity.TEST_TIME, Quantity.CURRENT, Quantity.UNIX_TIME,
                    Quantity.TEMPERATURE_T1, Quantity.STEP_TYPE), col, new TestMetadata());
            ParallelTableReader.readAll(lines, () -> new TableReader(f.toString(), (byte) ',', false, bindings(), names, null),
                    out, Progress.NONE, threads);
            out.finish();
        }
        return col.result();
    }

    /** About 3 MB of lines of every shape the row path accepts: several blocks, many chunks. */
    private Path awkward(boolean crlf, String last) throws Exception {
        Random r = new Random(5);
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder(HEADER).append(eol);
        String[] types = {"charge", "discharge", "rest", "\"cc_charge\"", "", "no such type"};
        for (int k = 1; k <= 60_000; k++) {
            if (r.nextInt(500) == 0) {
                sb.append(r.nextBoolean() ? "" : " , ,").append(eol); // blank lines are skipped
            }
            sb.append(k).append(',');
            sb.append(r.nextInt(20) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.4f", r.nextGaussian() * 500)).append(',');
            sb.append(r.nextInt(30) == 0 ? "" : Long.toString(1_700_000_000L + k)).append(',');
            sb.append(r.nextInt(40) == 0 ? "-300" : r.nextInt(40) == 0 ? " 25.5 " : String.format(java.util.Locale.ROOT, "%.3f", 20 + r.nextDouble())).append(',');
            sb.append(types[r.nextInt(types.length)]).append(',').append(r.nextBoolean() ? "C" : "");
            if (r.nextInt(3) > 0) {
                sb.append(',').append(r.nextInt(9)); // the unbound last column is sometimes absent
            }
            sb.append(eol);
        }
        sb.append(last);
        Path f = dir.resolve("awkward" + crlf + last.length() + ".csv");
        Files.writeString(f, sb, StandardCharsets.US_ASCII);
        return f;
    }

    private static void assertSame(TimeSeries rows, TimeSeries blocks) {
        assertThat(blocks.size()).isEqualTo(rows.size());
        assertThat(blocks.columns()).isEqualTo(rows.columns());
        for (Quantity q : EnumSet.of(Quantity.TEST_TIME, Quantity.CURRENT, Quantity.TEMPERATURE_T1)) {
            assertThat(blocks.column(q)).as(q.label()).containsExactly(rows.column(q));
        }
        assertThat(blocks.epochNanos()).containsExactly(rows.epochNanos());
        assertThat(blocks.stepTypes()).containsExactly(rows.stepTypes());
        assertThat(blocks.metadata().warnings()).isEqualTo(rows.metadata().warnings());
        assertThat(blocks.metadata().flags()).isEqualTo(rows.metadata().flags());
    }

    @Test
    void everyKindOfBindingGivesTheRowPathsValues() throws Exception {
        for (boolean crlf : new boolean[]{false, true}) {
            Path f = awkward(crlf, "");
            TimeSeries rows = read(f, 1);
            TimeSeries blocks = read(f, 2);
            assertThat(rows.size()).isEqualTo(60_000);
            assertSame(rows, blocks);
            double[] temp = blocks.column(Quantity.TEMPERATURE_T1);
            assertThat(java.util.Arrays.stream(temp).filter(Double::isNaN).count()).isGreaterThan(100); // -300: not measured
            assertThat(blocks.column(Quantity.CURRENT)).contains(Double.NaN);
        }
    }

    @Test
    void aCutLastLineIsJudgedAsOnTheRowPath() throws Exception {
        String full = "60001,1.5,1700060001,25.1,rest,C,7";
        Path complete = awkward(false, full);
        assertSame(read(complete, 1), read(complete, 2));
        assertThat(read(complete, 2).size()).isEqualTo(60_001);
        Path cut = awkward(false, full + "\n60002,1.5,1700060002,25.1,rest,C,"); // last field shorter: skipped
        TimeSeries rows = read(cut, 1);
        assertThat(rows.size()).isEqualTo(60_001);
        assertThat(rows.metadata().flags()).contains("truncated");
        assertSame(rows, read(cut, 2));
        for (String fewer : new String[]{"60001,1.5,1700060001,2", "60001,1.5"}) { // fewer fields: refused
            Path f = awkward(false, fewer);
            String one = message(() -> read(f, 1));
            assertThat(one).contains("found " + fewer.split(",").length);
            assertThat(message(() -> read(f, 2))).isEqualTo(one);
        }
    }

    @Test
    void theFirstBadLineInTheFileIsTheOneReported() throws Exception {
        // a bad value before a short line, a short line before a bad value, and a bad value in an earlier column of
        // a later line than a bad value in a later column: the row path's first error every time
        String[][] cases = {{"2000,x1", "2500,short"}, {"2000,short", "2500,x1"}, {"2000,temp", "2001,t"}};
        for (String[] c : cases) {
            StringBuilder sb = new StringBuilder(HEADER).append('\n');
            for (int k = 1; k <= 5000; k++) {
                String line = k + ",1.5,1700000000,25.0,rest,C,1";
                for (String spec : c) {
                    String[] p = spec.split(",");
                    if (Integer.parseInt(p[0]) == k + 1) {
                        line = switch (p[1]) {
                            case "x1" -> k + ",x1,1700000000,25.0,rest,C,1";
                            case "short" -> k + ",1.5";
                            case "temp" -> k + ",1.5,1700000000,hot,rest,C,1";
                            default -> "later" + k + ",1.5,1700000000,25.0,rest,C,1";
                        };
                    }
                }
                sb.append(line).append('\n');
            }
            Path f = Files.writeString(dir.resolve("bad" + c[0] + c[1] + ".csv"), sb, StandardCharsets.US_ASCII);
            String one = message(() -> read(f, 1));
            assertThat(one).as(String.join(" ", c)).contains("line " + c[0].split(",")[0] + ":");
            assertThat(message(() -> read(f, 2))).isEqualTo(one);
        }
    }

    private interface Read {
        Object run() throws Exception;
    }

    private static String message(Read r) {
        try {
            r.run();
        } catch (InputException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error");
    }

    @Test
    void tablesWithARowHookOrTwoBindingsForOneColumnAreLeftToTheRowPath() {
        Binding[] twice = {Bindings.number(Quantity.TEST_TIME, Units.si(Dimension.TIME)),
                Bindings.number(Quantity.TEST_TIME, Units.si(Dimension.TIME))};
        assertThat(BlockParser.suits(new TableReader("f", (byte) ',', false, twice, new String[]{"a", "b"}, null))).isFalse();
        assertThat(BlockParser.suits(new TableReader("f", (byte) ',', false, bindings(), HEADER.split(","),
                (row, line) -> true))).isFalse();
        assertThat(BlockParser.suits(new TableReader("f", (byte) ',', false, bindings(), HEADER.split(","), null))).isTrue();
    }
}
