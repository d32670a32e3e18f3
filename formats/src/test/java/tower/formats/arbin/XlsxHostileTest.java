package tower.formats.arbin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.Limits;
import tower.core.ingest.ReadOptions;
import tower.formats.TestFiles;
import tower.formats.Zips;

/**
 * Damaged Arbin workbooks: every XML or zip failure is one {@link InputException} line {@code FILE: WHERE: REASON}
 * in words, with the sheet where known; zip bombs are refused by the limits; a workbook without the optional
 * styles part reads.
 */
class XlsxHostileTest {
    private static final String SHEET = "xl/worksheets/sheet2.xml";
    private final ArbinXlsxReader reader = new ArbinXlsxReader();
    @TempDir
    static Path dir;
    private static byte[] good;
    private static int goodRows;

    @BeforeAll
    static void workbook() throws Exception {
        Path csv = dir.resolve("head.csv");
        var lines = Files.readAllLines(TestFiles.shared("battery-data-toolkit/arbin_example.csv"), StandardCharsets.UTF_8);
        Files.write(csv, lines.subList(0, 200));
        good = Files.readAllBytes(ArbinWorkbooks.fromCsv(csv, dir.resolve("good.xlsx")));
        goodRows = TestFiles.read(new ArbinXlsxReader(), dir.resolve("good.xlsx"), ReadOptions.DEFAULT).series().size();
        assertThat(Zips.entries(good)).containsKey(SHEET);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] sheetEdit(String from, String to) {
        return Zips.rewrite(good, SHEET, b -> new String(b, StandardCharsets.UTF_8).replaceFirst(from, to)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The read fails with one safe line starting with the path; returns WHERE: REASON. */
    private String refused(Path f, ReadOptions options) {
        Throwable t = catchThrowable(() -> TestFiles.read(reader, f, options));
        assertThat(t).isInstanceOf(InputException.class);
        String m = t.getMessage();
        assertThat(m).startsWith(f + ": ").doesNotContain("\n", "\r", "Exception", "java.", "at [row", "For input string");
        assertThat(m.length()).isLessThanOrEqualTo(300);
        return m.substring(f.toString().length() + 2);
    }

    private String refused(Path f) {
        return refused(f, ReadOptions.DEFAULT);
    }

    @Test
    void workbookWithoutStylesReads() throws Exception {
        Path f = write("nostyles.xlsx", Zips.rewrite(good, "xl/styles.xml", b -> null));
        assertThat(TestFiles.read(reader, f, ReadOptions.DEFAULT).series().size()).isEqualTo(goodRows);
    }

    @Test
    void illegalXmlCharacterNamesTheSheet() throws Exception {
        String m = refused(write("ctl.xlsx", sheetEdit("<v>", "<v>\u0001")));
        assertThat(m).startsWith("sheet 'Channel_1-006'").contains("character that XML does not allow");
    }

    @Test
    void brokenTagIsMalformedXmlWithThePlace() throws Exception {
        String m = refused(write("tag.xlsx", sheetEdit("</row>", "</rox>")));
        assertThat(m).startsWith("sheet 'Channel_1-006'").contains("malformed XML at XML line");
    }

    @Test
    void infInACellIsRefusedWithSheetRowAndColumn() throws Exception {
        String m = refused(write("inf.xlsx", sheetEdit("<c r=\"B3\"([^>]*)><v>[^<]*</v>", "<c r=\"B3\"$1><v>inf</v>")));
        assertThat(m).startsWith("sheet 'Channel_1-006' after row 2: ").contains("'inf' where a number is required");
    }

    @Test
    void nonNumericCellReferenceOrSharedStringIndexIsRefused() throws Exception {
        String m = refused(write("ref.xlsx", sheetEdit("r=\"B3\"", "r=\"Binf\"")));
        assertThat(m).startsWith("sheet 'Channel_1-006'");
        Path sst = write("sst.xlsx", sheetEdit("t=\"s\"><v>[0-9]+</v>", "t=\"s\"><v>inf</v>"));
        assertThat(refused(sst)).startsWith("sheet 'Channel_1-006'").contains("'inf' where a number is required");
    }

    @Test
    void truncatedSheetXmlIsRefused() throws Exception {
        String m = refused(write("short.xlsx", Zips.rewrite(good, SHEET, b -> java.util.Arrays.copyOf(b, b.length / 2))));
        assertThat(m).startsWith("sheet 'Channel_1-006'");
    }

    @Test
    void damagedDeflateDataNamesTheEntry() throws Exception {
        byte[] b = good.clone();
        int at = Zips.dataOffset(b, SHEET);
        for (int k = 5; k < 40; k++) {
            b[at + k] = (byte) 0xff;
        }
        String m = refused(write("deflate.xlsx", b));
        assertThat(m).startsWith("zip entry " + SHEET + ": ").containsAnyOf("damaged", "cut short");
    }

    @Test
    void zipBombsAreRefusedByTheLimits() throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>(Zips.entries(good));
        m.put("xl/media/zeros.bin", new byte[20 << 20]); // 20 MB of zeros pack ~1000:1
        assertThat(refused(write("ratio.xlsx", Zips.zip(m)))).contains("zip entry xl/media/zeros.bin")
                .contains("times its packed size");
        ReadOptions small = new ReadOptions(Optional.empty(), "none", new Limits(1 << 20, 4096, 10_000, 64 << 20, 10, 1 << 20, 500));
        Map<String, byte[]> many = new LinkedHashMap<>(Zips.entries(good));
        for (int k = 0; k < 20; k++) {
            many.put("xl/extra" + k + ".xml", new byte[1]);
        }
        assertThat(refused(write("many.xlsx", Zips.zip(many)), small)).contains("more than 10 entries");
        ReadOptions tiny = new ReadOptions(Optional.empty(), "none", new Limits(1 << 20, 4096, 10_000, 64 << 20, 100, 10_000, 500));
        assertThat(refused(write("big.xlsx", good), tiny)).contains("unpacks to more than");
    }
}
