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
import java.time.ZoneOffset;
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

/** yadg's files are GPL-3.0: they are read from the shared folder, never copied. */
class BiologicMptReaderTest {
    private static final BiologicMptReader READER = new BiologicMptReader();
    private static final ReadOptions BERLIN = ReadOptions.withTimezone(ZoneId.of("Europe/Berlin"));

    private static TimeSeries series(String relative, ReadOptions o) throws Exception {
        return TestFiles.read(READER, TestFiles.shared(relative), o).series();
    }

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void detection() throws Exception {
        for (String f : new String[] {"yadg/mb.issue_95.mpt", "yadg/gcpl.pr_182.1.mpt", "PyProBE/Sample_data_biologic_CA1.txt"}) {
            Probe p = Probe.of(TestFiles.shared(f));
            assertThat(READER.detect(p)).as(f).isEqualTo(100);
            assertThat(new BiologicCsvReader().detect(p)).as(f).isZero();
            assertThat(new ArbinCsvReader().detect(p)).as(f).isZero();
            assertThat(new BdfCsvReader().detect(p)).as(f).isZero();
        }
        Probe noHeader = Probe.of(TestFiles.shared("PyProBE/Sample_data_biologic_no_header.mpt"));
        assertThat(READER.detect(noHeader)).isEqualTo(85);
        assertThat(new BiologicCsvReader().detect(noHeader)).isZero();
        // the binary .mpr is not text
        assertThat(READER.detect(Probe.of(TestFiles.shared("yadg/mb.issue_95.mpr")))).isZero();
    }

