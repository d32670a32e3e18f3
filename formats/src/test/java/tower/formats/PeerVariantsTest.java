package tower.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.core.series.TimeSeries;

/** Layout variants other open readers handle (issue 8 §3), on their own fixtures (copied, licences in NOTICE). */
class PeerVariantsTest {
    static Path resource(String name) throws Exception {
        return Path.of(PeerVariantsTest.class.getResource("/thirdparty/" + name).toURI());
    }

    static TimeSeries read(Path f) throws Exception {
        Reader r = Formats.forFile(f, Optional.empty());
        return TestFiles.read(r, f, ReadOptions.withTimezone(ZoneOffset.UTC)).series();
    }

    @Test
    void arbinXlsxWithoutDataPointNumbersTheRecords() throws Exception {
        // navani's DataPro export: Date_Time, Test_Time(s), Step_Time(s), Step_Index, Cycle_Index, Voltage(V), Current(A)…
        Path f = resource("navani/bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx");
        TimeSeries s = read(f);
        assertThat(s.metadata().format()).isEqualTo("arbin-xlsx");
        assertThat(s.size()).isEqualTo(4526); // navani: df.shape == (4526, 22)
        assertThat(s.column(Quantity.RECORD_INDEX)).containsExactly(IntStream.rangeClosed(1, 4526).asDoubleStream().toArray());
        assertThat(s.metadata().warnings()).anyMatch(w -> w.contains("no Data_Point column"));
        double[] t = s.column(Quantity.TEST_TIME);
        long[] e = s.epochNanos();
        int last = s.size() - 1;
        assertThat(t[last] - t[0]).isCloseTo((e[last] - e[0]) / 1e9, within(0.01 * (t[last] - t[0])));
        assertThat(s.metadata().flags()).doesNotContain("unit_from_clock");
    }

