package tower.formats.biologic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.Charset;
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
import tower.core.series.TimeSeries;
import tower.formats.Probe;
import tower.formats.TestFiles;
import tower.formats.arbin.ArbinCsvReader;
import tower.formats.bdf.BdfCsvReader;

class BiologicCsvReaderTest {
    private static final BiologicCsvReader READER = new BiologicCsvReader();
    private static final Path BEEP = TestFiles.shared("beep/test_loopsnewoutput_MB_CE1_short10k.csv");
    private static final ReadOptions PACIFIC = ReadOptions.withTimezone(ZoneId.of("America/Los_Angeles"));

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void detection() throws Exception {
        Probe p = Probe.of(BEEP);
        assertThat(READER.detect(p)).isEqualTo(90);
        assertThat(new BiologicMptReader().detect(p)).isZero();
        assertThat(new ArbinCsvReader().detect(p)).isZero();
        assertThat(new BdfCsvReader().detect(p)).isZero();
    }

    @Test
    void beepFileMatchesBeepsReference() throws Exception {
        var r = TestFiles.read(READER, BEEP, PACIFIC);
        TimeSeries s = r.series();
        assertThat(s.size()).isEqualTo(9999);
        // beep test_cyclerpaths.py test_from_csv: raw test_time min 0, max 102040.77 s
        double[] t = s.column(Quantity.TEST_TIME);
        assertThat(java.util.Arrays.stream(t).min().orElseThrow()).isZero();
        assertThat(java.util.Arrays.stream(t).max().orElseThrow()).isCloseTo(102040.77, within(1e-6));
        // date_time_iso of the first two cycles: '2021-05-05T22:36:22.757000+00:00', '2021-05-06T09:44:45.604000+00:00'
        // ('time/s' holds US Pacific wall-clock time in this file)
        assertThat(s.epochNanos()[0]).isEqualTo(nanos("2021-05-05T22:36:22.757Z"));
        double[] cycle = s.column(Quantity.CYCLE_COUNT);
        int firstOfCycle1 = 0;
        while (cycle[firstOfCycle1] != 1) {
            firstOfCycle1++;
        }
        assertThat(s.epochNanos()[firstOfCycle1]).isEqualTo(nanos("2021-05-06T09:44:45.604Z"));
        // structured_summary charge_capacity[0] 1.4618750 Ah, discharge_capacity[0] 2.324598 Ah (6 dp) come from
        // BioLogic's counters; the integral agrees on discharge and is 0.6 % high on charge, where the charge
        // starts 22.8 s after the previous (rest) sample and the trapezoid spans that gap
        assertThat(r.cycles().cycles()).extracting(CycleSummary::cycleIndex).containsExactly(0L, 1L, 2L);
        CycleSummary c0 = r.cycles().cycles().get(0);
        assertThat(c0.vendorChargeCapacityAh()).isCloseTo(1.4618750, within(5e-7));
        assertThat(c0.vendorDischargeCapacityAh()).isCloseTo(2.324598, within(5e-7));
        assertThat(c0.dischargeCapacityAh()).isCloseTo(2.324598, within(2e-6));
        assertThat(c0.chargeCapacityAh()).isCloseTo(1.4618750, within(0.01 * 1.4618750));
        assertThat(s.column(Quantity.CURRENT)[1]).isCloseTo(2.49326220703125, within(1e-12)); // I/mA
    }

    @Test
    void packedFlagBytesGiveTheStepTypes() throws Exception {
        // beep stores BioLogic's flag byte in 'mode', 'ox' and 'error' alike: 7 = rest, 53 = CC charge,
        // 38 = CV charge, 49 = CC discharge
        TimeSeries s = TestFiles.read(READER, BEEP, PACIFIC).series();
        assertThat(StepType.ofOrdinal(s.stepTypes()[0])).isEqualTo(StepType.REST);
        assertThat(StepType.ofOrdinal(s.stepTypes()[1])).isEqualTo(StepType.CC_CHARGE);
        assertThat(StepType.ofOrdinal(s.stepTypes()[490])).isEqualTo(StepType.CV_CHARGE);
        assertThat(StepType.ofOrdinal(s.stepTypes()[524])).isEqualTo(StepType.CC_DISCHARGE);
        assertThat(s.column(Quantity.CURRENT)[524]).isNegative();
    }

    private static final String SYNTHETIC = ";mode;ox/red;time/s;Ecell/V;I/mA;Temperature/\u00B0C;cycle number;Ns\n"
            + "0;3;0;0,0;3,1;0,0;25,0;0;0\n"
            + "1;1;1;1,5;3,2;2500,0;25,5;0;1\n";

    @Test
    void semicolonFileWithDecimalCommasInEitherEncoding(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.csv");
        Files.write(a, SYNTHETIC.getBytes(Charset.forName("windows-1252")));
        Path b = dir.resolve("b.csv");
        Files.write(b, SYNTHETIC.getBytes(StandardCharsets.UTF_8));
        assertThat(READER.detect(Probe.of(a))).isEqualTo(90);
        TimeSeries x = TestFiles.read(READER, a, ReadOptions.DEFAULT).series();
        TimeSeries y = TestFiles.read(READER, b, ReadOptions.DEFAULT).series();
        assertThat(x.column(Quantity.TEST_TIME)).containsExactly(0.0, 1.5);
        assertThat(x.column(Quantity.CURRENT)).containsExactly(0.0, 2.5);
        assertThat(x.column(Quantity.TEMPERATURE_T1)).containsExactly(25.0, 25.5);
        assertThat(y.column(Quantity.TEMPERATURE_T1)).containsExactly(x.column(Quantity.TEMPERATURE_T1));
        assertThat(x.has(Quantity.UNIX_TIME)).isFalse();
    }

    @Test
    void garbledAndTruncatedLinesNameTheirLine(@TempDir Path dir) throws Exception {
        Path g = dir.resolve("g.csv");
        Files.writeString(g, SYNTHETIC + "2;1;1;3,0;3,3;25OO,0;25,5;0;1\n");
        assertThatThrownBy(() -> TestFiles.read(READER, g, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("g.csv: line 4: column 'I/mA': cannot read '25OO,0'");
        Path t = dir.resolve("t.csv");
        Files.writeString(t, SYNTHETIC + "2;1;1;3,0");
        assertThatThrownBy(() -> TestFiles.read(READER, t, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("t.csv: line 4:").hasMessageContaining("truncated");
        Path d = dir.resolve("d.csv");
        Files.writeString(d, ";time/s;Ecell/V;I/mA\n0;05/05/2021 15:36:22.757;3.8;0\n1;05/05/2021 25:36:22.757;3.8;0\n");
        assertThatThrownBy(() -> TestFiles.read(READER, d, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("d.csv: line 3: column 'time/s'");
    }
}
