package tower.formats.maccor;

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
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.formats.Detection;
import tower.formats.TestFiles;

class MaccorCsvReaderTest {
    private final MaccorCsvReader reader = new MaccorCsvReader();

    @Test
    void pyprobeSampleFinalRow() throws Exception {
        Path f = TestFiles.shared("PyProBE/sample_data_maccor.csv");
        assertThat(Detection.best(f, Detection.newReaders())).isEqualTo("maccor-csv");
        var r = TestFiles.read(reader, f, ReadOptions.withTimezone(ZoneId.of("Europe/London")));
        TimeSeries s = r.series();
        assertThat(s.size()).isEqualTo(15);
        int last = s.size() - 1;
        assertThat(s.column(Quantity.TEST_TIME)[last]).isEqualTo(13.06, within(1e-9));
        assertThat(s.column(Quantity.STEP_INDEX)[last]).isEqualTo(2);
        assertThat(s.column(Quantity.CYCLE_COUNT)[last]).isEqualTo(1);
        // no state column: the current is signed as written (positive = charge, as PyProBE reads it)
        assertThat(s.column(Quantity.CURRENT)[last]).isEqualTo(28.798, within(1e-9));
        assertThat(s.column(Quantity.VOLTAGE)[last]).isEqualTo(3.716, within(1e-9));
        assertThat(s.column(Quantity.TEMPERATURE_T1)[last]).isEqualTo(22.2591, within(1e-9));
        // 'Capacity' restarts at the step: 0.024 Ah charged in step 2 (28.8 A for 3 s). PyProBE reports 0.048 Ah.
        assertThat(s.column(Quantity.STEP_CHARGING_CAPACITY)[last]).isEqualTo(0.024, within(1e-12));
        assertThat(s.column(Quantity.CHARGING_CAPACITY)[last]).isEqualTo(0.024, within(1e-12));
        assertThat(s.column(Quantity.DISCHARGING_CAPACITY)[last]).isZero();
        assertThat(s.column(Quantity.CHARGING_ENERGY)[last]).isEqualTo(0.091, within(1e-12));
        // DPT Time 23-Nov-23 3:56:24 PM (whole seconds; PyProBE adds test time to the first stamp: 15:56:24.060) GMT
        assertThat(s.epochNanos()[last]).isEqualTo(Instant.parse("2023-11-23T15:56:24Z").getEpochSecond() * 1_000_000_000L);
        assertThat(s.metadata().vendor()).containsEntry("date_of_test", "23-Nov-23 3:56:08 PM");
        assertThat(s.metadata().timezoneAssumed()).isFalse();
    }

    @Test
    void truncatedLineIsReportedWithItsLineNumber(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TestFiles.shared("PyProBE/sample_data_maccor.csv")));
        lines.set(9, lines.get(9).substring(0, 12));
        Path f = dir.resolve("cut.csv");
        Files.write(f, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestFiles.read(reader, f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("cut.csv: line 10: expected 11 fields");
    }
}
