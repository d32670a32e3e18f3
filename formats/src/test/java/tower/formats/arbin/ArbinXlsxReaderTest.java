package tower.formats.arbin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.TimeSeries;
import tower.formats.Detection;
import tower.formats.TestFiles;

/**
 * No real Arbin workbook is available, so the tests write workbooks in Arbin's layout (Global_Info, Channel_1-006,
 * Statistics_1-006) from the rows of real Arbin CSV exports and require the xlsx read to equal the CSV read.
 */
class ArbinXlsxReaderTest {
    private static final DateTimeFormatter MITS = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss.SSS");
    private final ArbinXlsxReader reader = new ArbinXlsxReader();

    /** How the Date Time column is written. */
    enum Dates { AS_IN_CSV, EXCEL_DATES }

    /**
     * A workbook with the CSV's header and rows; numbers become numeric cells, the rest text. {@code rowsPerSheet}
     * splits the data over Channel_1-006, Channel_1-006_2, ... as Arbin does for long tests.
     */
    static Path workbook(Path csv, Path out, int rowsPerSheet, Dates dates) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).replace("\uFEFF", "").split(",", -1);
        int dateCol = -1;
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals("Date Time")) {
                dateCol = c;
            }
        }
        try (OutputStream os = Files.newOutputStream(out); Workbook wb = new Workbook(os, "MITS Pro", "8.0")) {
            Worksheet info = wb.newWorksheet("Global_Info");
            info.value(0, 0, "TEST REPORT");
            String[] names = {"Channel", "Start DateTime", "Schedule File Name", "Creator", "Comments"};
            String[] values = {"6", "07/02/2017 10:39:13", "example_schedule.sdx", "tower", "generated for a test"};
            for (int c = 0; c < names.length; c++) {
                info.value(3, c, names[c]);
                info.value(4, c, values[c]);
            }
            Worksheet ws = null;
            int r = 0;
            int part = 0;
            for (int i = 1; i < lines.size(); i++) {
                if (ws == null || r > rowsPerSheet) {
                    if (ws != null) {
                        ws.finish();
                    }
                    part++;
                    ws = wb.newWorksheet(part == 1 ? "Channel_1-006" : "Channel_1-006_" + part);
                    for (int c = 0; c < header.length; c++) {
                        ws.value(0, c, header[c]);
                    }
                    r = 1;
                }
                String[] f = lines.get(i).split(",", -1);
                for (int c = 0; c < f.length && c < header.length; c++) {
                    String v = f[c].strip();
                    if (v.isEmpty()) {
                        continue;
                    }
                    if (c == dateCol && dates == Dates.EXCEL_DATES) {
                        ws.value(r, c, LocalDateTime.parse(v, MITS));
                        ws.style(r, c).format("mm/dd/yyyy hh:mm:ss.000").set();
                        continue;
                    }
                    try {
                        ws.value(r, c, Double.parseDouble(v));
                    } catch (NumberFormatException e) {
                        ws.value(r, c, f[c]);
                    }
                }
                r++;
            }
            Worksheet stats = wb.newWorksheet("Statistics_1-006");
            stats.value(0, 0, "Cycle_Index");
            stats.value(0, 1, "Charge_Capacity");
            stats.value(1, 0, 1);
            stats.value(1, 1, 1.0);
        }
        return out;
    }

    static void assertSameSeries(TimeSeries a, TimeSeries b) {
        assertThat(b.columns()).isEqualTo(a.columns());
        assertThat(b.size()).isEqualTo(a.size());
        for (Quantity q : a.columns()) {
            switch (q.kind()) {
                case REAL, INTEGER -> assertThat(b.column(q)).as(q.label()).containsExactly(a.column(q));
                case EPOCH -> assertThat(b.epochNanos()).as(q.label()).containsExactly(a.epochNanos());
                case STEP_TYPE -> assertThat(b.stepTypes()).as(q.label()).containsExactly(a.stepTypes());
            }
        }
    }

    @Test
    void classicExportAsWorkbookEqualsTheCsv(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.shared("battery-data-toolkit/arbin_example.csv");
        Path xlsx = workbook(csv, dir.resolve("arbin_example.xlsx"), 1_000_000, Dates.AS_IN_CSV);
        assertThat(Detection.best(xlsx, Detection.newReaders())).isEqualTo("arbin-xlsx");
        var fromCsv = TestFiles.read(new ArbinCsvReader(), csv, ReadOptions.DEFAULT);
        var fromXlsx = TestFiles.read(reader, xlsx, ReadOptions.DEFAULT);
        assertThat(fromXlsx.series().size()).isEqualTo(2142);
        assertSameSeries(fromCsv.series(), fromXlsx.series());
        assertThat(fromXlsx.cycles().cycles()).isEqualTo(fromCsv.cycles().cycles());
        var md = fromXlsx.series().metadata();
        assertThat(md.format()).isEqualTo("arbin-xlsx");
        assertThat(md.vendor()).containsEntry("schedule_file_name", "example_schedule.sdx").containsEntry("channel", "6");
        assertThat(md.timezoneAssumed()).isFalse();
    }

    @Test
    void dataSplitOverSeveralChannelSheetsIsOneTest(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.shared("battery-data-toolkit/arbin_example.csv");
        Path xlsx = workbook(csv, dir.resolve("split.xlsx"), 1000, Dates.AS_IN_CSV);
        assertSameSeries(TestFiles.read(new ArbinCsvReader(), csv, ReadOptions.DEFAULT).series(),
                TestFiles.read(reader, xlsx, ReadOptions.DEFAULT).series());
    }

    @Test
    void mitsProExportWithExcelOrTextDatesEqualsTheCsv(@TempDir Path dir) throws Exception {
        Path csv = TestFiles.shared("PyProBE/sample_data_arbin.csv");
        ReadOptions london = ReadOptions.withTimezone(ZoneId.of("Europe/London"));
        TimeSeries expected = TestFiles.read(new ArbinCsvReader(), csv, london).series();
        for (Dates d : Dates.values()) {
            Path xlsx = workbook(csv, dir.resolve("mits_" + d + ".xlsx"), 1_000_000, d);
            TimeSeries got = TestFiles.read(reader, xlsx, london).series();
            assertSameSeries(expected, got);
            assertThat(got.metadata().timezone()).contains(ZoneId.of("Europe/London"));
        }
    }

    @Test
    void textInANumericCellNamesSheetRowAndColumn(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "Data_Point,Test_Time,Current,Voltage\n1,0,0.5,3.3\n2,1,abc,3.4\n");
        Path xlsx = workbook(csv, dir.resolve("bad.xlsx"), 1_000_000, Dates.AS_IN_CSV);
        assertThatThrownBy(() -> TestFiles.read(reader, xlsx, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("bad.xlsx: sheet 'Channel_1-006' row 3: column 'Current': cannot read 'abc'");
    }

    @Test
    void truncatedWorkbookIsAnInputException(@TempDir Path dir) throws Exception {
        Path xlsx = workbook(TestFiles.shared("battery-data-toolkit/arbin_example.csv"), dir.resolve("whole.xlsx"),
                1_000_000, Dates.AS_IN_CSV);
        byte[] all = Files.readAllBytes(xlsx);
        Path cut = dir.resolve("cut.xlsx");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThat(reader.detect(tower.formats.Probe.of(cut))).isZero();
        assertThatThrownBy(() -> TestFiles.read(reader, cut, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("cut.xlsx: zip directory: not a readable zip container");
    }

    @Test
    void workbookWithTwoChannelsIsRefused(@TempDir Path dir) throws Exception {
        Path xlsx = dir.resolve("two.xlsx");
        try (OutputStream os = Files.newOutputStream(xlsx); Workbook wb = new Workbook(os, "MITS Pro", "8.0")) {
            for (String name : new String[] {"Channel_1-006", "Channel_1-007"}) {
                Worksheet ws = wb.newWorksheet(name);
                String[] h = {"Data_Point", "Test_Time", "Current", "Voltage"};
                for (int c = 0; c < h.length; c++) {
                    ws.value(0, c, h[c]);
                    ws.value(1, c, c);
                }
            }
        }
        assertThatThrownBy(() -> TestFiles.read(reader, xlsx, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("several channels");
    }

    @Test
    void otherWorkbooksAreNotClaimed(@TempDir Path dir) throws Exception {
        Path xlsx = dir.resolve("other.xlsx");
        try (OutputStream os = Files.newOutputStream(xlsx); Workbook wb = new Workbook(os, "x", "1.0")) {
            Worksheet ws = wb.newWorksheet("record");
            ws.value(0, 0, "Time");
            ws.value(0, 1, "Voltage");
        }
        assertThat(reader.detect(tower.formats.Probe.of(xlsx))).isZero();
    }
}
