package tower.formats.bdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.cycling.CyclingOptions;
import tower.core.cycling.Normalizer;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.formats.Formats;
import tower.formats.TestFiles;

class BdfRoundTripTest {
    @Test
    void writtenBdfReadsBackUnchanged(@TempDir Path dir) throws Exception {
        Path src = TestFiles.shared("battery-data-toolkit/arbin_example.csv");
        Path out1 = dir.resolve("a.csv");
        Path out2 = dir.resolve("b.csv");
        convert(src, out1);
        assertThat(Formats.forFile(out1, java.util.Optional.empty()).info().id()).isEqualTo("bdf-csv");
        convert(out1, out2);
        assertThat(Files.readString(out2)).isEqualTo(Files.readString(out1));
        var a = TestFiles.read(src).series();
        var b = TestFiles.read(out1).series();
        assertThat(b.columns()).isEqualTo(a.columns());
        for (Quantity q : a.columns()) {
            if (q.kind() == Quantity.Kind.REAL || q.kind() == Quantity.Kind.INTEGER) {
                assertThat(b.column(q)).as(q.label()).containsExactly(a.column(q));
            }
        }
        assertThat(b.epochNanos()).containsExactly(a.epochNanos());
    }

    @Test
    void readsOtherUnitsOfTheVocabulary() throws Exception {
        var r = TestFiles.read(TestFiles.shared("cellpy/batmo_bdf.csv"));
        assertThat(r.series().size()).isEqualTo(21206);
        // Test Time / h is converted to seconds
        assertThat(r.series().column(Quantity.TEST_TIME)[0]).isCloseTo(0.138888888888889 * 3600, within(1e-9));
        assertThat(r.cycles().cycles()).hasSize(109);
    }

    private static void convert(Path in, Path out) throws Exception {
        try (OutputStream os = Files.newOutputStream(out)) {
            var reader = Formats.forFile(in, java.util.Optional.empty());
            reader.read(java.util.List.of(in), ReadOptions.DEFAULT,
                    new Normalizer(new BdfCsvWriter(os), CyclingOptions.DEFAULT));
        }
    }
}