    @Test
    void ndaxWhoseDataNdcIsVersionFive() throws Exception {
        // navani's test.ndax: data.ndc version 5, no runInfo/step files; NewareNDA reads 1,464 records from it
        Path f = resource("navani/test.ndax");
        TimeSeries s = read(f);
        assertThat(s.metadata().format()).isEqualTo("neware-ndax");
        assertThat(s.metadata().vendor()).containsEntry("ndc_version", "5");
        assertThat(s.size()).isEqualTo(1464);
        assertThat(s.column(Quantity.RECORD_INDEX)).containsExactly(IntStream.rangeClosed(1, 1464).asDoubleStream().toArray());
        assertThat(s.column(Quantity.VOLTAGE)[0]).isEqualTo(3.4666, within(1e-12));
        assertThat(s.column(Quantity.VOLTAGE)[1463]).isEqualTo(1.8105, within(1e-12));
        assertThat(s.column(Quantity.CURRENT)[0]).isEqualTo(0.0);
        assertThat(s.column(Quantity.CYCLE_COUNT)).containsOnly(1.0);
        assertThat(s.column(Quantity.STEP_INDEX)[0]).isEqualTo(1.0);
        assertThat(s.column(Quantity.STEP_INDEX)[1463]).isEqualTo(4.0);
        assertThat(StepType.ofOrdinal(s.stepTypes()[0])).isEqualTo(StepType.REST);
        assertThat(s.column(Quantity.STEP_TIME)[1463]).isEqualTo(300.0);
        // test time is the sum of the steps' durations and agrees with the wall clock (2024-02-01 20:24:23 .. 02-02 08:34:23)
        assertThat(s.column(Quantity.TEST_TIME)[1463]).isEqualTo(43800.0, within(1e-9));
        long[] e = s.epochNanos();
        assertThat((e[1463] - e[0]) / 1e9).isEqualTo(43800.0);
        double[] t = s.column(Quantity.TEST_TIME);
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
        }
    }

    /** The beep Novonix file rewritten with US dates, a redacted start and a second test appended. */
    @Test
    void novonixWithUsDatesARedactedStartAndTwoTestsInOneFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path src = TestFiles.shared("beep/test_Nova_Form-CH01-01_short.csv");
        String text = java.nio.file.Files.readString(src, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\"?)2022-04-(\\d\\d) ").matcher(text);
        StringBuilder us = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(us, m.group(1) + "4/" + Integer.parseInt(m.group(2)) + "/2022 ");
        }
        m.appendTail(us);
        String one = us.toString().replace("Started: 4/11/2022 10:58:07 AM", "Started: */*/2022 10:58:07 AM");
        assertThat(one).contains("Started: */*/2022").contains("\"4/12/2022 4:24:11 AM,1,1,17.4345750");
        Path f = dir.resolve("two_tests.csv");
        java.nio.file.Files.writeString(f, one + one, java.nio.charset.StandardCharsets.UTF_8);
        TimeSeries s = read(f);
        TimeSeries ref = read(src);
        assertThat(s.metadata().format()).isEqualTo("novonix-csv");
        assertThat(s.size()).isEqualTo(ref.size()).isEqualTo(3942);
        assertThat(s.epochNanos()).containsExactly(ref.epochNanos());
        assertThat(s.column(Quantity.TEST_TIME)).containsExactly(ref.column(Quantity.TEST_TIME));
        assertThat(s.metadata().startTime()).isEqualTo(ref.metadata().startTime());
        assertThat(s.metadata().warnings()).anyMatch(w -> w.contains("redacted"))
                .anyMatch(w -> w.contains("first data row's clock"))
                .anyMatch(w -> w.contains("a second test starts here") && w.contains("only the first test was read"));
    }

    static TimeSeries readIn(Path f, String zone) throws Exception {
        Reader r = Formats.forFile(f, Optional.empty());
        return TestFiles.read(r, f, ReadOptions.withTimezone(java.time.ZoneId.of(zone))).series();
    }

    /** The canonical voltage of a three-electrode BioLogic file is the cell voltage, the same from .mpr and .mpt. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gcpl.issue_226.CxN", "gcpl.pr_182.1"})
    void threeElectrodeBiologicVoltageIsTheCellVoltageInMprAndMpt(String root) throws Exception {
        // yadg's fixtures (GPL): read from ../shared, never copied
        TimeSeries mpr = readIn(TestFiles.shared("yadg/" + root + ".mpr"), "Europe/Berlin");
        TimeSeries mpt = readIn(TestFiles.shared("yadg/" + root + ".mpt"), "Europe/Berlin");
        assertThat(mpr.size()).isEqualTo(mpt.size()).isPositive();
        double[] v1 = mpr.column(Quantity.VOLTAGE);
        double[] v2 = mpt.column(Quantity.VOLTAGE);
        double[] ewe = mpt.column(Quantity.WORKING_ELECTRODE_POTENTIAL);
        double[] ece = mpt.column(Quantity.COUNTER_ELECTRODE_POTENTIAL);
        double worst = 0;
        double ceMax = 0;
        for (int i = 0; i < v1.length; i++) {
            worst = Math.max(worst, Math.abs(v1[i] - v2[i]));
            assertThat(v2[i]).as("row %d", i).isCloseTo(ewe[i] - ece[i], within(2e-6));
            ceMax = Math.max(ceMax, Math.abs(ece[i]));
        }
        assertThat(worst).as("largest .mpr/.mpt voltage difference").isLessThan(2e-5);
        assertThat(ceMax).as("Ece is not negligible in these files").isGreaterThan(1e-3);
        assertThat(mpr.column(Quantity.WORKING_ELECTRODE_POTENTIAL)).hasSize(v1.length);
    }

    /** {@code <Ewe/V>} (yadg maps it to {@code <Ewe>}) in en_US and de_DE exports. */
    @Test
    void biologicMptWithBracketedAverageVoltageHeader(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (String name : new String[]{"mb.issue_95.mpt", "mb.issue_95.de.mpt"}) {
            Path src = TestFiles.shared("yadg/" + name);
            byte[] raw = java.nio.file.Files.readAllBytes(src);
            String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).contains("\tEwe/V\t");
            Path f = dir.resolve(name);
            java.nio.file.Files.write(f, text.replace("\tEwe/V\t", "\t<Ewe/V>\t").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            TimeSeries changed = readIn(f, "Europe/Berlin");
            TimeSeries original = readIn(src, "Europe/Berlin");
            assertThat(changed.column(Quantity.VOLTAGE)).as(name).containsExactly(original.column(Quantity.VOLTAGE));
        }
        assertThat(readIn(TestFiles.shared("yadg/mb.issue_95.de.mpt"), "Europe/Berlin").column(Quantity.VOLTAGE))
                .containsExactly(readIn(TestFiles.shared("yadg/mb.issue_95.mpt"), "Europe/Berlin").column(Quantity.VOLTAGE));
    }

    /** An OCV record stores no current: 0 A by definition of the technique, and the metadata says so (.mpr and .mpt). */
    @Test
    void biologicOcvWithoutCurrentColumn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        TimeSeries mpr = read(resource("navani/00_test_01_OCV_C01.mpr"));
        assertThat(mpr.column(Quantity.CURRENT)).isNotEmpty().containsOnly(0.0);
        assertThat(mpr.metadata().vendor().get("current_source")).contains("0 A on open-circuit");
        // PyProBE's rest record with its I/mA column removed
        java.util.List<String> lines = java.nio.file.Files.readAllLines(TestFiles.shared("PyProBE/Sample_data_biologic_no_header.mpt"),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        int drop = java.util.Arrays.asList(lines.get(0).split("\t", -1)).indexOf("I/mA");
        assertThat(drop).isPositive();
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            java.util.List<String> f = new java.util.ArrayList<>(java.util.Arrays.asList(l.split("\t", -1)));
            f.remove(drop);
            b.append(String.join("\t", f)).append("\r\n");
        }
        Path f = dir.resolve("ocv_no_current.mpt");
        java.nio.file.Files.writeString(f, b, java.nio.charset.StandardCharsets.ISO_8859_1);
        TimeSeries mpt = read(f);
        assertThat(mpt.size()).isEqualTo(lines.size() - 1);
        assertThat(mpt.column(Quantity.CURRENT)).containsOnly(0.0);
        assertThat(mpt.metadata().vendor().get("current_source")).contains("0 A on open-circuit");
        assertThat(mpt.metadata().warnings()).anyMatch(w -> w.contains("records no current"));
    }

    /** NewareNDA's mediafire fixture 2-1-6_61[07005012].nda: version 130 with data byte 0x12 (BTS 9.0). */
    @Test
    void ndaVersion130OfBts90() throws Exception {
        Path f = resource("NewareNDA/2-1-6_61_07005012.nda");
        TimeSeries s = read(f);
        assertThat(s.metadata().format()).isEqualTo("neware-nda");
        assertThat(s.metadata().vendor().get("layout")).contains("BTS 9.0").contains("0x12");
        assertThat(s.size()).isEqualTo(15567);
        assertThat(s.column(Quantity.RECORD_INDEX)).containsExactly(IntStream.rangeClosed(1, 15567).asDoubleStream().toArray());
        assertThat(s.column(Quantity.TEST_TIME)[0]).isEqualTo(0.463075, within(1e-12));
        assertThat(s.column(Quantity.TEST_TIME)[15566]).isEqualTo(3602.11755, within(1e-9));
        assertThat(s.column(Quantity.VOLTAGE)[0]).isEqualTo(4.029788494110107, within(1e-12));
        assertThat(s.column(Quantity.CURRENT)[0]).isEqualTo(-1.6997674560546875, within(1e-12));
        assertThat(s.epochNanos()[0]).isEqualTo(1_461_068_461_483_000_000L);
        assertThat(s.column(Quantity.STEP_DISCHARGING_CAPACITY)[15566]).isEqualTo(1079501.25 / 3.6e6, within(1e-9));
        assertThat(StepType.ofOrdinal(s.stepTypes()[0])).isEqualTo(StepType.PULSE);
        assertThat(s.metadata().flags()).doesNotContain("unit_from_clock", "time_repaired");
    }

    /** Maccor CSV without Rec#, with a UTF-8 BOM and quoted thousands separators ({@code "1,499.8856"}). */
    @Test
    void maccorCsvWithoutRecordColumnWithBomAndThousandsSeparators(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("\uFEFFToday's Date ,28-Nov-23\r\nDate of Test:,23-Nov-23 3:56:08 PM\r\n"
                + "Cycle C,Step,Test Time (sec),Step Time (sec),Capacity,Energy,Current,Voltage,DPT Time,Temp 1\r\n");
        java.time.LocalDateTime t0 = java.time.LocalDateTime.of(2023, 11, 23, 15, 56, 11);
        java.time.format.DateTimeFormatter dpt = java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yy h:mm:ss a", java.util.Locale.US);
        double[] time = new double[200];
        for (int i = 0; i < 200; i++) {
            time[i] = 899.8856 + 10 * i;
            String t = String.format(java.util.Locale.US, "%,.4f", time[i]);
            if (t.contains(",")) {
                t = "\"" + t + "\"";
            }
            double cap = 2.5 * time[i] / 3600;
            b.append("1,2,").append(t).append(',').append(t).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.6f,%.6f,2.5,%.4f,", cap, cap * 3.7, 3.6 + i * 0.001))
                    .append(t0.plusNanos(Math.round((time[i] - time[0]) * 1e9)).format(dpt)).append(",22.5\r\n");
        }
        assertThat(b).contains("\"1,499.8856\"");
        Path f = dir.resolve("maccor_no_rec.csv");
        java.nio.file.Files.writeString(f, b, java.nio.charset.StandardCharsets.UTF_8);
        TimeSeries s = read(f);
        assertThat(s.metadata().format()).isEqualTo("maccor-csv");
        assertThat(s.size()).isEqualTo(200);
        assertThat(s.column(Quantity.TEST_TIME)).containsExactly(time, within(1e-9));
        assertThat(s.column(Quantity.TEST_TIME)[60]).isEqualTo(1499.8856, within(1e-9));
        assertThat(s.column(Quantity.STEP_TIME)[199]).isEqualTo(2889.8856, within(1e-9));
        assertThat(s.column(Quantity.CURRENT)).containsOnly(2.5);
        assertThat(s.metadata().flags()).doesNotContain("unit_from_clock", "duplicate_records");
        // a misplaced separator is not a number
        Path bad = dir.resolve("bad.csv");
        java.nio.file.Files.writeString(bad, b.toString().replace("\"1,499.8856\"", "\"14,99.8856\""));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(bad))
                .isInstanceOf(tower.core.ingest.InputException.class).hasMessageContaining("14,99.8856");
    }
}
