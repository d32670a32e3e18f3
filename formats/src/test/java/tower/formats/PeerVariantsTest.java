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
}
