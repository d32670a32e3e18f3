package tower.formats.maccor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TimeSeries;
import tower.formats.Detection;
import tower.formats.Probe;
import tower.formats.TestFiles;

class MaccorTextReaderTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private final MaccorTextReader reader = new MaccorTextReader();

    private static long nanos(String localIso, ZoneId zone) {
        Instant i = LocalDateTime.parse(localIso).atZone(zone).toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void oneLineHeaderWithSignedDischargeAndChannelFromTheRecordedFileName() throws Exception {
        Path f = TestFiles.shared("beep/PredictionDiagnostics_000151_test.052");
        assertThat(Detection.best(f, Detection.newReaders())).isEqualTo("maccor-txt");
        assertThat(reader.companions(f)).containsExactly(f);
        TimeSeries s = TestFiles.read(reader, f, ReadOptions.DEFAULT).series();
        assertThat(s.size()).isEqualTo(333);
        var md = s.metadata();
        assertThat(md.format()).isEqualTo("maccor-txt");
        assertThat(md.vendor()).containsEntry("channel", "52").containsEntry("barcode", "00001E")
                .containsEntry("procedure", "PredictionDiagnostics_000151.000").containsEntry("date_of_test", "10/10/2019");
        assertThat(md.timezoneAssumed()).isTrue();
        assertThat(s.column(Quantity.CYCLE_COUNT)).containsOnly(37.0);
        assertThat(s.column(Quantity.STEP_INDEX)).containsOnly(44.0);
        assertThat(s.column(Quantity.RECORD_INDEX)[0]).isEqualTo(249791);
        assertThat(s.column(Quantity.TEST_TIME)[0]).isEqualTo(769267.24, within(1e-9));
        assertThat(s.column(Quantity.TEST_TIME)[332]).isEqualTo(769270.57, within(1e-9));
        assertThat(s.column(Quantity.CURRENT)[0]).isEqualTo(-4.8400091554, within(1e-12));
        assertThat(s.column(Quantity.VOLTAGE)[0]).isEqualTo(3.86823835, within(1e-12));
        assertThat(s.column(Quantity.STEP_DISCHARGING_CAPACITY)[0]).isEqualTo(0.0191579754, within(1e-12));
        assertThat(s.column(Quantity.STEP_CHARGING_CAPACITY)[0]).isZero();
        assertThat(s.column(Quantity.STEP_DISCHARGING_ENERGY)[0]).isEqualTo(0.0744874270, within(1e-12));
        assertThat(StepType.ofOrdinal(s.stepTypes()[0])).isEqualTo(StepType.CC_DISCHARGE);
        // the slice crosses midnight: 10/21/2019 23:59:59 -> 10/22/2019 00:00:02
        assertThat(s.epochNanos()[0]).isEqualTo(nanos("2019-10-21T23:59:59", UTC));
        assertThat(s.epochNanos()[332]).isEqualTo(nanos("2019-10-22T00:00:02", UTC));
        // Maccor writes exactly midnight as a bare date ("10/22/2019", line 47)
        assertThat(s.epochNanos()[44]).isEqualTo(nanos("2019-10-22T00:00:00", UTC));
        assertThat(md.startTime()).contains(Instant.parse("2019-10-21T23:59:59Z"));
        // zero resistances mean "not measured"
        assertThat(s.column(Quantity.DC_INTERNAL_RESISTANCE)).containsOnly(Double.NaN);
    }

    @Test
    void truncatedDiagnosticFileCarriesChargeAndDischargeAcrossCycles() throws Exception {
        Path f = TestFiles.shared("beep/PreDiag_000229_000229_truncated.034");
        var r = TestFiles.read(reader, f, ReadOptions.withTimezone(ZoneId.of("America/Los_Angeles")));
        TimeSeries s = r.series();
        assertThat(s.size()).isEqualTo(4061);
        assertThat(s.metadata().vendor()).containsEntry("channel", "34").containsEntry("barcode", "000229");
        assertThat(s.metadata().timezoneAssumed()).isFalse();
        double[] i = s.column(Quantity.CURRENT);
        assertThat(i[361]).isEqualTo(4.8455024033, within(1e-12)); // rec 362, state C
        assertThat(i[1246]).isEqualTo(-0.6985580224, within(1e-12)); // rec 1247, state D
        assertThat(s.column(Quantity.CYCLE_COUNT)[0]).isZero();
        assertThat(s.column(Quantity.CYCLE_COUNT)[4060]).isEqualTo(1);
        // the step counters restart every step; the test-cumulative columns add the step totals
        double[] q = s.column(Quantity.CHARGING_CAPACITY);
        assertThat(q[4060]).isEqualTo(0.0013437400 + 3.8515574693 + 4.7733510840, within(1e-9));
        assertThat(s.column(Quantity.DISCHARGING_CAPACITY)[4060]).isEqualTo(4.7626133936 + 0.0000039788, within(1e-9));
        for (int k = 1; k < q.length; k++) {
            assertThat(q[k]).isGreaterThanOrEqualTo(q[k - 1]);
        }
        // 12/16/2019 14:03:25 Pacific = 22:03:25 UTC
        assertThat(s.epochNanos()[0]).isEqualTo(Instant.parse("2019-12-16T22:03:25Z").getEpochSecond() * 1_000_000_000L);
        assertThat(r.cycles().cycles()).isNotEmpty();
        assertThat(r.cycles().cycleRule()).isEqualTo("vendor");
    }

    @Test
    void dayHourMinuteSecondTestTimeAndMultiLetterStates() throws Exception {
        Path f = TestFiles.shared("beep/maccor_test_file_4267-66-6519.041");
        TimeSeries s = TestFiles.read(reader, f, ReadOptions.DEFAULT).series();
        assertThat(s.size()).isEqualTo(74);
        assertThat(s.column(Quantity.TEST_TIME)[1]).isEqualTo(1.0);
        assertThat(s.column(Quantity.TEST_TIME)[73]).isEqualTo(10.0);
        assertThat(s.metadata().vendor()).containsEntry("procedure", "EIS 1.000FRA default").containsEntry("channel", "41")
                .doesNotContainKey("barcode");
        assertThat(StepType.ofOrdinal(s.stepTypes()[0])).isEqualTo(StepType.REST);
        assertThat(StepType.ofOrdinal(s.stepTypes()[11])).isEqualTo(StepType.OTHER); // FRA
        assertThat(s.epochNanos()[73]).isEqualTo(nanos("2016-11-02T16:03:24", UTC));
    }

    @Test
    void continuationFilesAreOneTestWithDatedTimesOfDayAndContinuingTestTime() throws Exception {
        Path first = TestFiles.shared("battery-data-toolkit/maccor_example.001");
        Path second = TestFiles.shared("battery-data-toolkit/maccor_example.002");
        assertThat(reader.detect(Probe.of(second))).isPositive();
        assertThat(reader.companions(first)).containsExactly(first, second);
        TimeSeries s = TestFiles.read(reader, first, ReadOptions.DEFAULT).series();
        assertThat(s.size()).isEqualTo(16);
        assertThat(s.metadata().vendor()).containsEntry("continuation_files", "maccor_example.002")
                .containsEntry("channel", "1");
        long[] t = s.epochNanos();
        assertThat(t[0]).isEqualTo(nanos("2016-03-31T16:05:31", UTC));
        assertThat(t[7]).isEqualTo(nanos("2016-03-31T16:06:41", UTC));
        // .002 gives only 16:05:31: the next day, as its Date of Test (04/01/2016) and the clock order say
        assertThat(t[8]).isEqualTo(nanos("2016-04-01T16:05:31", UTC));
        assertThat(t[15]).isEqualTo(nanos("2016-04-01T16:06:41", UTC));
        double[] tt = s.column(Quantity.TEST_TIME);
        assertThat(tt[7]).isEqualTo(1.1667 * 60, within(1e-9)); // 'Test (Min)'
        for (int k = 1; k < 16; k++) {
            assertThat(t[k]).isGreaterThanOrEqualTo(t[k - 1]);
            assertThat(tt[k]).isGreaterThan(tt[k - 1]);
        }
        // test time continues across the file boundary and follows the clock gap
        assertThat(tt[8] - tt[7]).isEqualTo((t[8] - t[7]) / 1e9, within(1e-6));
        assertThat(s.column(Quantity.RECORD_INDEX)[15]).isEqualTo(16);
        assertThat(s.metadata().flags()).doesNotContain("time_mismatch");
    }

    @Test
    void continuationFilesInReverseOrderAreRefused() {
        Path first = TestFiles.shared("battery-data-toolkit/maccor_example.001");
        Path second = TestFiles.shared("battery-data-toolkit/maccor_example.002");
        var sink = new tower.core.series.TimeSeries.Collector();
        assertThatThrownBy(() -> reader.read(List.of(second, first), ReadOptions.DEFAULT, sink))
                .isInstanceOf(InputException.class).hasMessageContaining("maccor_example.001: line 1:")
                .hasMessageContaining("out of order");
    }

    @Test
    void filesOfOtherChannelsWithTheSameBaseNameAreNotContinuations(@TempDir Path dir) throws Exception {
        Path src = TestFiles.shared("battery-data-toolkit/maccor_example.001");
        Path a = dir.resolve("cell.001");
        Path b = dir.resolve("cell.002");
        Files.copy(src, a);
        Files.writeString(b, Files.readString(src, StandardCharsets.ISO_8859_1).replace("1a.001", "1b.002"),
                StandardCharsets.ISO_8859_1);
        assertThat(reader.companions(a)).containsExactly(a);
    }

    @Test
    void keyValueHeaderWithAuxColumnsMatchesCellpyGolden() throws Exception {
        Path f = TestFiles.shared("cellpy/maccor_001.txt");
        assertThat(Detection.best(f, Detection.newReaders())).isEqualTo("maccor-txt");
        TimeSeries s = TestFiles.read(reader, f, ReadOptions.withTimezone(UTC)).series();
        assertThat(s.size()).isEqualTo(6704);
        assertThat(s.metadata().vendor()).containsEntry("channel", "1").containsEntry("procedure", "M50_Validation.000")
                .containsEntry("recorded_file_name", "M50_Validation_0deg_01");
        // all 16 aux thermocouples read about -2500 C: open sensors, left out with a warning
        assertThat(s.has(Quantity.TEMPERATURE_T1)).isFalse();
        assertThat(s.metadata().warnings()).anyMatch(w -> w.contains("Aux #1") && w.contains("no sensor"));

        List<Map<String, String>> golden = golden("cellpy/goldens/loader_maccor_txt/raw.parquet.csv.gz");
        assertThat(golden).hasSize(6704);
        double[] v = s.column(Quantity.VOLTAGE);
        double[] i = s.column(Quantity.CURRENT);
        double[] t = s.column(Quantity.TEST_TIME);
        double[] st = s.column(Quantity.STEP_TIME);
        double[] qc = s.column(Quantity.STEP_CHARGING_CAPACITY);
        double[] qd = s.column(Quantity.STEP_DISCHARGING_CAPACITY);
        long[] clock = s.epochNanos();
        for (int k = 0; k < golden.size(); k++) {
            Map<String, String> g = golden.get(k);
            assertThat(v[k]).as("voltage row %d", k).isEqualTo(Double.parseDouble(g.get("voltage")), within(1e-9));
            assertThat(i[k]).as("current row %d", k).isEqualTo(Double.parseDouble(g.get("current")), within(1e-9));
            assertThat(t[k]).as("test time row %d", k).isEqualTo(Double.parseDouble(g.get("test_time")), within(1e-6));
            assertThat(st[k]).as("step time row %d", k).isEqualTo(Double.parseDouble(g.get("step_time")), within(1e-6));
            assertThat(clock[k]).as("date_time row %d", k)
                    .isEqualTo(nanos(g.get("date_time").replace(' ', 'T'), UTC));
            // cellpy carries the last value through other states; compare where the state names the direction
            switch (g.get("State")) {
                case "C" -> assertThat(qc[k]).as("charge capacity row %d", k)
                        .isEqualTo(Double.parseDouble(g.get("charge_capacity")), within(1e-9));
                case "D" -> assertThat(qd[k]).as("discharge capacity row %d", k)
                        .isEqualTo(Double.parseDouble(g.get("discharge_capacity")), within(1e-9));
                default -> { }
            }
        }
    }

    @Test
    void truncatedLineIsReportedWithItsLineNumber(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(TestFiles.shared("beep/PredictionDiagnostics_000151_test.052"),
                StandardCharsets.ISO_8859_1);
        List<String> cut = new ArrayList<>(lines.subList(0, 12));
        cut.set(11, String.join("\t", java.util.Arrays.copyOf(cut.get(11).split("\t"), 5)));
        Path f = dir.resolve("cut.052");
        Files.write(f, cut, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("cut.052: line 12: expected 38 fields, found 5");
    }

    @Test
    void garbledValuesAreReportedWithLineAndColumn(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestFiles.shared("battery-data-toolkit/maccor_example.001"),
                StandardCharsets.ISO_8859_1));
        lines.set(4, lines.get(4).replace("3.30571450", "3.3O571450"));
        Path f = dir.resolve("bad.001");
        Files.write(f, lines, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.001: line 5: column 'Volts': cannot read '3.3O571450'");
        lines.set(4, lines.get(4).replace("3.3O571450", "3.30571450").replace("03/31/2016 16:05:51", "31/31/2016 16:05:51"));
        Files.write(f, lines, StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.001: line 5: column 'DPt Time'");
    }

    @Test
    void headerWithoutCurrentIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.001");
        Files.writeString(f, "Today's Date 04/04/2016  Date of Test:\t03/31/2016\n"
                + "Rec#\tCyc#\tStep\tTest (Sec)\tVolts\n1\t0\t1\t0\t3.3\n");
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("x.001: line 2: Maccor header lacks");
    }

    static List<Map<String, String>> golden(String relative) throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(TestFiles.shared(relative))),
                StandardCharsets.UTF_8))) {
            String[] header = in.readLine().split(",", -1);
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], f[c]);
                }
                out.add(row);
            }
        }
        return out;
    }
}
