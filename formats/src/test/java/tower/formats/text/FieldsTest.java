package tower.formats.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldsTest {
    @Test
    void theWordAtATimeSearchFindsTheFirstSeparatorLikeAByteLoop() {
        Random r = new Random(3);
        byte[] alphabet = ",;\t0123456789.-\"\u00e9\u0080\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        for (int n = 0; n < 100_000; n++) {
            byte[] line = new byte[r.nextInt(40)];
            for (int k = 0; k < line.length; k++) {
                line[k] = alphabet[r.nextInt(alphabet.length)];
            }
            int from = line.length == 0 ? 0 : r.nextInt(line.length);
            for (byte sep : new byte[] {',', ';', '\t', (byte) 0xff}) {
                int expected = from;
                while (expected < line.length && line[expected] != sep) {
                    expected++;
                }
                assertThat(Fields.next(line, from, line.length, sep)).isEqualTo(expected);
            }
        }
    }

    /** The split as a byte loop: a field opening with a double quote runs to the next quote, then to the separator. */
    private static java.util.List<int[]> reference(byte[] line, int from, int to, byte sep) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int i = from;
        while (true) {
            int s;
            int e;
            if (i < to && line[i] == '"') {
                s = i + 1;
                e = s;
                while (e < to && line[e] != '"') {
                    e++;
                }
                i = Math.min(to, e + 1);
                while (i < to && line[i] != sep) {
                    i++;
                }
            } else {
                s = i;
                while (i < to && line[i] != sep) {
                    i++;
                }
                e = i;
            }
            out.add(new int[]{s, e});
            if (i >= to) {
                return out;
            }
            i++;
            if (i == to) {
                out.add(new int[]{to, to});
                return out;
            }
        }
    }

    @Test
    void theWordAtATimeSplitFindsEveryFieldLikeAByteLoop() {
        // '-' after ',' (0x2D after 0x2C) is the case a borrowing zero-byte test gets wrong; long lines need the
        // arrays to grow; quotes anywhere send the line to the quoted split
        Random r = new Random(9);
        byte[] alphabet = ",,,;\t0123456789.--\u00e9\u0080\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Fields f = new Fields();
        for (int n = 0; n < 100_000; n++) {
            byte[] line = new byte[r.nextInt(n % 100 == 0 ? 400 : 60)];
            for (int k = 0; k < line.length; k++) {
                line[k] = alphabet[r.nextInt(alphabet.length)];
            }
            if (r.nextInt(10) == 0 && line.length > 0) {
                line[r.nextInt(line.length)] = '"';
            }
            int from = line.length == 0 ? 0 : r.nextInt(Math.min(line.length, 9));
            int to = line.length - (line.length > from ? r.nextInt(Math.min(4, line.length - from)) : 0);
            for (byte sep : new byte[] {',', ';', '\t'}) {
                java.util.List<int[]> want = reference(line, from, to, sep);
                assertThat(f.split(line, from, to, sep)).isEqualTo(want.size());
                for (int k = 0; k < want.size(); k++) {
                    assertThat(new int[]{f.start(k), f.end(k)}).containsExactly(want.get(k));
                }
            }
        }
    }

    @Test
    void splitsQuotedAndEmptyFields() {
        byte[] line = "1,\"a,b\",,3.25,".getBytes(StandardCharsets.US_ASCII);
        Fields f = new Fields();
        assertThat(f.split(line, 0, line.length, (byte) ',')).isEqualTo(5);
        String[] got = new String[5];
        for (int k = 0; k < 5; k++) {
            got[k] = new String(line, f.start(k), f.end(k) - f.start(k), StandardCharsets.US_ASCII);
        }
        assertThat(got).containsExactly("1", "a,b", "", "3.25", "");
    }
}
