package tower.formats.batteryarchive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tower.formats.Probe;
import tower.formats.Reader;
import tower.formats.TestFiles;
import tower.formats.arbin.ArbinCsvReader;
import tower.formats.basytec.BasytecTxtReader;
import tower.formats.batterydata.BatteryDataCsvReader;
import tower.formats.bdf.BdfCsvReader;
import tower.formats.generic.GenericCsvReader;
import tower.formats.novonix.NovonixCsvReader;

/** The registry with the readers of this branch added: each shared file goes to its own reader, none to another. */
class DetectionTest {
    private static final List<Reader> READERS = List.of(new BdfCsvReader(), new ArbinCsvReader(), new NovonixCsvReader(),
            new BasytecTxtReader(), new BatteryArchiveCsvReader(), new BatteryDataCsvReader(), new GenericCsvReader());

    private static final Map<String, String> EXPECTED = Map.of(
            "beep/test_Nova_Form-CH01-01_short.csv", "novonix-csv",
            "PyProBE/sample_data_basytec.txt", "basytec-txt",
            "battery-data-toolkit/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv", "batteryarchive-csv",
            "battery-data-toolkit/p492-13-raw.csv", "batterydata-csv",
            "battery-data-toolkit/arbin_example.csv", "arbin-csv",
            "beep/2017-05-09_test-TC-contact_CH33.csv", "arbin-csv",
            "PyProBE/sample_data_arbin.csv", "arbin-csv");

    private static String best(Path f) throws Exception {
        Probe p = Probe.of(f);
        String best = "";
        int score = 0;
        for (Reader r : READERS) {
            int s = r.detect(p);
            if (s > score) {
                score = s;
                best = r.info().id();
            }
        }
        return best;
    }

    @Test
    void everySharedFileGoesToItsOwnReaderOrToNone() throws Exception {
        Path root = TestFiles.shared("");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            String expected = EXPECTED.getOrDefault(rel, "");
            String got = best(f);
            if (expected.isEmpty()) {
                // files of formats this branch does not read must not be claimed by its readers
                assertThat(got).as(rel).isIn("", "arbin-csv", "bdf-csv");
            } else {
                assertThat(got).as(rel).isEqualTo(expected);
            }
        }
    }
}
