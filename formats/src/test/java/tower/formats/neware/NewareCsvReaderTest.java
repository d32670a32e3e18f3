package tower.formats.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CycleSummary;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.formats.Probe;
import tower.formats.TestFiles;
import tower.formats.arbin.ArbinCsvReader;
import tower.formats.bdf.BdfCsvReader;

class NewareCsvReaderTest {
    private static final Path UIO = TestFiles.shared("cellpy/neware_uio.csv");
    private static final String HEADER = "DataPoint,Cycle Index,Step Index,Step Type,Time,Cumulative Time,Current(A),"
            + "Voltage(V),Chg. Cap.(Ah),DChg. Cap.(Ah),Chg. Energy(Wh),DChg. Energy(Wh),Date\n";

    @Test
    void detectedFromTheHeaderOnly() throws Exception {
        Probe p = Probe.of(UIO);
        assertThat(new NewareCsvReader().detect(p)).isEqualTo(92);
        assertThat(new NewareRegularExportReader().detect(p)).isZero();
        assertThat(new ArbinCsvReader().detect(p)).isZero();
        assertThat(new BdfCsvReader().detect(p)).isZero();
    }

    @Test
    void cellpyFileReadsAllRowsWithVendorCyclesAndSteps() throws Exception {
        var r = TestFiles.read(new NewareCsvReader(), UIO, ReadOptions.withTimezone(ZoneId.of("Europe/Oslo")));
        var s = r.series();
        // cellpy tests/test_neware.py: len(raw) == 9065, len(summary) == 4
        assertThat(s.size()).isEqualTo(9065);
        assertThat(r.cycles().cycleRule()).isEqualTo("vendor");
        assertThat(r.cycles().cycles()).extracting(CycleSummary::cycleIndex).containsExactly(1L, 2L, 3L, 4L);
        assertThat(s.metadata().timezoneAssumed()).isFalse();
        int last = s.size() - 1;
        assertThat(s.column(Quantity.RECORD_INDEX)[last]).isEqualTo(9065);
        assertThat(s.column(Quantity.TEST_TIME)[last]).isEqualTo(144 * 3600 + 2 * 60 + 18); // Cumulative Time 144:02:18
        assertThat(s.column(Quantity.STEP_TIME)[last]).isEqualTo(3600 + 27 * 60); // Time 01:27:00
        assertThat(s.column(Quantity.VOLTAGE)[last]).isEqualTo(0.4251);
        assertThat(s.column(Quantity.CURRENT)[last]).isEqualTo(0.00099171);
        assertThat(s.column(Quantity.STEP_CHARGING_CAPACITY)[last]).isEqualTo(0.00143796);
        assertThat(s.column(Quantity.STEP_CHARGING_ENERGY)[last]).isEqualTo(0.00045529);
        // Date 2022-05-18 16:27:52 in Oslo (CEST, UTC+2)
        assertThat(s.epochNanos()[0]).isEqualTo(Instant.parse("2022-05-18T14:27:52Z").getEpochSecond() * 1_000_000_000L);
        // row 722 (DataPoint 722) opens the first CC DChg step; Neware current is signed, negative on discharge
        assertThat(StepType.ofOrdinal(s.stepTypes()[0])).isEqualTo(StepType.REST);
        assertThat(StepType.ofOrdinal(s.stepTypes()[721])).isEqualTo(StepType.CC_DISCHARGE);
        assertThat(s.column(Quantity.CURRENT)[721]).isEqualTo(-0.00024859);
        assertThat(StepType.ofOrdinal(s.stepTypes()[last])).isEqualTo(StepType.CC_CHARGE);
        assertThat(s.column(Quantity.STEP_COUNT)[last]).isEqualTo(32);
        // the step-scoped counters become test-cumulative ones that never decrease
        double[] qd = s.column(Quantity.DISCHARGING_CAPACITY);
        for (int i = 1; i < qd.length; i++) {
            assertThat(qd[i]).isGreaterThanOrEqualTo(qd[i - 1]);
        }
    }

    @Test
    void integratedCycleCapacitiesAgreeWithNewareCounters() throws Exception {
        var r = TestFiles.read(new NewareCsvReader(), UIO, ReadOptions.DEFAULT);
        // Neware's step counters summed over each cycle's steps (the last value of every step)
        double[][] vendor = {{0.00424934, 0.00508628}, {0.00424668, 0.00436841}, {0.00783477, 0.00797423},
                {0.00143796, 0.00331516}};
        double worst = 0;
        for (int k = 0; k < 4; k++) {
            CycleSummary c = r.cycles().cycles().get(k);
            assertThat(c.vendorChargeCapacityAh()).isCloseTo(vendor[k][0], within(1e-10));
            assertThat(c.vendorDischargeCapacityAh()).isCloseTo(vendor[k][1], within(1e-10));
            worst = Math.max(worst, Math.abs(c.chargeCapacityAh() / vendor[k][0] - 1));
            worst = Math.max(worst, Math.abs(c.dischargeCapacityAh() / vendor[k][1] - 1));
            assertThat(c.chargeCapacityAh()).as("cycle %d charge", c.cycleIndex())
                    .isCloseTo(vendor[k][0], within(0.005 * vendor[k][0]));
            assertThat(c.dischargeCapacityAh()).as("cycle %d discharge", c.cycleIndex())
                    .isCloseTo(vendor[k][1], within(0.005 * vendor[k][1]));
            assertThat(c.flags()).doesNotContain("capacity_mismatch");
        }
        System.out.printf("neware flat csv: worst relative difference integral vs Neware counters %.3f %%%n", worst * 100);
    }

