package tower.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void controlBytesAreEscapedAndTheMessageIsOneLine() {
        InputException e = new InputException("a\nb.csv", "line\r3", "column 'V\u001e': cannot read '\u0000x\u009b[31m'");
        assertThat(e.getMessage()).isEqualTo("a\\x0ab.csv: line\\x0d3: column 'V\\x1e': cannot read '\\x00x\\x9b[31m'");
        assertThat(SafeText.escape("bidi \u202e and \u2028 break")).isEqualTo("bidi \\u202e and \\u2028 break");
        assertThat(SafeText.escape("µ°C ✓ \uD83D\uDD0B")).isEqualTo("µ°C ✓ \uD83D\uDD0B");
        assertThat(SafeText.escape("lone \uD800 surrogate")).isEqualTo("lone \\ud800 surrogate");
    }

    @Test
    void echoedFieldsAreCutAndTheReasonIsBounded() {
        String field = "x".repeat(1_000_000);
        InputException e = InputException.atLine("f.csv", 7, "column 'Voltage': cannot read '" + field + "'");
        assertThat(e.getMessage()).startsWith("f.csv: line 7: column 'Voltage': cannot read 'xxxx")
                .contains("x…'").hasSizeLessThan(140);
        assertThat(new InputException("f", "w", "y".repeat(10_000)).reason()).hasSize(SafeText.MAX_REASON);
        String path = "/d/" + "n".repeat(400) + ".csv";
        assertThat(new InputException(path, "w", "r").file()).hasSize(SafeText.MAX_FILE).startsWith("/d/nn").endsWith("nn.csv");
    }

    @Test
    void javaClassNamesAndRawParserTextAreDropped() {
        assertThat(SafeText.reason("unreadable (java.util.zip.ZipException: invalid block type)"))
                .isEqualTo("unreadable (invalid block type)");
        assertThat(SafeText.reason("org.dhatim.fastexcel.reader.ExcelReaderException: IoStreamException: bad"))
                .isEqualTo("bad");
        assertThat(SafeText.reason("unreadable xlsx (For input string: \"inf\")"))
                .isEqualTo("unreadable xlsx ('inf' is not a number)");
        assertThat(SafeText.reason("  ")).isEqualTo("unreadable");
        // ordinary words with capitals and file names survive
        assertThat(SafeText.reason("Data_Point missing in Channel_1-006 of data.ndc (Error: none)"))
                .isEqualTo("Data_Point missing in Channel_1-006 of data.ndc (Error: none)");
    }
}
