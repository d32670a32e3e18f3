package tower.formats.neware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TimeSeries;
import tower.formats.Probe;
import tower.formats.Reader;

/**
 * Every Neware file of the shared data against NewareNDA's reference table (its own test oracle): same rows, and
 * index, step count, step id, status, time, voltage, current, step capacities and energies, timestamps and
 * auxiliary channels equal to the reference's float32 precision. The reference's Cycle column is NewareNDA's
 * software cycle number (cycle_mode 'chg'); it is rebuilt here from our step types and compared, while the stored
 * Cycle Count stays the vendor's.
 */
class NewareReferenceTest {
    static final Path DIR = Path.of(System.getProperty("tower.shared"), "data", "NewareNDA");

    static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".nda") || p.toString().endsWith(".ndax")).sorted().toList().stream();
        }
    }

    static Reader readerFor(Path p) {
        return p.toString().endsWith(".ndax") ? new NdaxReader() : new NdaReader();
    }

    static TimeSeries read(Reader reader, Path file, ReadOptions options) throws IOException {
        TimeSeries.Collector c = new TimeSeries.Collector();
        reader.read(List.of(file), options, c);
        return c.result();
    }

    @Test
    void everyFileHasAReference() throws IOException {
        assertThat(files().toList()).hasSize(6);
        for (Path f : files().toList()) {
            assertThat(reference(f)).exists();
        }
    }

    static Path reference(Path f) {
        String n = f.getFileName().toString();
        return DIR.resolve("reference").resolve(n.substring(0, n.lastIndexOf('.')) + ".ftr.csv.gz");
    }

    @ParameterizedTest
    @MethodSource("files")
    void detectedByContent(Path file) throws IOException {
        Probe probe = Probe.of(file);
        Reader mine = readerFor(file);
        Reader other = mine instanceof NdaReader ? new NdaxReader() : new NdaReader();
        assertThat(mine.detect(probe)).isEqualTo(100);
        assertThat(other.detect(probe)).isZero();
    }

    @ParameterizedTest
    @MethodSource("files")
    void matchesNewareNdaReference(Path file) throws IOException {
        RefTable ref = RefTable.read(reference(file));
        TimeSeries ts = read(readerFor(file), file, ReadOptions.DEFAULT);
        assertThat(ts.size()).as("rows").isEqualTo(ref.rows);
        boolean v130 = file.toString().endsWith(".nda") && "130".equals(ts.metadata().vendor().get("nda_version"));

        Map<String, Integer> bad = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        int n = ref.rows;
        double[] index = ts.column(Quantity.RECORD_INDEX);
        double[] step = ts.column(Quantity.STEP_COUNT);
        double[] stepId = ts.column(Quantity.STEP_INDEX);
        byte[] types = ts.stepTypes();
        double[] time = ts.column(v130 ? Quantity.TEST_TIME : Quantity.STEP_TIME);
        double[] volts = ts.column(Quantity.VOLTAGE);
        double[] amps = ts.column(Quantity.CURRENT);
        double[] qc = ts.column(Quantity.STEP_CHARGING_CAPACITY);
        double[] qd = ts.column(Quantity.STEP_DISCHARGING_CAPACITY);
        double[] ec = ts.column(Quantity.STEP_CHARGING_ENERGY);
        double[] ed = ts.column(Quantity.STEP_DISCHARGING_ENERGY);
        long[] unix = ts.epochNanos();
        double[] software = chargeFirstCycles(types);
        for (int r = 0; r < n; r++) {
            exact("Index", r, index[r], ref.col("Index")[r], bad, examples);
            exact("Step", r, step[r], ref.col("Step")[r], bad, examples);
            exact("Step_Index", r, stepId[r], ref.col("Step_Index")[r], bad, examples);
            exact("Cycle", r, software[r], ref.col("Cycle")[r], bad, examples);
            int code = codeOf(ref.status[r]);
            if (types[r] != NewareStatus.type(code).ordinal()) {
                count("Status", r, StepType.ofOrdinal(types[r]) + " vs " + ref.status[r], bad, examples);
            }
            close("Time", r, time[r], ref.col("Time")[r], bad, examples);
            close("Voltage", r, volts[r], ref.col("Voltage")[r], bad, examples);
            close("Current(mA)", r, amps[r] * 1000, ref.col("Current(mA)")[r], bad, examples);
            close("Charge_Capacity(mAh)", r, qc[r] * 1000, ref.col("Charge_Capacity(mAh)")[r], bad, examples);
            close("Discharge_Capacity(mAh)", r, qd[r] * 1000, ref.col("Discharge_Capacity(mAh)")[r], bad, examples);
            close("Charge_Energy(mWh)", r, ec[r] * 1000, ref.col("Charge_Energy(mWh)")[r], bad, examples);
            close("Discharge_Energy(mWh)", r, ed[r] * 1000, ref.col("Discharge_Energy(mWh)")[r], bad, examples);
            if (Math.abs(unix[r] - ref.timestamp[r]) > 1_000) {
                count("Timestamp", r, unix[r] + " vs " + ref.timestamp[r], bad, examples);
            }
        }
        for (int k = 1; k <= 5; k++) {
            double[] t = ref.col("T" + k);
            if (t != null) {
                assertThat(ts.has(Quantity.TEMPERATURES[k - 1])).as("T" + k).isTrue();
                double[] mine = ts.column(Quantity.TEMPERATURES[k - 1]);
                for (int r = 0; r < n; r++) {
                    close("T" + k, r, mine[r], t[r], bad, examples);
                }
            }
        }
        double[] v1 = ref.col("V1");
        if (v1 != null && java.util.Arrays.stream(v1).anyMatch(x -> !Double.isNaN(x))) {
            double[] mine = ts.column(Quantity.AUX_VOLTAGE);
            for (int r = 0; r < n; r++) {
                close("V1", r, mine[r], v1[r], bad, examples);
            }
        }
        assertThat(bad).as("mismatching rows per column; first ones: " + examples).isEmpty();
        double[] vendorCycle = ts.column(Quantity.CYCLE_COUNT);
        assertThat(vendorCycle[0]).isGreaterThanOrEqualTo(1);
        for (int r = 1; r < n; r++) {
            assertThat(vendorCycle[r]).as("vendor cycle at row %d", r + 1).isGreaterThanOrEqualTo(vendorCycle[r - 1]);
        }
        if (ref.naiveTimestamps) {
            assertThat(ts.metadata().flags()).contains("timezone_assumed");
        } else {
            assertThat(ts.metadata().timezoneAssumed()).isFalse();
        }
        System.out.println(file.getFileName() + ": " + n + " rows, vendor cycles "
                + (long) ts.column(Quantity.CYCLE_COUNT)[0] + ".." + (long) ts.column(Quantity.CYCLE_COUNT)[n - 1]
                + ", reference cycles 1.." + (long) ref.col("Cycle")[n - 1] + ", metadata " + ts.metadata().vendor()
                + " warnings " + ts.metadata().warnings());
    }

    /** NewareNDA's cycle_mode 'chg': a new cycle at the start of a charge step once a discharge has occurred. */
    static double[] chargeFirstCycles(byte[] types) {
        double[] out = new double[types.length];
        int cycle = 1;
        boolean discharged = false;
        boolean prevCharge = false;
        for (int r = 0; r < types.length; r++) {
            StepType t = types[r] < 0 ? StepType.OTHER : StepType.ofOrdinal(types[r]);
            boolean charge = t == StepType.CC_CHARGE;
            if (charge && !prevCharge && r > 0 && discharged) {
                cycle++;
                discharged = false;
            } else if (t.isDischarge()) {
                discharged = true;
            }
            prevCharge = charge;
            out[r] = cycle;
        }
        return out;
    }

    static int codeOf(String name) {
        for (int c = 0; c < 32; c++) {
            if (NewareStatus.isKnown(c) && NewareStatus.name(c).equals(name)) {
                return c;
            }
        }
        throw new AssertionError("unknown status " + name);
    }

    private static void exact(String col, int r, double mine, double ref, Map<String, Integer> bad, List<String> ex) {
        if (mine != ref) {
            count(col, r, mine + " vs " + ref, bad, ex);
        }
    }

    /** Equal at the reference's float32 precision. */
    private static void close(String col, int r, double mine, double ref, Map<String, Integer> bad, List<String> ex) {
        if (Double.isNaN(ref) && Double.isNaN(mine)) {
            return;
        }
        float f = (float) ref;
        double tol = 2 * Math.ulp(f) + 1e-12;
        if (!(Math.abs(mine - f) <= tol)) {
            count(col, r, mine + " vs " + ref, bad, ex);
        }
    }

    private static void count(String col, int r, String what, Map<String, Integer> bad, List<String> ex) {
        bad.merge(col, 1, Integer::sum);
        if (ex.size() < 12) {
            ex.add(col + " row " + (r + 1) + ": " + what);
        }
    }
}
