package tower.formats.bdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Batch;
import tower.core.series.Quantity;
import tower.core.series.TestMetadata;
import tower.formats.TestFiles;

class BdfHostileTest {
    @TempDir
    Path dir;

    @Test
    void headerWithoutRowsIsRefused() throws Exception {
        Path f = Files.writeString(dir.resolve("empty.csv"), "Test Time / s,Voltage / V,Current / A\n");
        assertThatThrownBy(() -> TestFiles.read(new BdfCsvReader(), f, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessage(f + ": line 2: no data rows after the header");
    }

    @Test
    void nonFiniteNumbersAreRefusedWithLineAndColumn() throws Exception {
        for (String bad : new String[] {"-Infinity", "Infinity", "1e309", "9".repeat(400)}) {
            Path f = Files.writeString(dir.resolve("inf.csv"), "Test Time / s,Voltage / V,Current / A\n0,3.5,1\n1," + bad + ",1\n");
            assertThatThrownBy(() -> TestFiles.read(new BdfCsvReader(), f, ReadOptions.DEFAULT)).as(bad)
                    .isInstanceOf(InputException.class)
                    .hasMessageStartingWith(f + ": line 3: column 'Voltage / V': cannot read '")
                    .hasMessageEndingWith("(not a finite number)");
        }
    }

    @Test
    void theWriterNeverWritesANonFiniteNumber() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BdfCsvWriter w = new BdfCsvWriter(out);
        var cols = EnumSet.of(Quantity.TEST_TIME, Quantity.VOLTAGE, Quantity.CYCLE_COUNT);
        Batch b = new Batch(cols, 4);
        for (double v : new double[] {Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY}) {
            int r = b.addRow();
            b.set(Quantity.TEST_TIME, r, r);
            b.set(Quantity.VOLTAGE, r, v);
            b.set(Quantity.CYCLE_COUNT, r, v);
        }
        w.begin(cols, new TestMetadata());
        w.accept(b);
        w.end(new TestMetadata());
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContainIgnoringCase("inf").doesNotContainIgnoringCase("nan");
    }
}
