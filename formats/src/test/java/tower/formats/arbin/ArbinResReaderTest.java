package tower.formats.arbin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleSummary;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.Tee;
import tower.core.series.TimeSeries;
import tower.formats.Probe;

class ArbinResReaderTest {
    static final Path CELLPY = Path.of(System.getProperty("tower.shared"), "data", "cellpy");
    static final Path RES = CELLPY.resolve("20160805_test001_45_cc_01.res");
    static final Path AUX_RES = CELLPY.resolve("aux_one_x_dx.res");
    static final Path GOLDEN = CELLPY.resolve("goldens/loader_arbin_res/raw.parquet.csv.gz");
    static final Path SUMMARY = CELLPY.resolve("goldens/pipeline_smoke/summary.parquet.csv");

    @TempDir
    Path tmp;

    static TimeSeries read(Path file, ReadOptions options) throws IOException {
        TimeSeries.Collector c = new TimeSeries.Collector();
        new ArbinResReader().read(List.of(file), options, c);
        return c.result();
    }

    /** The golden CSV as columns by name. */
    static Map<String, List<String>> golden() throws IOException {
        Map<String, List<String>> cols = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(GOLDEN)), StandardCharsets.UTF_8))) {
            String[] header = r.readLine().split(",");
            for (String h : header) {
                cols.put(h, new ArrayList<>());
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(",", -1);
                for (int i = 0; i < header.length; i++) {
                    cols.get(header[i]).add(f[i]);
                }
            }
        }
        return cols;
    }

    @Test
    void detectsAccessDatabasesByContent() throws IOException {
        ArbinResReader reader = new ArbinResReader();
        assertThat(reader.detect(Probe.of(RES))).isEqualTo(100);
        assertThat(reader.detect(Probe.of(AUX_RES))).isEqualTo(100);
        Path text = tmp.resolve("x.res");
        Files.writeString(text, "Data_Point,Test_Time\n1,0\n");
        assertThat(reader.detect(Probe.of(text))).isZero();
        Path noTable = ResFixtures.accessWithout(tmp.resolve("other.mdb"));
        assertThat(reader.detect(Probe.of(noTable))).isBetween(1, 99);
    }

    @Test
    void matchesTheCellpyGoldenRowByRow() throws IOException {
        TimeSeries ts = read(RES, ReadOptions.withTimezone(ZoneOffset.UTC));
        Map<String, List<String>> g = golden();
        assertThat(ts.size()).isEqualTo(10261).isEqualTo(g.get("voltage").size());
        // Arbin resets its accumulators at every cycle boundary in this file: cycle scope
        assertThat(ts.columns()).contains(Quantity.CYCLE_CHARGING_CAPACITY, Quantity.CYCLE_DISCHARGING_CAPACITY,
                Quantity.CYCLE_CHARGING_ENERGY, Quantity.CYCLE_DISCHARGING_ENERGY, Quantity.UNIX_TIME,
                Quantity.STEP_TIME, Quantity.STEP_INDEX, Quantity.CYCLE_COUNT, Quantity.RECORD_INDEX,
                Quantity.INTERNAL_RESISTANCE);
        assertThat(ts.columns()).doesNotContain(Quantity.CHARGING_CAPACITY, Quantity.TEMPERATURE_T1);
        assertThat(ts.metadata().vendor()).containsEntry("scope.Charge_Capacity", "cycle")
                .containsEntry("scope.Discharge_Energy", "cycle");

        compare(ts.column(Quantity.VOLTAGE), g.get("voltage"));
        compare(ts.column(Quantity.CURRENT), g.get("current"));
        compare(ts.column(Quantity.TEST_TIME), g.get("test_time"));
        compare(ts.column(Quantity.STEP_TIME), g.get("step_time"));
        compare(ts.column(Quantity.CYCLE_COUNT), g.get("cycle_index"));
        compare(ts.column(Quantity.STEP_INDEX), g.get("step_index"));
        compare(ts.column(Quantity.RECORD_INDEX), g.get("data_point"));
        compare(ts.column(Quantity.CYCLE_CHARGING_CAPACITY), g.get("charge_capacity"));
        compare(ts.column(Quantity.CYCLE_DISCHARGING_CAPACITY), g.get("discharge_capacity"));
        compare(ts.column(Quantity.CYCLE_CHARGING_ENERGY), g.get("charge_energy"));
        compare(ts.column(Quantity.CYCLE_DISCHARGING_ENERGY), g.get("discharge_energy"));

        double[] ir = ts.column(Quantity.INTERNAL_RESISTANCE);
        List<String> gir = g.get("internal_resistance");
        for (int i = 0; i < ir.length; i++) {
            double e = Double.parseDouble(gir.get(i));
            if (e == 0) {
                assertThat(ir[i]).as("IR row %d", i).isNaN();
            } else {
                assertThat(ir[i]).as("IR row %d", i).isCloseTo(e, within(1e-7 * Math.abs(e)));
            }
        }

        // cellpy reads the naive local DateTime as UTC: with --timezone UTC the instants agree to the microsecond
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
        long[] unix = ts.epochNanos();
        List<String> gdt = g.get("date_time");
        for (int i = 0; i < unix.length; i++) {
            Instant expected = LocalDateTime.parse(gdt.get(i), f).toInstant(ZoneOffset.UTC);
            long e = expected.getEpochSecond() * 1_000_000_000L + expected.getNano();
            assertThat(unix[i]).as("DateTime row %d", i).isCloseTo(e, within(2_000L));
        }
        assertThat(ts.metadata().startTime()).contains(Instant.parse("2016-08-05T16:16:23Z"));
        assertThat(ts.metadata().timezoneAssumed()).isFalse();
        assertThat(ts.metadata().format()).isEqualTo("arbin-res");
        assertThat(ts.metadata().sourceName()).isEqualTo("20160805_test001_45_cc_01.res");
        assertThat(ts.metadata().vendor())
                .containsEntry("schedule_file_name", "SiNODE\\24h_rest_3cyc_C20_100cyc_c10_MR.sdu")
                .containsEntry("test_name", "20160805_sic006_45_cc_01-01-003")
                .containsEntry("test_id", "1")
                .containsEntry("results_file_version", "Results File 5.26");
        assertThat(ts.metadata().warnings()).isEmpty();
        assertThat(ts.metadata().rows()).isEqualTo(10261);
    }

    private static void compare(double[] actual, List<String> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            double e = Double.parseDouble(expected.get(i));
            assertThat(actual[i]).as("row %d", i).isCloseTo(e, within(1e-7 * Math.abs(e) + 1e-15));
        }
    }

    @Test
    void naiveTimesFollowTheGivenZoneAndAreFlaggedWithoutOne() throws IOException {
        TimeSeries oslo = read(RES, ReadOptions.withTimezone(ZoneId.of("Europe/Oslo")));
        assertThat(oslo.metadata().startTime()).contains(Instant.parse("2016-08-05T14:16:23Z")); // CEST = UTC+2
        assertThat(oslo.epochNanos()[0]).isEqualTo(Instant.parse("2016-08-05T14:21:23Z").getEpochSecond() * 1_000_000_000L);
        TimeSeries none = read(RES, ReadOptions.DEFAULT);
        assertThat(none.metadata().timezoneAssumed()).isTrue();
        assertThat(none.metadata().flags()).contains("timezone_assumed");
        assertThat(none.metadata().startTime()).contains(Instant.parse("2016-08-05T16:16:23Z"));
    }

    @Test
    void cycleSummaryAgreesWithCellpy() throws IOException {
        TimeSeries.Collector normalized = new TimeSeries.Collector();
        CycleSummarizer summarizer = new CycleSummarizer(CyclingOptions.DEFAULT);
        new ArbinResReader().read(List.of(RES), ReadOptions.withTimezone(ZoneOffset.UTC),
                new Normalizer(Tee.of(normalized, summarizer), CyclingOptions.DEFAULT));
        TimeSeries ts = normalized.result();
        assertThat(ts.metadata().flags()).doesNotContain("time_mismatch");
        assertThat(ts.columns()).contains(Quantity.CHARGING_CAPACITY, Quantity.DISCHARGING_CAPACITY, Quantity.STEP_COUNT);
        double[] qc = ts.column(Quantity.CHARGING_CAPACITY);
        for (int i = 1; i < qc.length; i++) {
            assertThat(qc[i]).isGreaterThanOrEqualTo(qc[i - 1]);
        }
        CycleTable table = summarizer.result();
        assertThat(table.cycleRule()).isEqualTo("vendor");
        List<CycleSummary> cycles = table.cycles();
        assertThat(cycles).hasSize(18);

        List<String[]> rows = new ArrayList<>();
        List<String> header;
        try (BufferedReader r = Files.newBufferedReader(SUMMARY)) {
            header = List.of(r.readLine().split(","));
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(line.split(",", -1));
            }
        }
        int cc = header.indexOf("charge_capacity");
        int dc = header.indexOf("discharge_capacity");
        int cn = header.indexOf("cycle_num");
        int last = header.indexOf("datapoint_num_last");
        assertThat(rows).hasSize(18);
        for (int k = 0; k < 18; k++) {
            String[] row = rows.get(k);
            CycleSummary s = cycles.get(k);
            assertThat(s.cycleIndex()).isEqualTo(Long.parseLong(row[cn]));
            double qcCellpy = Double.parseDouble(row[cc]);
            double qdCellpy = Double.parseDouble(row[dc]);
            // cellpy's per-cycle capacity is the vendor accumulator's maximum in the cycle
            assertThat(s.vendorChargeCapacityAh()).as("vendor Qc cycle %d", k + 1)
                    .isCloseTo(qcCellpy, within(1e-9 * qcCellpy + 1e-15));
            assertThat(s.vendorDischargeCapacityAh()).as("vendor Qd cycle %d", k + 1)
                    .isCloseTo(qdCellpy, within(1e-9 * qdCellpy + 1e-15));
            // the trapezoid integral of the current agrees within 1 %
            assertThat(s.chargeCapacityAh()).as("integrated Qc cycle %d", k + 1).isCloseTo(qcCellpy, within(0.01 * qcCellpy));
            assertThat(s.dischargeCapacityAh()).as("integrated Qd cycle %d", k + 1).isCloseTo(qdCellpy, within(0.01 * qdCellpy));
            assertThat(s.flags()).doesNotContain("capacity_mismatch");
        }
        // MANIFEST: cycle 1 charge 0.001625406 Ah, discharge 0.001755094 Ah, last data point of cycle 1 = 1457
        assertThat(cycles.get(0).vendorChargeCapacityAh()).isCloseTo(0.001625406, within(1e-9));
        assertThat(cycles.get(0).vendorDischargeCapacityAh()).isCloseTo(0.001755094, within(1e-9));
        assertThat(Long.parseLong(rows.get(0)[last])).isEqualTo(1457);
        assertThat(cycles.get(0).samples()).isEqualTo(1457);
    }

    @Test
    void readsAuxiliaryTemperature() throws IOException {
        TimeSeries ts = read(AUX_RES, ReadOptions.withTimezone(ZoneOffset.UTC));
        assertThat(ts.size()).isEqualTo(7235);
        assertThat(ts.columns()).contains(Quantity.TEMPERATURE_T1).doesNotContain(Quantity.TEMPERATURE_T2, Quantity.AUX_VOLTAGE);
        double[] t = ts.column(Quantity.TEMPERATURE_T1);
        assertThat(t[0]).isCloseTo(24.406582, within(1e-5));
        assertThat(t[1]).isCloseTo(24.372744, within(1e-5));
        for (double v : t) {
            assertThat(v).isBetween(0.0, 60.0);
        }
        assertThat(ts.metadata().vendor()).containsKey("aux." + Quantity.TEMPERATURE_T1.label());
        assertThat(ts.metadata().vendor().get("aux." + Quantity.TEMPERATURE_T1.label())).contains("unit 'C'");
        assertThat(ts.metadata().warnings()).isEmpty();
        assertThat(ts.metadata().startTime()).contains(Instant.parse("2020-11-05T10:37:46Z"));
    }

    @Test
    void refusesFilesThatAreNotArbinResults() throws IOException {
        ArbinResReader reader = new ArbinResReader();
        Path text = tmp.resolve("data.res");
        Files.writeString(text, "Data_Point,Test_Time,Voltage\n1,0,3.7\n");
        assertThatThrownBy(() -> reader.read(List.of(text), ReadOptions.DEFAULT, new TimeSeries.Collector()))
                .isInstanceOf(InputException.class).hasMessageContaining("Standard Jet DB");
        Path empty = tmp.resolve("empty.res");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> reader.read(List.of(empty), ReadOptions.DEFAULT, new TimeSeries.Collector()))
                .isInstanceOf(InputException.class);
        Path other = ResFixtures.accessWithout(tmp.resolve("other.mdb"));
        assertThatThrownBy(() -> reader.read(List.of(other), ReadOptions.DEFAULT, new TimeSeries.Collector()))
                .isInstanceOf(InputException.class).hasMessageContaining("Channel_Normal_Table");
    }

    @Test
    void readsTheFirstOfSeveralTestsAndWarns() throws IOException {
        Path db = ResFixtures.twoTests(tmp.resolve("two.res"));
        TimeSeries ts = read(db, ReadOptions.withTimezone(ZoneOffset.UTC));
        assertThat(ts.size()).isEqualTo(6);
        assertThat(ts.column(Quantity.RECORD_INDEX)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(ts.column(Quantity.VOLTAGE)).containsExactly(3.0, 3.1, 3.2, 3.3, 3.4, 3.5);
        assertThat(ts.metadata().warnings()).anyMatch(w -> w.contains("2 tests") && w.contains("only Test_ID 1"));
        assertThat(ts.metadata().warnings()).anyMatch(w -> w.contains("rows of other tests"));
        // capacities that never reset are test-cumulative
        assertThat(ts.columns()).contains(Quantity.CHARGING_CAPACITY, Quantity.DISCHARGING_CAPACITY)
                .doesNotContain(Quantity.CYCLE_CHARGING_CAPACITY, Quantity.INTERNAL_RESISTANCE, Quantity.UNIX_TIME);
        assertThat(ts.column(Quantity.CHARGING_CAPACITY)).containsExactly(0, 0.1, 0.2, 0.3, 0.3, 0.3);
        assertThat(ts.metadata().vendor()).containsEntry("scope.Charge_Capacity", "test");
    }

    @Test
    void capacitiesResetWithinCyclesAreScheduleScoped() throws IOException {
        Path db = ResFixtures.stepResets(tmp.resolve("steps.res"));
        TimeSeries ts = read(db, ReadOptions.withTimezone(ZoneOffset.UTC));
        assertThat(ts.columns()).contains(Quantity.SCHEDULE_CHARGING_CAPACITY).doesNotContain(Quantity.CHARGING_CAPACITY);
        assertThat(ts.metadata().vendor()).containsEntry("scope.Charge_Capacity", "schedule");
    }

    @Test
    void refusesRecordsOutOfOrderWithoutAnIndex() throws IOException {
        Path db = ResFixtures.unordered(tmp.resolve("unordered.res"));
        assertThatThrownBy(() -> read(db, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("Data_Point order");
    }
}
