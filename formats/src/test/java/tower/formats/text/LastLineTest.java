package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.formats.TestFiles;
import tower.formats.bdf.BdfCsvReader;

/**
 * The last line of a text table without a line end: complete when a writer omits the final line end, cut short when
 * the file was truncated. A cut must never become a row with a wrong value.
 */
class LastLineTest {
    private static final String HEAD = "Test Time / s,Voltage / V,Current / A,Temperature T1 / degC\n"
            + "0,3.5000,0.1,25.125\n1,3.5100,0.1,25.250\n";

    @TempDir
    Path dir;

    private TimeSeries read(String text) throws Exception {
        Path f = Files.writeString(dir.resolve("t.csv"), text);
        return TestFiles.read(new BdfCsvReader(), f, ReadOptions.DEFAULT).series();
    }

    @Test
    void aCompleteLastLineWithoutLineEndIsRead() throws Exception {
        TimeSeries t = read(HEAD + "2,3.5200,0.1,25.375");
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.column(Quantity.TEMPERATURE_T1)[2]).isEqualTo(25.375);
        assertThat(t.metadata().flags()).doesNotContain("truncated");
        assertThat(t.metadata().warnings()).isEmpty();
    }

    @Test
    void aLastLineWithFewerFieldsIsRefused() {
        for (String cut : new String[]{"2,3.5200,0.1", "2,3.52"}) {
            assertThatThrownBy(() -> read(HEAD + cut)).as(cut)
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("t.csv: line 4: ").hasMessageContaining("truncated");
        }
    }

    @Test
    void aLastFieldCutShortIsSkippedWithAWarningNotReadAsAWrongValue() throws Exception {
        for (String cut : new String[]{"2,3.5200,0.1,25.3", "2,3.5200,0.1,"}) {
            TimeSeries t = read(HEAD + cut);
            assertThat(t.size()).as(cut).isEqualTo(2);
            assertThat(t.metadata().flags()).as(cut).contains("truncated");
            assertThat(t.metadata().warnings()).as(cut).anyMatch(w -> w.contains("the last line has no line end"));
        }
    }

    @Test
    void linesWithLineEndsAreNotJudgedByLength() throws Exception {
        TimeSeries t = read(HEAD + "2,3.52,0.1,25\n");
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.column(Quantity.TEMPERATURE_T1)[2]).isEqualTo(25.0);
        assertThat(t.metadata().flags()).doesNotContain("truncated");
    }
}
