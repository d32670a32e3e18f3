package tower.formats.basytec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.formats.Probe;
import tower.formats.TestFiles;

class BasytecTxtReaderTest {
    private static final Path FILE = TestFiles.shared("PyProBE/sample_data_basytec.txt");
    private static final ReadOptions BERLIN = ReadOptions.withTimezone(ZoneId.of("Europe/Berlin"));

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void detectsTheResultfileSignature() throws Exception {
        assertThat(new BasytecTxtReader().detect(Probe.of(FILE))).isEqualTo(100);
    }

    @Test
    void rowTimesAreTheStartOfTestPlusTheTestTime() throws Exception {
        var ts = TestFiles.read(new BasytecTxtReader(), FILE, BERLIN).series();
        assertThat(ts.size()).isEqualTo(74);
        // PyProBE: Date[0] == '2023-06-19 17:56:53.000000', Date[2] == '2023-06-19 17:56:54.002823' (local, CEST)
        assertThat(ts.epochNanos()[0]).isEqualTo(nanos("2023-06-19T15:56:53Z"));
        assertThat(ts.epochNanos()[2]).isEqualTo(nanos("2023-06-19T15:56:54.002823Z"));
        assertThat(ts.metadata().startTime()).contains(Instant.parse("2023-06-19T15:56:53Z"));
        assertThat(ts.metadata().timezoneAssumed()).isFalse();
    }

    @Test
    void finalRowMatchesPyProBE() throws Exception {
        var ts = TestFiles.read(new BasytecTxtReader(), FILE, BERLIN).series();
        int last = ts.size() - 1;
        // PyProBE final row: Time 70.235804 s, Step 4, Current 0.449602 A, Voltage 3.53285 V,
        // Capacity 0.001248916998009 Ah (net charge since start), Temperature 25.47953 °C
        assertThat(ts.column(Quantity.TEST_TIME)[last]).isCloseTo(70.235804, within(1e-6));
        assertThat(ts.column(Quantity.STEP_INDEX)[last]).isEqualTo(4.0);
        assertThat(ts.column(Quantity.CURRENT)[last]).isCloseTo(0.449602, within(1e-6));
        assertThat(ts.column(Quantity.VOLTAGE)[last]).isCloseTo(3.53285, within(1e-5));
        assertThat(ts.column(Quantity.TEMPERATURE_T1)[last]).isEqualTo(25.47953);
        double net = ts.column(Quantity.CHARGING_CAPACITY)[last] - ts.column(Quantity.DISCHARGING_CAPACITY)[last];
        assertThat(net).isCloseTo(0.001248916998009, within(1e-15));
        assertThat(ts.column(Quantity.CHARGING_ENERGY)[last]).isCloseTo(0.00441094744918941, within(1e-15));
        assertThat(StepType.ofOrdinal(ts.stepTypes()[0])).isEqualTo(StepType.REST);
        assertThat(StepType.ofOrdinal(ts.stepTypes()[last])).isEqualTo(StepType.CC_CHARGE);
        // PyProBE counts one step change (Event 1); the vendor's Cyc-Count is 0 on the very first record and 1
        // afterwards, which is one more step boundary here
        assertThat(ts.column(Quantity.STEP_COUNT)[last]).isEqualTo(3.0);
        assertThat(ts.column(Quantity.CYCLE_COUNT)[0]).isEqualTo(0.0);
        assertThat(ts.column(Quantity.CYCLE_COUNT)[last]).isEqualTo(1.0);
        assertThat(ts.metadata().vendor()).containsEntry("Testchannel", "1814 CH14 XCTS_40")
                .containsEntry("Testplan", "plan.pln");
    }

    @Test
    void integratedChargeAgreesWithTheVendorCounter() throws Exception {
        var r = TestFiles.read(new BasytecTxtReader(), FILE, BERLIN);
        assertThat(r.cycles().cycles()).extracting(c -> c.cycleIndex()).containsExactly(0L, 1L);
        var c = r.cycles().cycles().get(1);
        assertThat(c.vendorChargeCapacityAh()).isCloseTo(0.001248916998009, within(1e-12));
        assertThat(c.chargeCapacityAh()).isCloseTo(c.vendorChargeCapacityAh(), within(0.01 * c.vendorChargeCapacityAh()));
    }

    @Test
    void naiveStartWithoutZoneIsFlagged() throws Exception {
        var md = TestFiles.read(new BasytecTxtReader(), FILE, ReadOptions.DEFAULT).series().metadata();
        assertThat(md.flags()).contains("timezone_assumed");
    }

    @Test
    void garbledAndTruncatedLinesNameTheLine(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.txt");
        List<String> garbled = new java.util.ArrayList<>(lines);
        garbled.set(19, garbled.get(19).replace("\tPause\t3.5", "\tPause\t3#5"));
        Files.write(bad, garbled, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(new BasytecTxtReader(), bad, BERLIN)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.txt: line 20: column 'U[V]'");

        Path cut = dir.resolve("cut.txt");
        Files.writeString(cut, String.join("\n", lines.subList(0, 30)) + "\n" + lines.get(30).substring(0, 40),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(new BasytecTxtReader(), cut, BERLIN)).isInstanceOf(InputException.class)
                .hasMessageContaining("cut.txt: line 31:");
    }

    @Test
    void badStartOfTestIsRefused(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        lines.set(7, "~Start of Test: 2023/06/19 17:56");
        Path f = dir.resolve("start.txt");
        Files.write(f, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(new BasytecTxtReader(), f, BERLIN)).isInstanceOf(InputException.class)
                .hasMessageContaining("start.txt: line 8: unrecognised start of test");
    }
}
