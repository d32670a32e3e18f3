package tower.formats.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.ingest.InputException;
import tower.core.ingest.ReadOptions;
import tower.core.series.Quantity;
import tower.core.series.StepType;
import tower.formats.Probe;
import tower.formats.TestFiles;
import tower.formats.batterydata.BatteryDataCsvReader;

class GenericCsvReaderTest {
    private static final Path DOE = TestFiles.shared("battery-data-toolkit/p492-13-raw.csv");

    static final String DOE_MAPPING = """
            # BatteryData.energy.gov raw file, mapped by hand
            separator = ,
            header.line = 1
            column.1 = Time_s -> Test Time / s
            column.2 = Current_A -> Current / A
            column.3 = Voltage_V -> Voltage / V
            column.4 = Cycle_Index -> Cycle Count
            column.5 = Step -> Step Index
            column.6 = Cell_Temperature_C -> Temperature T1 / degC
            column.7 = Datenum_d -> Unix Time / datenum
            timezone = UTC
            """;

    private static Path write(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void neverDetectedAndRefusesToReadWithoutAMapping() throws Exception {
        GenericCsvReader r = new GenericCsvReader();
        assertThat(r.detect(Probe.of(DOE))).isZero();
        assertThat(r.info().id()).isEqualTo("generic-csv");
        assertThatThrownBy(() -> TestFiles.read(r, DOE, ReadOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("--mapping");
        assertThatThrownBy(() -> TestFiles.read(new GenericCsvReader(Path.of("no-such.properties")), DOE, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("no-such.properties: mapping: no such mapping file");
    }

    @Test
    void mappedRealFileMatchesItsDedicatedReader(@TempDir Path dir) throws Exception {
        Path mapping = write(dir, "doe.properties", DOE_MAPPING);
        var generic = TestFiles.read(new GenericCsvReader(mapping), DOE, ReadOptions.DEFAULT).series();
        var dedicated = TestFiles.read(new BatteryDataCsvReader(), DOE, ReadOptions.withTimezone(ZoneId.of("UTC"))).series();
        assertThat(generic.size()).isEqualTo(2021); // the generic reader keeps the 78 EIS rows
        assertThat(generic.metadata().timezoneAssumed()).isFalse();
        assertThat(generic.metadata().vendor()).containsEntry("mapping", "doe.properties");
        int n = 500; // the first EIS row comes later
        for (Quantity q : new Quantity[] {Quantity.TEST_TIME, Quantity.CURRENT, Quantity.VOLTAGE, Quantity.CYCLE_COUNT,
                Quantity.STEP_INDEX, Quantity.TEMPERATURE_T1}) {
            assertThat(Arrays.copyOf(generic.column(q), n)).as(q.label()).containsExactly(Arrays.copyOf(dedicated.column(q), n));
        }
        assertThat(Arrays.copyOf(generic.epochNanos(), n)).containsExactly(Arrays.copyOf(dedicated.epochNanos(), n));
    }

    @Test
    void milliampsDischargePositiveDecimalCommaAndLocalDates(@TempDir Path dir) throws Exception {
        Path mapping = write(dir, "lab.properties", """
                separator = ;
                decimal = ,
                header.line = 3
                data.line = 5
                encoding = windows-1252
                current.sign = discharge-positive
                datetime.pattern = dd.MM.yyyy HH:mm:ss[.SSS]
                timezone = Europe/Berlin
                column.1 = Zeit -> Test Time / hh:mm:ss
                column.2 = Strom -> Current / mA
                column.3 = Spannung -> Voltage / V
                column.4 = Ladung -> Step Charging Capacity / mAh
                column.5 = Temp. (°C) -> Temperature T1 / degC
                column.6 = Datum -> Unix Time / datetime
                column.7 = Modus -> Step Type
                """);
        String text = "Prüfling: Zelle 7\r\n"
                + "Kanal: 3\r\n"
                + "Zeit;Datum;Modus;Strom;Spannung;Ladung;Temp. (°C)\r\n"
                + "h:m:s;;;mA;V;mAh;°C\r\n"
                + "00:00:00;29.03.2025 01:59:59;Charge;-1500,0;3,600;0,0;24,5\r\n"
                + "00:00:02;29.03.2025 02:00:01;Charge;-1500,0;3,650;0,8333;24,6\r\n"
                + "1d 00:00:03;30.03.2025 03:00:02;Discharge;2000,5;3,400;0,0;25,0\r\n";
        Path f = dir.resolve("lab.csv");
        Files.write(f, text.getBytes(Charset.forName("windows-1252")));
        var ts = TestFiles.read(new GenericCsvReader(mapping), f, ReadOptions.DEFAULT).series();
        assertThat(ts.size()).isEqualTo(3);
        assertThat(ts.column(Quantity.CURRENT)).containsExactly(1.5, 1.5, -2.0005);
        assertThat(ts.column(Quantity.VOLTAGE)).containsExactly(3.6, 3.65, 3.4);
        assertThat(ts.column(Quantity.TEST_TIME)).containsExactly(0.0, 2.0, 86403.0);
        assertThat(ts.column(Quantity.STEP_CHARGING_CAPACITY)[1]).isCloseTo(0.0008333, within(1e-12));
        assertThat(ts.column(Quantity.TEMPERATURE_T1)).containsExactly(24.5, 24.6, 25.0);
        assertThat(StepType.ofOrdinal(ts.stepTypes()[2])).isEqualTo(StepType.CC_DISCHARGE);
        // 29 March 2025 01:59:59 CET = 00:59:59Z; 30 March 03:00:02 CEST = 01:00:02Z
        assertThat(ts.epochNanos()[0]).isEqualTo(Instant.parse("2025-03-29T00:59:59Z").getEpochSecond() * 1_000_000_000L);
        assertThat(ts.epochNanos()[2]).isEqualTo(Instant.parse("2025-03-30T01:00:02Z").getEpochSecond() * 1_000_000_000L);
        assertThat(ts.metadata().timezoneAssumed()).isFalse();
        assertThat(ts.metadata().timezone()).contains(ZoneId.of("Europe/Berlin"));
        // the step-scoped counter restarts at the discharge step: the cumulative charge stays
        assertThat(ts.column(Quantity.CHARGING_CAPACITY)[2]).isCloseTo(0.0008333, within(1e-12));
    }

    @Test
    void headerlessFileByPositionWithEpochTimeOnly(@TempDir Path dir) throws Exception {
        Path mapping = write(dir, "pos.properties", """
                separator = \\t
                header.line = 0
                column.a = #3 -> Unix Time / ms
                column.b = #1 -> Voltage / mV
                column.c = #2 -> Current / uA
                """);
        Path f = write(dir, "pos.tsv", "3700\t-250\t1700000000000\n3690\t-250\t1700000001500\n");
        var ts = TestFiles.read(new GenericCsvReader(mapping), f, ReadOptions.DEFAULT).series();
        assertThat(ts.column(Quantity.VOLTAGE)).containsExactly(3.7, 3.69);
        assertThat(ts.column(Quantity.CURRENT)).containsExactly(-250e-6, -250e-6);
        assertThat(ts.column(Quantity.TEST_TIME)).containsExactly(0.0, 1.5);
        assertThat(ts.epochNanos()[1]).isEqualTo(1_700_000_001_500L * 1_000_000L);
        assertThat(ts.metadata().timezoneAssumed()).isFalse(); // epoch times carry no zone question
    }

    @Test
    void garbledAndTruncatedLinesNameTheLine(@TempDir Path dir) throws Exception {
        Path mapping = write(dir, "m.properties", """
                column.1 = t -> Test Time / min
                column.2 = i -> Current / A
                column.3 = v -> Voltage / V
                """);
        Path bad = write(dir, "bad.csv", "t,i,v\n0,1,3.5\n1,1,3..6\n");
        assertThatThrownBy(() -> TestFiles.read(new GenericCsvReader(mapping), bad, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("bad.csv: line 3: column 'v': cannot read '3..6'");
        Path cut = write(dir, "cut.csv", "t,i,v\n0,1,3.5\n1,1");
        assertThatThrownBy(() -> TestFiles.read(new GenericCsvReader(mapping), cut, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("cut.csv: line 3: expected 3 fields, found 2");
        Path extra = write(dir, "extra.csv", "t,i,v\n0,1,3.5\n1,1,3,6\n");
        assertThatThrownBy(() -> TestFiles.read(new GenericCsvReader(mapping), extra, ReadOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessageContaining("extra.csv: line 3: expected 3 fields, found 4");
        var ok = TestFiles.read(new GenericCsvReader(mapping), write(dir, "ok.csv", "t,i,v\n0,1,3.5\n1.5,1,3.6\n"),
                ReadOptions.DEFAULT).series();
        assertThat(ok.column(Quantity.TEST_TIME)).containsExactly(0.0, 90.0);
    }

    @Test
    void mappingMistakesNameTheKey(@TempDir Path dir) throws Exception {
        Path data = write(dir, "d.csv", "t,i,v\n0,1,3.5\n");
        String base = "column.1 = t -> Test Time / s\ncolumn.2 = i -> Current / A\ncolumn.3 = v -> Voltage / V\n";
        record Case(String mapping, String message) {
        }
        for (Case c : new Case[] {
                new Case(base + "seperator = ;\n", "key seperator: unknown key"),
                new Case(base.replace("Current / A", "Current / furlongs"), "key column.2: unknown current unit 'furlongs'"),
                new Case(base.replace("Current / A", "Curent / A"), "key column.2: unknown quantity 'Curent'"),
                new Case(base.replace("i ->", "I_A ->"), "column 'I_A' (column.2 in m.properties) is not in the header"),
                new Case(base + "column.4 = t -> Voltage / V\n", "key column.4: 'Voltage / V' is mapped twice"),
                new Case(base + "decimal = ,\n", "key decimal: a decimal comma needs a separator other than ','"),
                new Case(base + "encoding = UTF-16\n", "key encoding: 'UTF-16' is not ASCII-compatible"),
                new Case(base + "column.4 = d -> Unix Time / datetime\n", "a 'datetime' column needs datetime.pattern"),
                new Case("column.1 = t -> Test Time / s\n", "map at least Voltage, Current and Test Time"),
        }) {
            Path m = write(dir, "m.properties", c.mapping());
            assertThatThrownBy(() -> TestFiles.read(new GenericCsvReader(m), data, ReadOptions.DEFAULT))
                    .as(c.mapping()).isInstanceOf(InputException.class).hasMessageContaining(c.message());
        }
    }
}
