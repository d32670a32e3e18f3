package tower.formats.arbin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CycleSummary;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.formats.Formats;
import tower.formats.TestFiles;

class ArbinCsvReaderTest {
    @Test
    void classicLayoutReadsAllRowsWithVendorCyclesAndEpochTimes() throws Exception {
        Path f = TestFiles.shared("battery-data-toolkit/arbin_example.csv");
        assertThat(Formats.forFile(f, java.util.Optional.empty()).info().id()).isEqualTo("arbin-csv");
        var r = TestFiles.read(f);
        assertThat(r.series().size()).isEqualTo(2142);
        assertThat(r.series().metadata().timezoneAssumed()).isFalse();
        assertThat(r.series().epochNanos()[0]).isEqualTo(1499006353L * 1_000_000_000L);
        assertThat(r.cycles().cycleRule()).isEqualTo("vendor");
        assertThat(r.cycles().cycles()).extracting(CycleSummary::cycleIndex).containsExactly(1L, 2L);
        CycleSummary c1 = r.cycles().cycles().get(0);
        // Cycle 1 starts part-way (the vendor counter reads 0.88 Ah at row 1): the integrated charge must agree
        // with the vendor's increments, not with its absolute reading.
        assertThat(c1.chargeCapacityAh()).isCloseTo(c1.vendorChargeCapacityAh(), within(0.01 * c1.vendorChargeCapacityAh()));
        assertThat(c1.dischargeCapacityAh()).isCloseTo(1.0723603, within(0.005));
        assertThat(c1.flags()).doesNotContain("capacity_mismatch");
        // test-cumulative capacity never decreases although Arbin resets its counter at cycle 2
        double[] q = r.series().column(Quantity.CHARGING_CAPACITY);
        for (int i = 1; i < q.length; i++) {
            assertThat(q[i]).isGreaterThanOrEqualTo(q[i - 1]);
        }
    }

    @Test
    void mitsProLayoutWithBomUnitsAndLocalDates() throws Exception {
        Path f = TestFiles.shared("PyProBE/sample_data_arbin.csv");
        var r = TestFiles.read(new ArbinCsvReader(), f, ReadOptions.withTimezone(ZoneId.of("Europe/London")));
        assertThat(r.series().size()).isEqualTo(13);
        int last = r.series().size() - 1;
        assertThat(r.series().column(Quantity.TEST_TIME)[last]).isEqualTo(301.214, within(1e-9));
        assertThat(r.series().column(Quantity.CURRENT)[last]).isEqualTo(2.650138, within(1e-9));
        assertThat(r.series().column(Quantity.VOLTAGE)[last]).isEqualTo(3.599601, within(1e-9));
        assertThat(r.series().column(Quantity.TEMPERATURE_T1)[last]).isEqualTo(24.68785, within(1e-9));
        // 2024-09-20 08:37:05.772 BST = 07:37:05.772 UTC
        assertThat(r.series().epochNanos()[last]).isEqualTo(
                java.time.Instant.parse("2024-09-20T07:37:05.772Z").toEpochMilli() * 1_000_000L);
    }

    @Test
    void naiveDatesWithoutZoneAreFlaggedNotSilentlyUtc() throws Exception {
        var r = TestFiles.read(TestFiles.shared("PyProBE/sample_data_arbin.csv"));
        assertThat(r.series().metadata().timezoneAssumed()).isTrue();
        assertThat(r.series().metadata().flags()).contains("timezone_assumed");
        assertThat(r.series().metadata().warnings()).anyMatch(w -> w.contains("UTC assumed"));
    }

    @Test
    void emptyCycleColumnIsDerivedByRuleWithAWarning() throws Exception {
        var r = TestFiles.read(TestFiles.shared("beep/2017-05-09_test-TC-contact_CH33.csv"));
        assertThat(r.series().size()).isEqualTo(287);
        assertThat(r.series().has(Quantity.CYCLE_COUNT)).isFalse();
        assertThat(r.cycles().cycleRule()).isEqualTo("charge_first");
        assertThat(r.series().metadata().warnings()).anyMatch(w -> w.contains("Cycle_Index"));
    }

    @Test
    void textInANumericColumnNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "Data_Point,Test_Time,Current,Voltage\n1,0,0.5,3.3\n2,1,abc,3.4\n");
        assertThatThrownBy(() -> TestFiles.read(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.csv: line 3: column 'Current': cannot read 'abc'");
    }

    @Test
    void unknownUnitIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("unit.csv");
        Files.writeString(f, "Data Point,Test Time (fortnights),Current (A),Voltage (V)\n1,0,0.5,3.3\n");
        assertThatThrownBy(() -> TestFiles.read(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("unknown unit 'fortnights'");
    }

    @Test
    void milliampHeaderIsConvertedFromTheHeaderNotTheMagnitude(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ma.csv");
        Files.writeString(f, "Data Point,Test Time (s),Current (mA),Voltage (V)\n1,0,1500,3.3\n2,1,-2,3.2\n");
        var r = TestFiles.read(f);
        assertThat(r.series().column(Quantity.CURRENT)).containsExactly(1.5, -0.002);
    }
}
