package tower.formats.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.formats.Formats;
import tower.formats.Reader;
import tower.formats.TestFiles;

/** Units the header leaves out, time that steps back and repeated records (issue 8 §2, §3), on real and generated files. */
class TimeAuditTest {
    static Path resource(String name) throws Exception {
        return Path.of(TimeAuditTest.class.getResource("/thirdparty/" + name).toURI());
    }

    static TimeSeries read(Path f) throws Exception {
        Reader r = Formats.forFile(f, Optional.empty());
        return TestFiles.read(r, f, ReadOptions.withTimezone(ZoneOffset.UTC)).series();
    }

    @Test
    void maccorModelTwoTestTimeInMinutesFollowsTheClock() throws Exception {
        // cellpy's maccor_002.txt: key/value header, 'TestTime'/'StepTime' in minutes with no unit, 'DPT Time'
        Path f = resource("cellpy/maccor_002.txt");
        TimeSeries s = read(f);
        assertThat(s.metadata().format()).isEqualTo("maccor-txt");
        assertThat(s.metadata().flags()).contains("unit_from_clock");
        assertThat(s.metadata().warnings()).anyMatch(w -> w.contains("a factor of 60") && w.contains("step time"));
        int last = s.size() - 1;
        double[] t = s.column(Quantity.TEST_TIME);
        // last row: TestTime 3809.841833 min, StepTime 843.026000 min (a 2.6-day test, not 63 minutes)
        assertThat(t[last]).isCloseTo(3809.841833 * 60, within(1e-6));
        assertThat(s.column(Quantity.STEP_TIME)[last]).isCloseTo(843.026 * 60, within(1e-6));
        long[] e = s.epochNanos();
        double clock = (e[last] - e[0]) / 1e9;
        assertThat(t[last] - t[0]).isCloseTo(clock, within(0.001 * clock));
    }

