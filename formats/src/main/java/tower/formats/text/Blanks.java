package tower.formats.text;

/** Trimming spaces and tabs around a field without copying it. */
public final class Blanks {
    private Blanks() {
    }

    /** The first index in {@code [s, e)} that is not a space or tab ({@code e} when there is none). */
    public static int skip(byte[] b, int s, int e) {
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        return s;
    }

    /** The end of {@code [s, e)} without trailing spaces and tabs. */
    public static int trimEnd(byte[] b, int s, int e) {
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        return e;
    }
}
