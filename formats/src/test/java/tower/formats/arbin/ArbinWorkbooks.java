package tower.formats.arbin;

import java.nio.file.Path;

/** Arbin workbooks for tests outside this package (no real Arbin .xlsx is available). */
public final class ArbinWorkbooks {
    private ArbinWorkbooks() {
    }

    /** A one-sheet workbook in Arbin's layout holding the rows of an Arbin CSV export. */
    public static Path fromCsv(Path csv, Path out) throws Exception {
        return ArbinXlsxReaderTest.workbook(csv, out, 1_000_000, ArbinXlsxReaderTest.Dates.AS_IN_CSV);
    }
}