    @Test
    void bdfReferenceFileWithNineteenBackwardStepsIsRepairedByOffsets() throws Exception {
        // BDF project's reference file with Neware's known time bug: the first row of 19 steps reads test time 0
        Path f = resource("bdf/SINTEF__SLPBA842124HV__2024-10-23__Rate_25degC__Neware__Time_Bug.bdf.csv");
        TimeSeries s = read(f);
        assertThat(s.metadata().format()).isEqualTo("bdf-csv");
        assertThat(s.size()).isEqualTo(13086);
        assertThat(s.metadata().flags()).contains("time_repaired").doesNotContain("unit_from_clock");
        assertThat(s.metadata().warnings()).anyMatch(w -> w.contains("steps backwards 19 times") && w.contains("offsets"));
        double[] t = s.column(Quantity.TEST_TIME);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).as("row %d", i).isGreaterThanOrEqualTo(t[i - 1]);
        }
        // the glitch rows take the time of the row before; the rows after keep their own values
        assertThat(t[721]).isEqualTo(7200.0);
        assertThat(t[722]).isEqualTo(7200.0);
        assertThat(t[723]).isEqualTo(7200.01, within(1e-9));
        assertThat(t[t.length - 1]).isEqualTo(125628.17, within(1e-9));
    }

    @Test
    void bdfReferenceFileWithRepeatedRecordsCountsThemOnce() throws Exception {
        Path f = resource("bdf/SINTEF__G20M7-202512-Gru6mV__20251228__C30__25degC__Neware.bdf.csv");
        long lines;
        try (var l = Files.lines(f)) {
            lines = l.count() - 1;
        }
        TimeSeries s = read(f);
        assertThat(s.metadata().flags()).contains("duplicate_records");
        assertThat(s.metadata().warnings()).anyMatch(w -> w.startsWith("3 records repeat"));
        assertThat(s.size()).isEqualTo(lines - 3);
        assertThat(s.metadata().rows()).isEqualTo(lines - 3);
    }

    @Test
    void arbinCsvRepeatingOneDataPointTwentyOneTimesCountsItOnce(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("Data_Point,Test_Time,DateTime,Step_Time,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity\n");
        long t0 = 1_499_006_353L;
        for (int i = 0; i < 100; i++) {
            int copies = i == 40 ? 21 : 1;
            for (int c = 0; c < copies; c++) {
                b.append(String.format(java.util.Locale.ROOT, "%d,%d.0,%d.0,%d.0,1,1,1.1,%.4f,%.6f,0\n",
                        i, i * 10, t0 + i * 10L, i * 10, 3.5 + i * 0.001, 1.1 * i * 10 / 3600));
            }
        }
        Path f = dir.resolve("dup.csv");
        Files.writeString(f, b);
        TimeSeries s = read(f);
        assertThat(s.metadata().format()).isEqualTo("arbin-csv");
        assertThat(s.size()).isEqualTo(100);
        assertThat(s.column(Quantity.RECORD_INDEX)).containsExactly(java.util.stream.IntStream.range(0, 100).asDoubleStream().toArray());
        assertThat(s.metadata().flags()).containsExactly("duplicate_records");
        assertThat(s.metadata().warnings()).anyMatch(w -> w.startsWith("20 records repeat") && w.contains("record 42"));
    }

    /** A Neware-like BDF export whose test time restarts at every step while the clock runs on. */
    @Test
    void timeThatRestartsAtStepsIsRepairedFromTheClock(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("Test Time / s,Voltage / V,Current / A,Step Index / 1,Unix Time / s\n");
        double[] truth = new double[300];
        long t0 = 1_700_000_000L;
        double now = 0;
        double stepStart = 0;
        int step = 1;
        for (int i = 0; i < 300; i++) {
            if (i > 0 && i % 100 == 0) {
                now += 5; // a new step 5 s after the last row; its test time restarts at 0
                step++;
                stepStart = now;
            } else if (i > 0) {
                now += 10;
            }
            truth[i] = now;
            b.append(String.format(java.util.Locale.ROOT, "%.3f,3.7,%s,%d,%.3f\n", now - stepStart, step == 2 ? "0" : "1.0", step, t0 + now));
        }
        Path f = dir.resolve("reset.csv");
        Files.writeString(f, b);
        TimeSeries s = read(f);
        assertThat(s.metadata().flags()).contains("time_repaired").doesNotContain("unit_from_clock");
        assertThat(s.metadata().warnings()).anyMatch(w -> w.contains("steps backwards 2 times") && w.contains("repaired from the clock"));
        double[] t = s.column(Quantity.TEST_TIME);
        for (int i = 0; i < t.length; i++) {
            assertThat(t[i]).as("row %d", i).isCloseTo(truth[i], within(1e-6));
        }
    }

    @Test
    void millisecondsUnderASecondsLabelFollowTheClock(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("Test Time / s,Voltage / V,Current / A,Unix Time / s\n");
        for (int i = 0; i < 500; i++) {
            b.append(String.format(java.util.Locale.ROOT, "%d,3.7,1.0,%d\n", i * 1000, 1_700_000_000L + i));
        }
        Path f = dir.resolve("ms.csv");
        Files.writeString(f, b);
        TimeSeries s = read(f);
        assertThat(s.metadata().flags()).contains("unit_from_clock");
        assertThat(s.metadata().warnings()).anyMatch(w -> w.contains("a factor of 1/1000"));
        assertThat(s.column(Quantity.TEST_TIME)[499]).isEqualTo(499.0, within(1e-9));
    }

    @Test
    void aRateThatIsNoUnitFactorIsRefusedWithTheNumbers(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("Test Time / s,Voltage / V,Current / A,Unix Time / s\n");
        for (int i = 0; i < 500; i++) {
            b.append(String.format(java.util.Locale.ROOT, "%.1f,3.7,1.0,%d\n", i * 0.5, 1_700_000_000L + i));
        }
        Path f = dir.resolve("half.csv");
        Files.writeString(f, b);
        assertThatThrownBy(() -> read(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("half.csv: records ")
                .hasMessageContaining("test time advances 0.5 s per second of the clock")
                .hasMessageContaining("records 1–101: 50 s of test time in 100 s of clock")
                .hasMessageContaining("neither equal nor a clean unit factor");
    }

    @Test
    void agreeingClockAndPausesLeaveTheFileAlone(@TempDir Path dir) throws Exception {
        // a pause of 2 h in which the clock runs and test time does not: the median span still agrees
        StringBuilder b = new StringBuilder("Test Time / s,Voltage / V,Current / A,Unix Time / s\n");
        for (int i = 0; i < 2000; i++) {
            long clock = 1_700_000_000L + i * 10L + (i >= 1000 ? 7200 : 0);
            b.append(String.format(java.util.Locale.ROOT, "%d,3.7,1.0,%d\n", i * 10, clock));
        }
        Path f = dir.resolve("pause.csv");
        Files.writeString(f, b);
        TimeSeries s = read(f);
        assertThat(s.metadata().flags()).doesNotContain("unit_from_clock", "time_repaired", "duplicate_records");
        assertThat(s.column(Quantity.TEST_TIME)[1999]).isEqualTo(19990.0);
    }

    @Test
    void sharedFilesWithAClockAgreeWithIt() throws Exception {
        for (String name : List.of("battery-data-toolkit/arbin_example.csv", "PyProBE/sample_data_maccor.csv",
                "battery-data-toolkit/maccor_example.001", "beep/PreDiag_000229_000229_truncated.034",
                "PyProBE/Sample_data_biologic_CA1.txt", "cellpy/neware_uio.csv", "cellpy/pec.csv",
                "beep/test_Nova_Form-CH01-01_short.csv", "NewareNDA/TestFile.nda")) {
            TimeSeries s = read(TestFiles.shared(name));
            assertThat(s.metadata().flags()).as(name).doesNotContain("unit_from_clock");
        }
    }
}