    @Test
    void naiveDatesWithoutZoneAreFlagged() throws Exception {
        var r = TestFiles.read(new NewareCsvReader(), UIO, ReadOptions.DEFAULT);
        assertThat(r.series().metadata().flags()).contains("timezone_assumed");
    }

    @Test
    void stepWordsMapToStepTypes() {
        assertThat(NewareCsvColumns.stepType("Rest")).isEqualTo(StepType.REST);
        assertThat(NewareCsvColumns.stepType("CC Chg")).isEqualTo(StepType.CC_CHARGE);
        assertThat(NewareCsvColumns.stepType("CCCV Chg")).isEqualTo(StepType.CC_CHARGE);
        assertThat(NewareCsvColumns.stepType("CV Chg")).isEqualTo(StepType.CV_CHARGE);
        assertThat(NewareCsvColumns.stepType("CC DChg")).isEqualTo(StepType.CC_DISCHARGE);
        assertThat(NewareCsvColumns.stepType("CV DChg")).isEqualTo(StepType.CV_DISCHARGE);
        assertThat(NewareCsvColumns.stepType("CP DChg")).isEqualTo(StepType.CC_DISCHARGE);
        assertThat(NewareCsvColumns.stepType("Pulse")).isEqualTo(StepType.PULSE);
        assertThat(NewareCsvColumns.stepType("SIM")).isEqualTo(StepType.OTHER);
    }

    @Test
    void garbledLineNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("garbled.csv");
        Files.writeString(f, HEADER
                + "1,1,1,Rest,00:00:00,00:00:00,0.0,3.1,0,0,0,0,2022-05-18 16:27:52\n"
                + "2,1,2,CC Chg,00:00:10,00:00:10,0.5,3.x2,0.001,0,0.003,0,2022-05-18 16:28:02\n");
        assertThatThrownBy(() -> TestFiles.read(new NewareCsvReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("garbled.csv: line 3: column 'Voltage(V)': cannot read '3.x2'");
    }

    @Test
    void truncatedLineIsRefusedWithItsLineNumber(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cut.csv");
        Files.writeString(f, HEADER
                + "1,1,1,Rest,00:00:00,00:00:00,0.0,3.1,0,0,0,0,2022-05-18 16:27:52\n"
                + "2,1,2,CC Chg,00:00:10,00:00:10,0.5,3.2,0.00");
        assertThatThrownBy(() -> TestFiles.read(new NewareCsvReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("cut.csv: line 3:").hasMessageContaining("truncated");
    }

    @Test
    void badTimeAndDateTextsAreRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("date.csv");
        Files.writeString(f, HEADER + "1,1,1,Rest,00:00:00,00:00:00,0.0,3.1,0,0,0,0,18th of May\n");
        assertThatThrownBy(() -> TestFiles.read(new NewareCsvReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("line 2: column 'Date': cannot read '18th of May' (unrecognised date-time)");
        Path g = dir.resolve("time.csv");
        Files.writeString(g, HEADER + "1,1,1,Rest,00:00:00,12.5,0.0,3.1,0,0,0,0,2022-05-18 16:27:52\n");
        assertThatThrownBy(() -> TestFiles.read(new NewareCsvReader(), g, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("line 2: column 'Cumulative Time'");
    }

    @Test
    void windows1252AndUtf8HeadersReadAlike(@TempDir Path dir) throws Exception {
        String text = "DataPoint,Cycle Index,Step Index,Step Type,Time,Total Time,Current(mA),Voltage(V),Capacity(mAh),"
                + "Energy(mWh),T1(\u2103),Date\n"
                + "1,1,1,Rest,00:00:00,00:00:00,0,3.1,0,0,25.5,2022-05-18 16:27:52\n"
                + "2,1,2,CC DChg,00:00:00,00:00:10,-500,3.0,0,0,25.6,2022-05-18 16:28:02\n"
                + "3,1,2,CC DChg,00:00:10,00:00:20,-500,2.9,1.389,4.1,25.7,2022-05-18 16:28:12\n";
        Path utf8 = dir.resolve("u.csv");
        Files.writeString(utf8, text, StandardCharsets.UTF_8);
        // a legacy code page has no ℃: Neware writes '?'
        Path legacy = dir.resolve("w.csv");
        Files.write(legacy, text.replace('\u2103', '?').getBytes(java.nio.charset.Charset.forName("windows-1252")));
        var a = TestFiles.read(new NewareCsvReader(), utf8, ReadOptions.DEFAULT).series();
        var b = TestFiles.read(new NewareCsvReader(), legacy, ReadOptions.DEFAULT).series();
        assertThat(a.column(Quantity.TEMPERATURE_T1)).containsExactly(25.5, 25.6, 25.7);
        assertThat(b.column(Quantity.TEMPERATURE_T1)).containsExactly(a.column(Quantity.TEMPERATURE_T1));
        // one undirected counter, split by the step direction; mA and mAh from the header
        assertThat(a.column(Quantity.CURRENT)).containsExactly(0, -0.5, -0.5);
        assertThat(a.column(Quantity.STEP_DISCHARGING_CAPACITY)[2]).isEqualTo(0.001389, within(1e-15));
        assertThat(a.column(Quantity.STEP_CHARGING_CAPACITY)[2]).isZero();
        assertThat(a.column(Quantity.STEP_DISCHARGING_ENERGY)[2]).isEqualTo(0.0041, within(1e-15));
    }
}
