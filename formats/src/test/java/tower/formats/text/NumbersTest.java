package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {
    private final Numbers numbers = new Numbers();

    private double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return numbers.parse(b, 0, b.length, false);
    }

    @Test
    void agreesWithTheJdkOnEveryKindOfDecimal() {
        Random r = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble() * 10;
                case 1 -> (r.nextDouble() - 0.5) * 1e6;
                case 2 -> r.nextGaussian() * 1e-5;
                default -> Math.round(r.nextDouble() * 1e9) / Math.pow(10, r.nextInt(12));
            };
            for (String text : new String[]{Double.toString(v), String.format(java.util.Locale.ROOT, "%.7f", v),
                    String.format(java.util.Locale.ROOT, "%.12f", v), String.format(java.util.Locale.ROOT, "%.3e", v)}) {
                assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
        assertThat(parse("0.1")).isEqualTo(0.1);
        assertThat(parse("-0")).isEqualTo(-0.0);
        assertThat(parse("12345678901234567890.5")).isEqualTo(12345678901234567890.5);
        assertThat(parse(" 3.5 ")).isEqualTo(3.5);
        assertThat(parse("1.")).isEqualTo(1.0);
        assertThat(parse(".5")).isEqualTo(0.5);
    }

    @Test
    void theFastPathIsExactOrStepsAside() {
        Random r = new Random(7);
        for (int i = 0; i < 300_000; i++) {
            int intDigits = r.nextInt(12);
            int fracDigits = r.nextInt(20);
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "-" : "");
            for (int k = 0; k < intDigits; k++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            if (fracDigits > 0 || intDigits == 0) {
                sb.append('.');
            }
            for (int k = 0; k < fracDigits; k++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            if (r.nextInt(50) == 0) {
                sb.insert(r.nextInt(sb.length() + 1), (char) (' ' + r.nextInt(90)));
            }
            String text = sb.toString();
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            if (b.length == 0) {
                continue;
            }
            double fast = Numbers.fastDecimal(b, 0, b.length);
            if (!Double.isNaN(fast)) {
                assertThat(fast).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
        byte[] eight = "0.00027778".getBytes(StandardCharsets.US_ASCII);
        assertThat(Numbers.fastDecimal(eight, 0, eight.length)).isEqualTo(0.00027778);
        byte[] sixteen = "1.2345678901234567".getBytes(StandardCharsets.US_ASCII);
        assertThat(Numbers.fastDecimal(sixteen, 0, sixteen.length)).isNaN(); // beyond 2^53: the full parser decides
    }

    @Test
    void aFieldInsideALineIsReadFromItsOwnBytesOnly() {
        // the fast path loads eight bytes at a time, also past the field's end when the line goes on: what follows
        // (digits, a separator, a minus) must not change the value, and a non-digit inside the field still steps aside
        Random r = new Random(11);
        String[] after = {",", "9", "99999999", ",-1.5\n", "e5", ".", " "};
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder(r.nextInt(4) == 0 ? "-" : "");
            int intDigits = r.nextInt(11);
            for (int k = 0; k < intDigits; k++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            sb.append('.');
            int fracDigits = 1 + r.nextInt(17);
            for (int k = 0; k < fracDigits; k++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            String field = sb.toString();
            byte[] line = (field + after[r.nextInt(after.length)] + "12345678").getBytes(StandardCharsets.US_ASCII);
            double fast = Numbers.fastDecimal(line, 0, field.length());
            if (!Double.isNaN(fast)) {
                assertThat(fast).as(field).isEqualTo(Double.parseDouble(field));
            } else {
                assertThat(intDigits + fracDigits).as(field).isGreaterThan(15);
            }
        }
        byte[] bad = "3.41x8,1.0,2.0".getBytes(StandardCharsets.US_ASCII);
        assertThat(Numbers.fastDecimal(bad, 0, 6)).isNaN();
        byte[] cut = "3.4138231,2".getBytes(StandardCharsets.US_ASCII);
        assertThat(Numbers.fastDecimal(cut, 0, 9)).isEqualTo(3.4138231);
        assertThat(Numbers.fastDecimal(cut, 0, 5)).isEqualTo(3.413);
    }

    @Test
    void missingMarkersAreNaNAndTextIsAnError() {
        assertThat(parse("")).isNaN();
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("N/A")).isNaN();
        assertThat(parse("-")).isNaN();
        assertThatThrownBy(() -> parse("abc")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> parse("1.2.3")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> parse(".")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void nonFiniteAndOverflowingNumbersAreRefusedAndNanIsMissing() {
        for (String t : new String[] {"Infinity", "-Infinity", "+Infinity", "1e309", "-1e309", "1" + "0".repeat(400),
                "-" + "9".repeat(400) + ".5"}) {
            assertThatThrownBy(() -> parse(t)).as(t).isInstanceOf(Numbers.NotFinite.class).hasMessage("not a finite number");
        }
        for (String t : new String[] {"NaN", "nan", "-NaN", "+NaN", "", "  ", "-", "N/A", "null"}) {
            assertThat(parse(t)).as(t).isNaN();
        }
        assertThat(parse("0." + "0".repeat(398) + "1")).isEqualTo(0.0); // underflows to zero: finite, kept
        assertThat(parse("1e-400")).isEqualTo(0.0);
        assertThat(parse("1e308")).isEqualTo(1e308);
        assertThatThrownBy(() -> parse("inf")).isInstanceOf(NumberFormatException.class);
    }
}
