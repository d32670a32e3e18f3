package tower.formats.pec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CycleSummary;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.formats.Detection;
import tower.formats.TestFiles;

class PecCsvReaderTest {
    private static final Path FILE = TestFiles.shared("cellpy/pec.csv");
    private final PecCsvReader reader = new PecCsvReader();

    @Test
    void cellpyReferenceValues() throws Exception {
        assertThat(Detection.best(FILE, Detection.newReaders())).isEqualTo("pec-csv");
        var r = TestFiles.read(reader, FILE, ReadOptions.withTimezone(ZoneOffset.UTC));
        TimeSeries s = r.series();
        assertThat(s.size()).isEqualTo(16255);
        var md = s.metadata();
        assertThat(md.startTime()).contains(Instant.parse("2019-02-22T16:21:35Z"));
        assertThat(md.vendor()).containsEntry("test", "187").containsEntry("testregime_name", "SAFT VL43EFe dQdV C/25");
        // units from the header: mV, mA, mAh, mWh
        assertThat(s.column(Quantity.VOLTAGE)[0]).isEqualTo(3.272632, within(1e-9));
        assertThat(s.column(Quantity.CURRENT)[5]).isEqualTo(-1.6339, within(1e-9));
        assertThat(s.column(Quantity.CYCLE_DISCHARGING_CAPACITY)[6]).isEqualTo(0.000455, within(1e-12));
        assertThat(s.column(Quantity.CYCLE_DISCHARGING_ENERGY)[6]).isEqualTo(0.001487, within(1e-12));
        assertThat(s.column(Quantity.DISCHARGING_CAPACITY)[6]).isEqualTo(0.000455, within(1e-12));
        // the vendor cycle is kept (cellpy adds 1 to make its minimum 1)
        assertThat(Arrays.stream(s.column(Quantity.CYCLE_COUNT)).min().getAsDouble()).isZero();
        assertThat(s.column(Quantity.TEST_TIME)[0]).isEqualTo(1.0);
        assertThat(s.epochNanos()[0]).isEqualTo(Instant.parse("2019-02-22T16:23:27Z").getEpochSecond() * 1_000_000_000L);
        assertThat(s.column(Quantity.TEMPERATURE_T1)[0]).isEqualTo(24.9);
        assertThat(s.column(Quantity.AMBIENT_TEMPERATURE)[0]).isEqualTo(25.83);
        // PEC restarts its counters every cycle; cycle 1 charged 44.424915 Ah by the vendor's count
        CycleSummary c1 = r.cycles().cycles().stream().filter(c -> c.cycleIndex() == 1).findFirst().orElseThrow();
        assertThat(c1.vendorChargeCapacityAh()).isEqualTo(44.424915, within(1e-6));
        assertThat(c1.chargeCapacityAh()).isCloseTo(44.424915, within(0.01 * 44.424915));
        assertThat(c1.flags()).doesNotContain("capacity_mismatch");
    }

    @Test
    void naiveTimesWithoutZoneAreFlagged() throws Exception {
        var s = TestFiles.read(reader, FILE, ReadOptions.DEFAULT).series();
        assertThat(s.metadata().timezoneAssumed()).isTrue();
    }

    @Test
    void truncatedAndGarbledLinesAreReportedWithTheirLineNumbers(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(FILE, StandardCharsets.UTF_8).subList(0, 60));
        Path f = dir.resolve("pec.csv");
        List<String> cut = new ArrayList<>(lines);
        cut.set(49, cut.get(49).substring(0, 30));
        Files.write(f, cut, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("pec.csv: line 50: expected");
        List<String> garbled = new ArrayList<>(lines);
        garbled.set(49, garbled.get(49).replaceFirst(",3\\d{3}\\.", ",3x"));
        Files.write(f, garbled, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("pec.csv: line 50: column 'Voltage (mV)': cannot read '3x");
    }

    @Test
    void timeAndElectricalUnitsComeFromTheHeader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("units.csv");
        Files.writeString(f, "Test:,9\nStart Time:,03/01/2020 10:00:00\n"
                + "Test,Cell,Rack,Shelf,Position,Cell ID,Step,Cycle,Total Time (Hours in hh:mm:ss.xxx),"
                + "Step Time (Decimal Hours),Real Time,Voltage (V),Current (A),Charge Capacity (Ah),Discharge Capacity (Ah),"
                + "Charge Capacity (Wh),Discharge Capacity (Wh)\n"
                + "9,1,R1,001,1,,1,1,00:00:01.500,0.5,03/01/2020 10:00:01,3.5,2,0.1,0,0.35,0\n"
                + "9,1,R1,001,1,,1,1,30:00:00.000,1.25,03/02/2020 16:00:00,3.6,-2,0.1,0.2,0.35,0.7\n");
        TimeSeries s = TestFiles.read(reader, f, ReadOptions.withTimezone(ZoneOffset.UTC)).series();
        assertThat(s.column(Quantity.TEST_TIME)).containsExactly(1.5, 108000.0);
        assertThat(s.column(Quantity.STEP_TIME)).containsExactly(1800.0, 4500.0);
        assertThat(s.column(Quantity.CURRENT)).containsExactly(2.0, -2.0);
        assertThat(s.column(Quantity.CYCLE_CHARGING_ENERGY)).containsExactly(0.35, 0.35);
        assertThat(s.column(Quantity.CYCLE_DISCHARGING_CAPACITY)).containsExactly(0.0, 0.2);
        assertThat(s.metadata().startTime()).contains(Instant.parse("2020-03-01T10:00:00Z"));
    }

    @Test
    void secondCellIsRefused(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(FILE, StandardCharsets.UTF_8).subList(0, 60));
        lines.set(55, lines.get(55).replaceFirst("^187,1,", "187,2,"));
        Path f = dir.resolve("two.csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("two.csv: line 56: data of a second cell");
    }
}
