package tower.formats.batteryarchive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.formats.Probe;
import tower.formats.TestFiles;
import tower.formats.arbin.ArbinCsvReader;

class BatteryArchiveCsvReaderTest {
    private static final Path FILE = TestFiles.shared(
            "battery-data-toolkit/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv");
    private static final String HEADER = "Date_Time,Test_Time (s),Cycle_Index,Current (A),Voltage (V),Charge_Capacity (Ah),"
            + "Discharge_Capacity (Ah),Charge_Energy (Wh),Discharge_Energy (Wh),Environment_Temperature (C),"
            + "Cell_Temperature (C)\n";

    @Test
    void detectedAheadOfArbinAndNotOnArbinFiles() throws Exception {
        Probe p = Probe.of(FILE);
        assertThat(new BatteryArchiveCsvReader().detect(p)).isEqualTo(92);
        assertThat(new ArbinCsvReader().detect(p)).isLessThan(92);
        assertThat(new BatteryArchiveCsvReader().detect(Probe.of(TestFiles.shared("battery-data-toolkit/arbin_example.csv"))))
                .isZero();
    }

    @Test
    void readsTheExcerptWithLocalDatesAndCycleScopedCounters() throws Exception {
        var r = TestFiles.read(new BatteryArchiveCsvReader(), FILE, ReadOptions.withTimezone(ZoneId.of("America/New_York")));
        var ts = r.series();
        assertThat(ts.size()).isEqualTo(15);
        // 2010-09-02 14:35:40 EDT
        assertThat(ts.epochNanos()[0]).isEqualTo(Instant.parse("2010-09-02T18:35:40Z").getEpochSecond() * 1_000_000_000L);
        assertThat(ts.column(Quantity.TEST_TIME)[0]).isEqualTo(30.009);
        int last = ts.size() - 1;
        assertThat(ts.column(Quantity.CURRENT)[last]).isEqualTo(0.675);
        assertThat(ts.column(Quantity.VOLTAGE)[last]).isEqualTo(4.032);
        assertThat(ts.column(Quantity.CYCLE_CHARGING_CAPACITY)[last]).isEqualTo(0.059);
        assertThat(ts.column(Quantity.CHARGING_CAPACITY)[last]).isCloseTo(0.059, within(1e-12));
        assertThat(ts.column(Quantity.CHARGING_ENERGY)[last]).isCloseTo(0.236, within(1e-12));
        assertThat(ts.column(Quantity.AMBIENT_TEMPERATURE)[0]).isNaN();
        assertThat(ts.column(Quantity.TEMPERATURE_T1)[0]).isNaN();
        assertThat(ts.column(Quantity.CYCLE_COUNT)).containsOnly(1.0);
        var c = r.cycles().cycles().get(0);
        // Battery Archive's own counter is rounded to 1 mAh
        assertThat(c.chargeCapacityAh()).isCloseTo(c.vendorChargeCapacityAh(), within(0.002));
        assertThat(ts.metadata().timezoneAssumed()).isFalse();
    }

    @Test
    void countersRestartingAtEachCycleAddUpOverTheTest(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("two_timeseries.csv");
        Files.writeString(f, HEADER
                + "2010-09-02 14:00:00,0,1,1.0,3.9,0.0,0.0,0.0,0.0,25,26\n"
                + "2010-09-02 15:00:00,3600,1,1.0,4.1,1.0,0.0,4.0,0.0,25,26\n"
                + "2010-09-02 16:00:00,7200,1,-1.0,3.5,1.0,1.0,4.0,3.7,25,26\n"
                + "2010-09-02 16:00:01,7201,2,1.0,3.6,0.0,0.0,0.0,0.0,25,26\n"
                + "2010-09-02 17:00:01,10801,2,1.0,4.1,1.0,0.0,3.9,0.0,25,26\n");
        var ts = TestFiles.read(new BatteryArchiveCsvReader(), f, ReadOptions.DEFAULT).series();
        assertThat(ts.column(Quantity.CHARGING_CAPACITY)).containsExactly(0.0, 1.0, 1.0, 1.0, 2.0);
        assertThat(ts.column(Quantity.DISCHARGING_CAPACITY)).containsExactly(0.0, 0.0, 1.0, 1.0, 1.0);
        assertThat(ts.column(Quantity.AMBIENT_TEMPERATURE)).containsOnly(25.0);
        assertThat(ts.column(Quantity.TEMPERATURE_T1)).containsOnly(26.0);
        assertThat(ts.metadata().flags()).contains("timezone_assumed");
    }

    @Test
    void garbledAndTruncatedLinesNameTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad_timeseries.csv");
        Files.writeString(bad, HEADER + "2010-09-02 14:35:40,30.009,1.0,0.0,3.843,0.0,0.0,0.0,0.0,,\n"
                + "2010-09-02 14:36:10,60.025,1.0,0.0,3.8?4,0.0,0.0,0.0,0.0,,\n");
        assertThatThrownBy(() -> TestFiles.read(new BatteryArchiveCsvReader(), bad, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("bad_timeseries.csv: line 3: column 'Voltage (V)'");
        Path cut = dir.resolve("cut_timeseries.csv");
        Files.writeString(cut, HEADER + "2010-09-02 14:35:40,30.009,1.0,0.0,3.843,0.0,0.0,0.0,0.0,,\n"
                + "2010-09-02 14:36:10,60.025,1.0,0.0\n");
        assertThatThrownBy(() -> TestFiles.read(new BatteryArchiveCsvReader(), cut, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("cut_timeseries.csv: line 3:");
        Path date = dir.resolve("date_timeseries.csv");
        Files.writeString(date, HEADER + "2010-09-02 14:35:40,30.009,1.0,0.0,3.843,0.0,0.0,0.0,0.0,,\n"
                + "2010-09-02 14:6:1O,60.025,1.0,0.0,3.844,0.0,0.0,0.0,0.0,,\n");
        assertThatThrownBy(() -> TestFiles.read(new BatteryArchiveCsvReader(), date, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("date_timeseries.csv: line 3: column 'Date_Time'");
    }
}
