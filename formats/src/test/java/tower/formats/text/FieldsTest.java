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
