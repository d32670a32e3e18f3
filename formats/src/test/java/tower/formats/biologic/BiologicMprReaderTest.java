package tower.formats.biologic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TimeSeries;
import tower.formats.Probe;

class BiologicMprReaderTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-8;

    static Path data(String... parts) {
        return tower.formats.TestFiles.shared(String.join("/", parts));
    }

    static TimeSeries read(Path file) throws IOException {
        return read(file, ReadOptions.withTimezone(BERLIN));
    }

    static TimeSeries read(Path file, ReadOptions options) throws IOException {
        TimeSeries.Collector c = new TimeSeries.Collector();
        new BiologicMprReader().read(List.of(file), options, c);
        return c.result();
    }

    static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            double a = actual[i];
            double e = expected[i];
            if (Double.isNaN(a) && Double.isNaN(e)) {
                continue;
            }
            if (!(Math.abs(a - e) <= ATOL + RTOL * Math.abs(e))) {
                throw new AssertionError(what + " differs at row " + i + ": " + a + " vs " + e);
            }
        }
    }

    static double[] scaled(double[] v, double f) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] * f;
        }
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcpl.issue_149", "gcpl.issue_226.CxN", "gcpl.pr_182.1", "mb.issue_149", "mb.issue_95"})
    void agreesWithEcLabTextExport(String root) throws IOException {
        TimeSeries ts = read(data("yadg", root + ".mpr"));
        MptText mpt = MptText.read(data("yadg", root + ".mpt"));
        assertThat(ts.size()).isEqualTo(mpt.rows()).isPositive();
        assertClose("time", ts.column(Quantity.TEST_TIME), mpt.column("time/s").orElseThrow());
        // the canonical voltage is the cell voltage: Ecell, Ewe-Ece, or Ewe - Ece in a three-electrode file (issue 8 §3)
        Optional<double[]> ece = mpt.column("Ece/V");
        double[] ewe = mpt.column("Ewe/V", "<Ewe>/V", "<Ewe/V>").orElseThrow();
        double[] cell = mpt.column("Ecell/V", "Ewe-Ece/V").orElseGet(() -> ece.isEmpty() ? ewe
                : java.util.stream.IntStream.range(0, ewe.length).mapToDouble(i -> ewe[i] - ece.get()[i]).toArray());
        assertClose("voltage", ts.column(Quantity.VOLTAGE), cell);
        if (ece.isPresent()) {
            assertClose("Ewe", ts.column(Quantity.WORKING_ELECTRODE_POTENTIAL), ewe);
            assertClose("Ece", ts.column(Quantity.COUNTER_ELECTRODE_POTENTIAL), ece.get());
        } else {
            assertThat(ts.has(Quantity.WORKING_ELECTRODE_POTENTIAL)).isFalse();
        }
        assertClose("current", ts.column(Quantity.CURRENT), scaled(mpt.column("I/mA", "<I>/mA").orElseThrow(), 1e-3));
        assertClose("cycle", ts.column(Quantity.CYCLE_COUNT), mpt.column("cycle number").orElseThrow());
        assertClose("Ns", ts.column(Quantity.STEP_INDEX), mpt.column("Ns").orElseThrow());
        // EC-Lab's export computes energies when the binary has none; compare where the binary records them
        if (ts.has(Quantity.CYCLE_CHARGING_ENERGY)) {
            assertClose("energy charge", ts.column(Quantity.CYCLE_CHARGING_ENERGY),
                    mpt.column("Energy charge/W.h", "Energy we charge/W.h").orElseThrow());
            assertClose("energy discharge", ts.column(Quantity.CYCLE_DISCHARGING_ENERGY),
                    mpt.column("Energy discharge/W.h", "Energy we discharge/W.h").orElseThrow());
        }

        // capacities: the charge passed, split by direction, from the export's own per-record charge dq
        double[] dq = mpt.column("dq/mA.h").orElseThrow();
        double[] chg = new double[dq.length];
        double[] dchg = new double[dq.length];
        double c = 0;
        double d = 0;
        for (int i = 0; i < dq.length; i++) {
            c += Math.max(dq[i], 0) * 1e-3;
            d += Math.max(-dq[i], 0) * 1e-3;
            chg[i] = c;
            dchg[i] = d;
        }
        assertClose("charging capacity", ts.column(Quantity.CHARGING_CAPACITY), chg);
        assertClose("discharging capacity", ts.column(Quantity.DISCHARGING_CAPACITY), dchg);

        // step type from the mode and ox/red flags
        double[] mode = mpt.column("mode").orElseThrow();
        double[] ox = mpt.column("ox/red").orElseThrow();
        double[] freq = mpt.column("freq/Hz").orElse(new double[mode.length]);
        byte[] types = ts.stepTypes();
        for (int i = 0; i < mode.length; i++) {
            StepType expected = freq[i] > 0 ? StepType.OTHER
                    : mode[i] == 3 ? StepType.REST
                    : mode[i] == 1 ? (ox[i] == 1 ? StepType.CC_CHARGE : StepType.CC_DISCHARGE)
                    : mode[i] == 2 ? (ox[i] == 1 ? StepType.CV_CHARGE : StepType.CV_DISCHARGE) : StepType.OTHER;
            assertThat(StepType.ofOrdinal(types[i])).as("step type row " + i).isEqualTo(expected);
        }

        // start time from the LOG module, as the export prints it; Unix time = start + test time
        var md = ts.metadata();
        assertThat(md.format()).isEqualTo(BiologicMprReader.ID);
        assertThat(md.flags()).doesNotContain("truncated", "timezone_assumed");
        if (mpt.acquisitionStart().isPresent()) {
            var start = mpt.acquisitionStart().get().atZone(BERLIN).toInstant();
            assertThat(md.startTime()).contains(start);
            long[] unix = ts.epochNanos();
            double[] t = ts.column(Quantity.TEST_TIME);
            long s = start.getEpochSecond() * 1_000_000_000L + start.getNano();
            for (int i = 0; i < unix.length; i++) {
                assertThat(Math.abs(unix[i] - s - t[i] * 1e9)).isLessThanOrEqualTo(1.0);
            }
        } else {
            assertThat(ts.has(Quantity.UNIX_TIME)).isFalse();
            assertThat(md.startTime()).isEmpty();
        }
    }

    @Test
    void germanExportOfTheSameRunAgrees() throws IOException {
        MptText en = MptText.read(data("yadg", "mb.issue_95.mpt"));
        MptText de = MptText.read(data("yadg", "mb.issue_95.de.mpt"));
        TimeSeries ts = read(data("yadg", "mb.issue_95.mpr"));
        assertClose("voltage (de)", ts.column(Quantity.VOLTAGE), de.column("Ewe/V").orElseThrow());
        assertClose("current (de)", ts.column(Quantity.CURRENT), scaled(de.column("I/mA").orElseThrow(), 1e-3));
        assertClose("time en/de", en.column("time/s").orElseThrow(), de.column("time/s").orElseThrow());
    }

    @Test
    void cellpyGoldenTable() throws IOException {
        TimeSeries ts = read(data("cellpy", "biol.mpr"));
        Map<String, double[]> g = goldenCsv(data("cellpy", "goldens", "loader_biologics_mpr", "raw.parquet.csv.gz"));
        assertThat(ts.size()).isEqualTo(23561);
        assertClose("time", ts.column(Quantity.TEST_TIME), g.get("test_time"));
        // cellpy's voltage is Ewe; this three-electrode file's canonical voltage is the cell voltage Ewe - Ece
        assertClose("voltage", ts.has(Quantity.WORKING_ELECTRODE_POTENTIAL) ? ts.column(Quantity.WORKING_ELECTRODE_POTENTIAL)
                : ts.column(Quantity.VOLTAGE), g.get("voltage"));
        assertClose("current", ts.column(Quantity.CURRENT), scaled(g.get("current"), 1e-3));
        assertClose("Ns", ts.column(Quantity.STEP_INDEX), g.get("Ns"));
        // cellpy numbers cycles from 1; EC-Lab (and we) from 0
        assertClose("cycle", ts.column(Quantity.CYCLE_COUNT), Arrays.stream(g.get("cycle_index")).map(x -> x - 1).toArray());
        assertClose("energy charge", ts.column(Quantity.CYCLE_CHARGING_ENERGY), g.get("Energy_charge"));
        assertClose("energy discharge", ts.column(Quantity.CYCLE_DISCHARGING_ENERGY), g.get("discharge_energy"));
        // one half cycle only: net charge passed = EC-Lab's half-cycle accumulator Q charge/discharge
        double[] net = new double[ts.size()];
        for (int i = 0; i < net.length; i++) {
            net[i] = ts.column(Quantity.CHARGING_CAPACITY)[i] - ts.column(Quantity.DISCHARGING_CAPACITY)[i];
        }
        double[] q = scaled(g.get("QChargeDischarge"), 1e-3);
        for (int i = 0; i < net.length; i++) {
            assertThat(net[i]).as("net charge row " + i).isCloseTo(q[i], org.assertj.core.data.Offset.offset(1e-9 + 1e-6 * Math.abs(q[i])));
        }
        assertThat(ts.metadata().startTime()).contains(
                java.time.LocalDateTime.of(2017, 3, 15, 10, 22, 54).atZone(BERLIN).toInstant());
        assertThat(ts.metadata().vendor()).containsEntry("technique", "MB");
    }

    static Map<String, double[]> goldenCsv(Path file) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String[] names = r.readLine().split(",", -1);
            List<String[]> rows = r.lines().map(l -> l.split(",", -1)).toList();
            Map<String, double[]> out = new HashMap<>();
            for (int c = 0; c < names.length; c++) {
                double[] v = new double[rows.size()];
                boolean numeric = true;
                for (int i = 0; i < rows.size() && numeric; i++) {
                    String s = rows.get(i)[c];
                    try {
                        v[i] = s.isEmpty() ? Double.NaN : Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
                if (numeric) {
                    out.put(names[c], v);
                }
            }
            return out;
        }
    }

    @Test
    void noLogModuleMeansNoUnixTime() throws IOException {
        TimeSeries ts = read(data("yadg", "gcpl.pr_182.1.mpr"));
        assertThat(ts.has(Quantity.UNIX_TIME)).isFalse();
        assertThat(ts.metadata().warnings()).anyMatch(w -> w.contains("VMP LOG"));
    }

    @Test
    void withoutTimezoneUtcIsAssumedAndFlagged() throws IOException {
        TimeSeries ts = read(data("yadg", "mb.issue_95.mpr"), ReadOptions.DEFAULT);
        assertThat(ts.metadata().flags()).contains("timezone_assumed");
        assertThat(ts.metadata().startTime()).contains(java.time.Instant.parse("2022-12-08T14:36:53.355Z"));
    }

    @Test
    void detectsByMagic() throws IOException {
        BiologicMprReader r = new BiologicMprReader();
        assertThat(r.detect(Probe.of(data("yadg", "mb.issue_149.mpr")))).isEqualTo(100);
        assertThat(r.detect(Probe.of(data("cellpy", "biol.mpr")))).isEqualTo(100);
        assertThat(r.detect(Probe.of(data("yadg", "mb.issue_149.mpt")))).isZero();
        assertThat(r.info().id()).isEqualTo("biologic-mpr");
    }

    // --- damaged files -------------------------------------------------------------------------------------

    /** Offset of the data module's records and the record size, from the file itself. */
    static long[] dataRecords(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int m = s.indexOf("MODULEVMP data");
        boolean ext = (b[m + 41] & 0xFF) == 0xFF && (b[m + 42] & 0xFF) == 0xFF;
        int dataAt = m + 6 + (ext ? 59 : 51);
        long n = (b[dataAt] & 0xFFL) | (b[dataAt + 1] & 0xFFL) << 8 | (b[dataAt + 2] & 0xFFL) << 16 | (b[dataAt + 3] & 0xFFL) << 24;
        int version = ext ? b[m + 6 + 47] : b[m + 6 + 39];
        int recordsAt = dataAt + (ext ? 1007 : version == 2 ? 405 : 406);
        int length = ext ? le32(b, m + 6 + 39) : le32(b, m + 6 + 35);
        return new long[] {dataAt, recordsAt, n, (length - (recordsAt - dataAt)) / Math.max(1, n)};
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    @Test
    void truncatedInsideRecordsKeepsTheWholeRecords(@TempDir Path tmp) throws IOException {
        Path src = data("yadg", "gcpl.pr_182.1.mpr");
        byte[] b = Files.readAllBytes(src);
        long[] d = dataRecords(b);
        int cut = (int) (d[1] + 1000 * d[3] + d[3] / 2);
        Path f = tmp.resolve("cut.mpr");
        Files.write(f, Arrays.copyOf(b, cut));
        TimeSeries full = read(src);
        TimeSeries part = read(f);
        assertThat(part.size()).isEqualTo(1000);
        assertThat(part.metadata().flags()).contains("truncated");
        assertThat(part.metadata().warnings()).anyMatch(w -> w.contains("truncated") && w.contains("1000 of " + d[2]));
        assertThat(part.column(Quantity.VOLTAGE)).containsExactly(Arrays.copyOf(full.column(Quantity.VOLTAGE), 1000));
    }

    @Test
    void truncatedAfterTheDataKeepsEveryRecord(@TempDir Path tmp) throws IOException {
        Path src = data("yadg", "mb.issue_149.mpr");
        byte[] b = Files.readAllBytes(src);
        Path f = tmp.resolve("cut.mpr");
        Files.write(f, Arrays.copyOf(b, b.length - 500)); // inside the trailing loop module
        TimeSeries part = read(f);
        assertThat(part.size()).isEqualTo(564);
        assertThat(part.metadata().flags()).contains("truncated");
    }

    @Test
    void truncatedBeforeTheRecordsIsRefused(@TempDir Path tmp) throws IOException {
        byte[] b = Files.readAllBytes(data("yadg", "mb.issue_95.mpr"));
        long[] d = dataRecords(b);
        for (int cut : new int[] {10, 60, 3000, (int) d[0] + 100}) {
            Path f = tmp.resolve("cut" + cut + ".mpr");
            Files.write(f, Arrays.copyOf(b, cut));
            assertThatThrownBy(() -> read(f)).isInstanceOf(InputException.class);
        }
    }

    @Test
    void unknownColumnIdIsRefusedWithItsOffset(@TempDir Path tmp) throws IOException {
        byte[] b = Files.readAllBytes(data("yadg", "mb.issue_95.mpr"));
        long[] d = dataRecords(b);
        int idAt = (int) d[0] + 5 + 2 * 8; // 9th id (old dialect, little-endian): was 4 = time
        b[idAt] = (byte) 250;
        b[idAt + 1] = 0;
        Path f = tmp.resolve("unknown.mpr");
        Files.write(f, b);
        assertThatThrownBy(() -> read(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("unknown column id 250").hasMessageContaining("offset " + (d[0] + 5));
    }

    @Test
    void unknownDataModuleVersionIsRefused(@TempDir Path tmp) throws IOException {
        byte[] b = Files.readAllBytes(data("yadg", "mb.issue_95.mpr"));
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int m = s.indexOf("MODULEVMP data");
        b[m + 6 + 39] = 4; // old header: version field after the length
        Path f = tmp.resolve("v4.mpr");
        Files.write(f, b);
        assertThatThrownBy(() -> read(f)).isInstanceOf(InputException.class).hasMessageContaining("version 4");
    }

    @Test
    void recordSizeThatDoesNotFitIsRefused(@TempDir Path tmp) throws IOException {
        byte[] b = Files.readAllBytes(data("yadg", "gcpl.issue_149.mpr"));
        long[] d = dataRecords(b);
        b[(int) d[0]] += 1; // one record more than the module holds
        Path f = tmp.resolve("count.mpr");
        Files.write(f, b);
        assertThatThrownBy(() -> read(f)).isInstanceOf(InputException.class).hasMessageContaining("does not fit");
    }

    @Test
    void textFileIsRefused() {
        Path mpt = data("yadg", "mb.issue_95.mpt");
        assertThatThrownBy(() -> read(mpt)).isInstanceOf(InputException.class)
                .hasMessageContaining("offset 0");
    }
}
