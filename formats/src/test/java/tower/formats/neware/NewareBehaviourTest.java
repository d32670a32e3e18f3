package tower.formats.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CycleSummarizer;
import tower.core.cycling.CycleTable;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;

class NewareBehaviourTest {
    static final Path IFE = Path.of(System.getProperty("tower.shared"), "data", "cellpy", "20260302_IFE_BTS85_2_9_8_1.ndax");
    static final Path DIR = NewareReferenceTest.DIR;

    @TempDir
    Path tmp;

    @Test
    void cellpyBts85NdaxHasTheExpectedRows() throws IOException {
        TimeSeries ts = NewareReferenceTest.read(new NdaxReader(), IFE, ReadOptions.DEFAULT);
        assertThat(ts.size()).isEqualTo(252951);
        assertThat(ts.metadata().vendor()).containsEntry("ndc_version", "17");
        // one temperature channel (type 103); the voltage (102) and 1122 channels are reported, not guessed
        assertThat(ts.has(Quantity.TEMPERATURE_T1)).isTrue();
        assertThat(ts.has(Quantity.TEMPERATURE_T2)).isFalse();
        assertThat(ts.metadata().warnings()).anyMatch(w -> w.contains("data_AUX_144_2_1.ndc") && w.contains("102"))
                .anyMatch(w -> w.contains("data_AUX_1_1022_1.ndc") && w.contains("1122"));
        double[] t1 = ts.column(Quantity.TEMPERATURE_T1);
        assertThat(Arrays.stream(t1).min().orElseThrow()).isBetween(20.0, 30.0);
        assertThat(ts.column(Quantity.RECORD_INDEX)[252950]).isEqualTo(252951);
        assertMonotonicTimes(ts);
        assertThat(ts.metadata().startTime()).isPresent();
    }

    @Test
    void testTimeFollowsWallClockInEveryNdax() throws IOException {
        for (Path f : List.of(IFE, DIR.resolve("TESTCELL0001-B2-2025-M50T_NewareNDA_Investigation.ndax"),
                DIR.resolve("46_1_5_60_ZZZZZZZZTEST_20250924092922.ndax"))) {
            TimeSeries ts = NewareReferenceTest.read(new NdaxReader(), f, ReadOptions.DEFAULT);
            assertMonotonicTimes(ts);
            double[] t = ts.column(Quantity.TEST_TIME);
            long[] u = ts.epochNanos();
            int n = ts.size();
            double wall = (u[n - 1] - u[0]) / 1e9;
            // test time is the sum of step durations; without pauses it tracks the wall clock
            assertThat(t[n - 1] - t[0]).as(f.getFileName().toString()).isCloseTo(wall, org.assertj.core.data.Offset.offset(wall * 0.01 + 2));
        }
    }

    private static void assertMonotonicTimes(TimeSeries ts) {
        double[] t = ts.column(Quantity.TEST_TIME);
        for (int r = 1; r < ts.size(); r++) {
            assertThat(t[r]).as("test time at row %d", r + 1).isGreaterThanOrEqualTo(t[r - 1]);
        }
    }

    @Test
    void normalisedAndSummarisedDownstream() throws IOException {
        Path f = DIR.resolve("TESTCELL0001-B2-2025-M50T_NewareNDA_Investigation.ndax");
        CycleSummarizer summarizer = new CycleSummarizer(CyclingOptions.DEFAULT);
        new NdaxReader().read(List.of(f), ReadOptions.DEFAULT, new Normalizer(summarizer, CyclingOptions.DEFAULT));
        CycleTable cycles = summarizer.result();
        assertThat(cycles.cycles()).hasSize(7);
        assertThat(cycles.cycles().get(1).dischargeCapacityAh()).isGreaterThan(1.0);
    }

    @Test
    void naiveTimesUseTheGivenZone() throws IOException {
        Path f = DIR.resolve("new_nda_file.nda");
        TimeSeries utc = NewareReferenceTest.read(new NdaReader(), f, ReadOptions.DEFAULT);
        TimeSeries berlin = NewareReferenceTest.read(new NdaReader(), f, ReadOptions.withTimezone(ZoneId.of("Europe/Berlin")));
        assertThat(berlin.metadata().timezoneAssumed()).isFalse();
        // 2020-03-25 is CET (+01:00)
        assertThat(utc.epochNanos()[0] - berlin.epochNanos()[0]).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void truncatedNdaKeepsTheWholeRecords() throws IOException {
        Path src = DIR.resolve("TestFile.nda");
        byte[] all = Files.readAllBytes(src);
        int cut = 1024 + 56 * 1000 + 20;
        Path f = tmp.resolve("cut.nda");
        Files.write(f, Arrays.copyOf(all, cut));
        TimeSeries ts = NewareReferenceTest.read(new NdaReader(), f, ReadOptions.DEFAULT);
        assertThat(ts.size()).isEqualTo(1000);
        assertThat(ts.metadata().flags()).contains("truncated");
        assertThat(ts.metadata().warnings()).anyMatch(w -> w.contains("ends inside"));
        // cut at a record boundary: the header's data length still tells
        Files.write(f, Arrays.copyOf(all, 1024 + 56 * 500));
        ts = NewareReferenceTest.read(new NdaReader(), f, ReadOptions.DEFAULT);
        assertThat(ts.size()).isEqualTo(500);
        assertThat(ts.metadata().flags()).contains("truncated");

        Path v29 = DIR.resolve("new_nda_file.nda");
        all = Files.readAllBytes(v29);
        Files.write(f, Arrays.copyOf(all, all.length - 40));
        ts = NewareReferenceTest.read(new NdaReader(), f, ReadOptions.DEFAULT);
        assertThat(ts.size()).isEqualTo(438);
        assertThat(ts.metadata().flags()).contains("truncated");

        Files.write(f, Arrays.copyOf(all, 1000));
        assertThatThrownBy(() -> NewareReferenceTest.read(new NdaReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("no data records");
    }

    @Test
    void truncatedNdaxIsRefused() throws IOException {
        byte[] all = Files.readAllBytes(DIR.resolve("TESTCELL0001-B2-2025-M50T_NewareNDA_Investigation.ndax"));
        Path f = tmp.resolve("cut.ndax");
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> NewareReferenceTest.read(new NdaxReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("cut.ndax");
    }

    @Test
    void unsupportedVersionsAreRefused() throws IOException {
        byte[] all = Files.readAllBytes(DIR.resolve("new_nda_file.nda"));
        all[14] = 8;
        Path f = tmp.resolve("v8.nda");
        Files.write(f, all);
        assertThatThrownBy(() -> NewareReferenceTest.read(new NdaReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("nda version 8 is not supported");
    }
}
