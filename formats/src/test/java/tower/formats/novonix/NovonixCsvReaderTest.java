package tower.formats.novonix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CycleSummary;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.formats.Probe;
import tower.formats.TestFiles;

class NovonixCsvReaderTest {
    private static final Path FILE = TestFiles.shared("beep/test_Nova_Form-CH01-01_short.csv");
    private static final ZoneId ZONE = ZoneId.of("America/Halifax");

    @Test
    void detectsTheSummaryBlockSignature() throws Exception {
        assertThat(new NovonixCsvReader().detect(Probe.of(FILE))).isEqualTo(98);
    }

    @Test
    void readsEveryRowWithUnitsFromTheHeaders() throws Exception {
        var r = TestFiles.read(new NovonixCsvReader(), FILE, ReadOptions.withTimezone(ZONE));
        var ts = r.series();
        assertThat(ts.size()).isEqualTo(3942); // beep: raw_data.shape[0] == 3942
        double[] t = ts.column(Quantity.TEST_TIME);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
        }
        int last = ts.size() - 1;
        // "Run Time (h)" 17.4345750 h, "Current (A)" 0.0120000763, "Potential (V)" 3.42744146, "Capacity (Ah)" 0.0294679161
        assertThat(t[last]).isCloseTo(17.4345750 * 3600, within(1e-6));
        assertThat(ts.column(Quantity.STEP_TIME)[last]).isCloseTo(2.3998750 * 3600, within(1e-6));
        assertThat(ts.column(Quantity.CURRENT)[last]).isEqualTo(0.0120000763);
        assertThat(ts.column(Quantity.VOLTAGE)[last]).isEqualTo(3.42744146);
        assertThat(ts.column(Quantity.TEMPERATURE_T1)[last]).isEqualTo(39.21299744);
        assertThat(ts.column(Quantity.CYCLE_CHARGING_CAPACITY)[last]).isEqualTo(0.0294679161);
        // the counter carries over from the CC-CV step into the CC step: the test-cumulative charge equals it
        assertThat(ts.column(Quantity.CHARGING_CAPACITY)[last]).isCloseTo(0.0294679161, within(1e-12));
        assertThat(ts.column(Quantity.DISCHARGING_CAPACITY)[last]).isEqualTo(0.0);
        assertThat(ts.column(Quantity.CHARGING_ENERGY)[last]).isCloseTo(0.0909615734, within(1e-12));
        // 2022-04-11 10:58:07 AM local wall clock, read in the given zone; "4:24:11 AM" the next day
        assertThat(ts.epochNanos()[0]).isEqualTo(
                Instant.parse("2022-04-11T10:58:07Z").getEpochSecond() * 1_000_000_000L + 3 * 3600 * 1_000_000_000L);
        assertThat(ts.epochNanos()[last]).isEqualTo(ts.epochNanos()[0] + ((17 * 3600 + 26 * 60 + 4) * 1_000_000_000L));
        assertThat(ts.metadata().timezoneAssumed()).isFalse();
        assertThat(ts.metadata().flags()).doesNotContain("time_mismatch", "current_sign_conflict");
    }

    @Test
    void stepsFollowTheNovonixStepTypeCodes() throws Exception {
        var ts = TestFiles.read(new NovonixCsvReader(), FILE, ReadOptions.withTimezone(ZONE)).series();
        // beep: step type codes unique in order [0, 7, 8, 1] = open circuit, CC-CV charge (CC part, CV part), CC charge
        List<StepType> types = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        double[] steps = ts.column(Quantity.STEP_COUNT);
        for (int i = 0; i < ts.size(); i++) {
            if (i == 0 || steps[i] != steps[i - 1]) {
                types.add(StepType.ofOrdinal(ts.stepTypes()[i]));
                counts.add(ts.column(Quantity.STEP_INDEX)[i]);
            }
        }
        assertThat(types).containsExactly(StepType.REST, StepType.CC_CHARGE, StepType.CV_CHARGE, StepType.CC_CHARGE);
        assertThat(counts).containsExactly(1.0, 2.0, 2.0, 3.0);
        assertThat(ts.column(Quantity.CYCLE_COUNT)).containsOnly(1.0);
    }

    @Test
    void summaryBlockBecomesVendorMetadata() throws Exception {
        var r = TestFiles.read(new NovonixCsvReader(), FILE, ReadOptions.DEFAULT);
        var md = r.series().metadata();
        assertThat(md.vendor()).containsEntry("Channel", "01").containsEntry("Protocol", "XC_Formation_Entree_Test.pro1")
                .containsEntry("Version", "2.2.1.6").containsEntry("Capacity (Ah)", "0.24");
        assertThat(md.startTime()).contains(Instant.parse("2022-04-11T10:58:07Z"));
        assertThat(md.timezoneAssumed()).isTrue();
        assertThat(md.format()).isEqualTo("novonix-csv");
    }

    @Test
    void integratedChargeAgreesWithTheVendorCounter() throws Exception {
        var r = TestFiles.read(new NovonixCsvReader(), FILE, ReadOptions.withTimezone(ZONE));
        CycleSummary c = r.cycles().cycles().get(0);
        assertThat(r.cycles().cycles()).hasSize(1);
        assertThat(c.chargeCapacityAh()).isCloseTo(c.vendorChargeCapacityAh(), within(0.01 * c.vendorChargeCapacityAh()));
        assertThat(c.flags()).doesNotContain("capacity_mismatch");
    }

    private static final String HEAD = "[Summary]\nNovonix HPC data file\nNovonix\nStarted: 2022-04-11 10:58:07 AM\n"
            + "[End Summary]\n[Data]\n"
            + "Date and Time,Cycle Number,Step Type,Run Time (h),Step Time (h),Current (A),Potential (V),Capacity (Ah),"
            + "Temperature (°C),Energy (Wh),Step Number\n";

    @Test
    void garbledValueNamesTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, HEAD + "2022-04-11 10:58:07 AM,1,0,0,0,0,3.1,0,25,0,1\n"
                + "2022-04-11 10:58:08 AM,1,0,0.1,0.1,0,3.x1,0,25,0,1\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(new NovonixCsvReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("bad.csv: line 9: column 'Potential (V)'");
    }

    @Test
    void truncatedLineNamesTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cut.csv");
        Files.writeString(f, HEAD + "2022-04-11 10:58:07 AM,1,0,0,0,0,3.1,0,25,0,1\n2022-04-11 10:58:08 AM,1,0,0.1",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(new NovonixCsvReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("cut.csv: line 9:");
    }

    @Test
    void quotedCopyWithACutLineIsRefused(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
        Path f = dir.resolve("cut.csv");
        String cut = lines.get(99).substring(0, 30); // opening quote, no closing one
        List<String> out = new ArrayList<>(lines.subList(0, 99));
        out.add(cut);
        out.addAll(lines.subList(100, 110));
        Files.write(f, out, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(new NovonixCsvReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("cut.csv: line 100:");
    }

    @Test
    void missingDataBlockIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nodata.csv");
        Files.writeString(f, "[Summary]\nNovonix HPC data file\n[End Summary]\n");
        assertThatThrownBy(() -> TestFiles.read(new NovonixCsvReader(), f, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("no [Data] table");
    }
}
