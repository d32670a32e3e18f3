package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LocalDateTimeBindingsTest {
    private static long read(Binding b, String text) {
        byte[] bytes = ("x," + text + ",y").getBytes(StandardCharsets.ISO_8859_1);
        Row row = new Row();
        row.reset();
        b.parse(bytes, 2, 2 + text.length(), row, new Numbers(), false);
        return row.epochNanos();
    }

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void fastPathAgreesWithTheFormatterIncludingDaylightSavingEdges() {
        for (String zone : new String[] {"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"}) {
            ZoneId z = ZoneId.of(zone);
            Binding fast = Bindings.isoLocalDateTime(z);
            Binding slow = Bindings.localDateTime(DateFormats.ISO, z);
            for (String t : new String[] {"2025-03-30 01:59:59", "2025-03-30 02:30:00", "2025-03-30 03:00:00",
                    "2025-10-26 02:30:00", "2025-10-26 03:00:00", "2025-03-09 02:30:00", "2025-11-02 01:30:00",
                    "2025-04-06 01:45:00", "2025-10-05 02:15:00", "2010-09-02 14:35:40", "2020-02-29T23:59:59.123456789",
                    "1969-12-31 23:59:59.5", "2022-04-01 7:05"}) {
                assertThat(read(fast, t)).as(zone + " " + t).isEqualTo(read(slow, t));
            }
            Binding twelve = Bindings.localDateTime(new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern("yyyy-MM-dd h:mm:ss a").toFormatter(java.util.Locale.US), z);
            for (String t : new String[] {"2022-04-11 10:58:07 AM", "2022-04-11 12:58:07 AM", "2022-04-11 12:00:00 PM",
                    "2022-04-12 4:24:05 pm", "2025-03-30 2:30:00 AM", "2025-10-26 2:30:00 AM"}) {
                assertThat(read(fast, t)).as(zone + " " + t).isEqualTo(read(twelve, t));
            }
        }
        assertThat(read(Bindings.isoLocalDateTime(ZoneId.of("UTC")), "2022-4-1 7:05")).isEqualTo(nanos("2022-04-01T07:05:00Z"));
        assertThat(read(Bindings.isoLocalDateTime(ZoneId.of("UTC")), "2022-04-11 12:58:07 AM"))
                .isEqualTo(nanos("2022-04-11T00:58:07Z"));
    }

    @Test
    void fastPathRefusesWhatItCannotRead() {
        Binding fast = Bindings.isoLocalDateTime(ZoneId.of("UTC"));
        for (String t : new String[] {"2022-02-30 10:00:00", "2022-04-11 24:00:00", "2022-04-11 13:00:00 PM",
                "22-04-11 10:00:00", "2022-04-11", "2022-04-11 10:00:00 XM", "2022/04/11 10:00:00", "2022-04-11 10:60"}) {
            assertThatThrownBy(() -> read(fast, t)).as(t).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void matlabDatenumIsDaysSinceYearZeroInLocalTime() {
        assertThat(read(Bindings.matlabDatenum(ZoneId.of("UTC")), "719529")).isZero();
        assertThat(read(Bindings.matlabDatenum(ZoneId.of("UTC")), "737792.442372685"))
                .isEqualTo(nanos("2020-01-02T10:37:01Z"));
        assertThat(read(Bindings.matlabDatenum(ZoneId.of("Europe/Berlin")), "737792.5"))
                .isEqualTo(nanos("2020-01-02T11:00:00Z"));
    }
}
