package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;
import tower.core.ingest.Progress;
import tower.core.series.BatchWriter;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;
import tower.core.series.TimeSeries;
import tower.core.units.Dimension;
import tower.core.units.Units;

class ParallelTableReaderTest {
    private static TimeSeries read(Path f, int threads) throws Exception {
        TimeSeries.Collector col = new TimeSeries.Collector();
        try (LineReader lines = TextFile.open(f, Limits.DEFAULT)) {
            lines.next(); // header
            Binding[] b = {Bindings.number(Quantity.TEST_TIME, Units.si(Dimension.TIME)),
                    Bindings.number(Quantity.CURRENT, Units.require("mA", Dimension.CURRENT)),
                    Bindings.number(Quantity.VOLTAGE, Units.si(Dimension.VOLTAGE))};
            String[] names = {"t", "i", "v"};
            BatchWriter out = new BatchWriter(EnumSet.of(Quantity.TEST_TIME, Quantity.CURRENT, Quantity.VOLTAGE), col,
                    new TestMetadata());
            ParallelTableReader.readAll(lines, () -> new TableReader(f.toString(), (byte) ',', false, b, names, null),
                    out, Progress.NONE, threads);
            out.finish();
        }
        return col.result();
    }

    private static Path write(Path dir, int rows, int badLine, boolean crlf) throws Exception {
        StringBuilder sb = new StringBuilder("t,i,v").append(crlf ? "\r\n" : "\n");
        for (int k = 1; k <= rows; k++) {
            String i = k + 1 == badLine ? "x1" : Long.toString(k % 2000 - 1000) + "." + (k % 97);
            sb.append(k).append(',').append(i).append(',').append("3." + (10000 + k % 9973))
                    .append(crlf ? "\r\n" : "\n");
        }
        Path f = dir.resolve("t" + rows + badLine + crlf + ".csv");
        Files.writeString(f, sb.substring(0, sb.length() - (crlf ? 2 : 1)), StandardCharsets.US_ASCII); // no final EOL
        return f;
    }

    @Test
    void sameRowsInTheSameOrderAsOneThread(@TempDir Path dir) throws Exception {
        for (boolean crlf : new boolean[]{false, true}) {
            Path f = write(dir, 120_000, -1, crlf); // ~2.5 MB: several 1 MB blocks
            TimeSeries one = read(f, 1);
            TimeSeries three = read(f, 3);
            assertThat(three.size()).isEqualTo(120_000).isEqualTo(one.size());
            for (Quantity q : one.columns()) {
                assertThat(three.column(q)).containsExactly(one.column(q));
            }
            assertThat(three.column(Quantity.TEST_TIME)[119_999]).isEqualTo(120_000);
        }
    }

    @Test
    void errorsInALaterBlockNameTheAbsoluteLine(@TempDir Path dir) throws Exception {
        Path f = write(dir, 120_000, 100_001, false);
        assertThatThrownBy(() -> read(f, 2)).isInstanceOf(InputException.class)
                .hasMessageContaining("line 100001: column 'i': cannot read 'x1'");
        assertThatThrownBy(() -> read(f, 1)).isInstanceOf(InputException.class)
                .hasMessageContaining("line 100001: column 'i': cannot read 'x1'");
    }
}