    @Test
    void btLabTxtMatchesPyProBE() throws Exception {
        // PyProBE tests/cyclers/test_biologic.py: first Date 2024-05-13 11:19:51.602; final row Time 139.524007 s,
        // Current -0.899826 A (a discharge pulse: BioLogic's sign is already charge-positive), Voltage 3.4854481 V,
        // Capacity -0.03237135133365209 Ah (net charge since start), Temperature 23.029291 °C
        TimeSeries s = series("PyProBE/Sample_data_biologic_CA1.txt", ReadOptions.withTimezone(ZoneOffset.UTC));
        assertThat(s.size()).isEqualTo(1397);
        int last = s.size() - 1;
        assertThat(s.epochNanos()[0]).isEqualTo(nanos("2024-05-13T11:19:51.602Z"));
        assertThat(s.column(Quantity.TEST_TIME)[last]).isCloseTo(139.524007, within(1e-6));
        assertThat(s.column(Quantity.CURRENT)[last]).isCloseTo(-0.899826, within(1e-6));
        assertThat(s.column(Quantity.VOLTAGE)[last]).isEqualTo(3.4854481);
        assertThat(s.column(Quantity.TEMPERATURE_T1)[last]).isEqualTo(23.029291);
        double net = s.column(Quantity.CHARGING_CAPACITY)[last] - s.column(Quantity.DISCHARGING_CAPACITY)[last];
        assertThat(net).isCloseTo(-0.03237135133365209, within(1e-15));
        double[] t = s.column(Quantity.TEST_TIME);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
            assertThat(s.epochNanos()[i]).isGreaterThanOrEqualTo(s.epochNanos()[i - 1]);
        }
        assertThat(s.metadata().vendor()).containsEntry("technique", "Modulo Bat").containsEntry("software", "BT-Lab");
        assertThat(s.metadata().startTime()).contains(Instant.parse("2024-05-13T11:19:51.602Z"));
    }

    @Test
    void mptWithoutHeaderMatchesPyProBE() throws Exception {
        // PyProBE: final row Time 281792.50213 s, Current 0 A, Voltage 2.9814022 V, Temperature 24.506462 °C, no Date
        TimeSeries s = series("PyProBE/Sample_data_biologic_no_header.mpt", ReadOptions.DEFAULT);
        int last = s.size() - 1;
        assertThat(s.size()).isEqualTo(13);
        assertThat(s.column(Quantity.TEST_TIME)[last]).isCloseTo(281792.50213, within(1e-5));
        assertThat(s.column(Quantity.CURRENT)[last]).isZero();
        assertThat(s.column(Quantity.VOLTAGE)[last]).isEqualTo(2.9814022);
        assertThat(s.column(Quantity.TEMPERATURE_T1)[last]).isEqualTo(24.506462); // 'Temperature/\uFFFDC'
        assertThat(s.has(Quantity.UNIX_TIME)).isFalse();
        assertThat(s.metadata().timezoneAssumed()).isFalse();
        assertThat(StepType.ofOrdinal(s.stepTypes()[last])).isEqualTo(StepType.REST);
    }

    @Test
    void germanDecimalCommasGiveTheSameDataAsTheEnglishExport() throws Exception {
        // yadg tests/test_x_eclab.py test_eclab_mpt_locale: mb.issue_95.mpt (en_US) == mb.issue_95.de.mpt (de_DE)
        TimeSeries en = series("yadg/mb.issue_95.mpt", BERLIN);
        TimeSeries de = series("yadg/mb.issue_95.de.mpt", BERLIN);
        assertThat(de.size()).isEqualTo(en.size()).isEqualTo(33);
        assertThat(de.columns()).isEqualTo(en.columns());
        for (Quantity q : en.columns()) {
            switch (q.kind()) {
                case REAL, INTEGER -> assertThat(de.column(q)).as(q.label()).containsExactly(en.column(q));
                case EPOCH -> assertThat(de.epochNanos()).containsExactly(en.epochNanos());
                case STEP_TYPE -> assertThat(de.stepTypes()).containsExactly(en.stepTypes());
            }
        }
        // 'Acquisition started on : 12/08/2022 14:36:53.355' is month/day (the .mpr twin's log holds 2022-12-08)
        assertThat(en.epochNanos()[0]).isEqualTo(nanos("2022-12-08T13:36:53.355Z"));
        assertThat(en.column(Quantity.VOLTAGE)[0]).isEqualTo(2.3278546);
        // Ns 0 rest (mode 3), Ns 1 CC with ox/red 1 (charge), Ns 2 CC with ox/red 0 (discharge)
        assertThat(StepType.ofOrdinal(en.stepTypes()[0])).isEqualTo(StepType.REST);
        assertThat(StepType.ofOrdinal(en.stepTypes()[11])).isEqualTo(StepType.CC_CHARGE);
        assertThat(en.column(Quantity.CURRENT)[11]).isCloseTo(0.09931501, within(1e-12));
        assertThat(StepType.ofOrdinal(en.stepTypes()[32])).isEqualTo(StepType.CC_DISCHARGE);
        assertThat(en.column(Quantity.CURRENT)[32]).isNegative();
    }

    @Test
    void unixTimeIsAcquisitionStartPlusTimeColumn() throws Exception {
        // Acquisition started on 01/10/2024 11:02:29.886 (CET); the first row is at time/s 30.15299923827115, which
        // is the 'Technique started on' 11:03:00.039
        TimeSeries s = series("yadg/gcpl.issue_149.mpt", BERLIN);
        assertThat(s.column(Quantity.TEST_TIME)[0]).isEqualTo(30.15299923827115);
        assertThat(s.epochNanos()[0]).isEqualTo(nanos("2024-01-10T10:02:29.886Z") + 30_152_999_238L);
        assertThat(s.metadata().vendor()).containsEntry("technique", "Galvanostatic Cycling with Potential Limitation");
        // no I/mA column in this export: the current is <I>/mA
        assertThat(s.has(Quantity.CURRENT)).isTrue();
        assertThat(s.column(Quantity.CURRENT)[11]).isPositive();
    }

    @Test
    void halfCycleCountersBecomeCycleCountersThatMatchTheIntegral() throws Exception {
        // three header lines only; cycle number 0..4, Q charge/Q discharge restart at every half-cycle
        var r = TestFiles.read(READER, TestFiles.shared("yadg/gcpl.pr_182.1.mpt"), ReadOptions.DEFAULT);
        TimeSeries s = r.series();
        assertThat(s.size()).isEqualTo(2533);
        assertThat(s.has(Quantity.UNIX_TIME)).isFalse();
        assertThat(r.cycles().cycles()).extracting(CycleSummary::cycleIndex).containsExactly(0L, 1L, 2L, 3L, 4L);
        // within 1 %: EC-Lab's half-cycle counters stop at the half-cycle's last sample, while definitions §4 also
        // counts the interval from it into the next state (0.7 % of this small cell's charge at its sampling)
        for (CycleSummary c : r.cycles().cycles()) {
            if (c.vendorChargeCapacityAh() > 0) {
                assertThat(c.chargeCapacityAh()).isCloseTo(c.vendorChargeCapacityAh(), within(0.01 * c.vendorChargeCapacityAh()));
            }
            if (c.vendorDischargeCapacityAh() > 0) {
                assertThat(c.dischargeCapacityAh()).isCloseTo(c.vendorDischargeCapacityAh(), within(0.01 * c.vendorDischargeCapacityAh()));
            }
        }
        // the cycle-scoped charge counter holds its value through the discharge half and never decreases in a cycle
        double[] qc = s.column(Quantity.CYCLE_CHARGING_CAPACITY);
        double[] cyc = s.column(Quantity.CYCLE_COUNT);
        for (int i = 1; i < qc.length; i++) {
            if (cyc[i] == cyc[i - 1]) {
                assertThat(qc[i]).isGreaterThanOrEqualTo(qc[i - 1]);
            }
        }
        // cycle 1 charged 2.61607 mAh (Q charge at the end of its charge half), read in mA.h
        assertThat(qc[808]).isCloseTo(2.61607e-3, within(1e-8));
    }

    @Test
    void impedanceRowsAreNotTypedAsCharge() throws Exception {
        // mb.issue_149: Ns 2 is a PEIS (freq/Hz > 0) with mode 1 and ox/red 0 although the mean current is positive
        TimeSeries s = series("yadg/mb.issue_149.mpt", BERLIN);
        assertThat(s.column(Quantity.CURRENT)[21]).isPositive();
        assertThat(StepType.ofOrdinal(s.stepTypes()[21])).isEqualTo(StepType.OTHER);
        assertThat(StepType.ofOrdinal(s.stepTypes()[35])).isEqualTo(StepType.REST);
    }

    @Test
    void halfCycleCounter() {
        var c = new BiologicTextTable.HalfCycleCounter();
        double[] raw = {0, 1, 2, 0, 0, 0.5, 1, 1, 0};
        double[] cycle = {0, 0, 0, 0, 0, 1, 1, 1, 1};
        double[] want = {0, 1, 2, 2, 2, 0.5, 1, 1, 1};
        for (int i = 0; i < raw.length; i++) {
            assertThat(c.update(raw[i], cycle[i])).as("row %d", i).isEqualTo(want[i]);
        }
        // an energy counter that holds through the other half and restarts at the next charge (negative in some
        // versions: magnitudes are used)
        var e = new BiologicTextTable.HalfCycleCounter();
        double[] er = {0, -1, -3, -3, -0.001, -2};
        double[] ec = {0, 0, 0, 0, 1, 1};
        double[] ew = {0, 1, 3, 3, 0.001, 2};
        for (int i = 0; i < er.length; i++) {
            assertThat(e.update(er[i], ec[i])).as("row %d", i).isCloseTo(ew[i], within(1e-12));
        }
    }

    // --- synthetic files (our own text) for bad input and encodings ---

    private static final String SYNTHETIC = "EC-Lab ASCII FILE\nNb header lines : 6\n\nModulo Bat\n"
            + "Acquisition started on : 01/10/2024 11:02:29.886\n"
            + "mode\tox/red\tNs\ttime/s\tEwe/V\tI/mA\tTemperature/\u00B0C\tcycle number\tQ charge/mA.h\tQ discharge/mA.h\n"
            + "3\t0\t0\t0,0\t3,1\t0,0\t25,0\t0\t0,0\t0,0\n"
            + "1\t1\t1\t1,0\t3,2\t100,0\t25,1\t0\t0,0277\t0,0\n"
            + "1\t1\t1\t2,0\t3,3\t100,0\t25,2\t0\t0,0555\t0,0\n";

    private static Path write(Path dir, String name, String text, Charset cs) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(cs));
        return f;
    }

    @Test
    void windows1252AndUtf8ReadAlike(@TempDir Path dir) throws Exception {
        var a = TestFiles.read(READER, write(dir, "a.mpt", SYNTHETIC, Charset.forName("windows-1252")), ReadOptions.DEFAULT).series();
        var b = TestFiles.read(READER, write(dir, "b.mpt", SYNTHETIC, StandardCharsets.UTF_8), ReadOptions.DEFAULT).series();
        assertThat(a.column(Quantity.TEMPERATURE_T1)).containsExactly(25.0, 25.1, 25.2);
        assertThat(b.column(Quantity.TEMPERATURE_T1)).containsExactly(a.column(Quantity.TEMPERATURE_T1));
        assertThat(a.column(Quantity.CURRENT)).containsExactly(0.0, 0.1, 0.1);
        assertThat(a.column(Quantity.CYCLE_CHARGING_CAPACITY)[2]).isCloseTo(5.55e-5, within(1e-15));
        // UTF-16 is refused with a reason, not misread
        Path utf16 = write(dir, "c.mpt", SYNTHETIC, StandardCharsets.UTF_16LE);
        assertThat(READER.detect(Probe.of(utf16))).isZero();
        assertThatThrownBy(() -> TestFiles.read(READER, utf16, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("c.mpt: line 1: not 8-bit text");
    }

    @Test
    void garbledTruncatedAndOutOfRangeLinesNameTheirLine(@TempDir Path dir) throws Exception {
        Path garbled = write(dir, "g.mpt", SYNTHETIC + "1\t1\t1\t3,0\t3,4x\t100,0\t25,3\t0\t0,08\t0,0\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(READER, garbled, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("g.mpt: line 10: column 'Ewe/V': cannot read '3,4x'");
        Path cut = write(dir, "t.mpt", SYNTHETIC + "1\t1\t1\t3,0\t3,4", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(READER, cut, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("t.mpt: line 10:").hasMessageContaining("truncated");
        Path mode = write(dir, "m.mpt", SYNTHETIC + "7\t1\t1\t3,0\t3,4\t100,0\t25,3\t0\t0,08\t0,0\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(READER, mode, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("m.mpt: line 10: column 'mode': cannot read '7'");
        Path shortHeader = write(dir, "h.mpt", "EC-Lab ASCII FILE\nNb header lines : 60\n\nModulo Bat\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(READER, shortHeader, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("h.mpt: line 5: file ends inside the header");
        Path count = write(dir, "n.mpt", "EC-Lab ASCII FILE\nNb header lines : many\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(READER, count, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("n.mpt: line 2: cannot read the number of header lines");
    }

    @Test
    void unknownUnitIsRefused(@TempDir Path dir) throws Exception {
        Path f = write(dir, "u.mpt", "time/s\tEwe/V\tI/furlong\n0\t3.1\t0\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(READER, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("u.mpt: line 1:");
    }
}
