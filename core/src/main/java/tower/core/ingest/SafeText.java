package tower.core.ingest;

import java.util.regex.Pattern;

/**
 * Makes text from files and libraries safe to print on one terminal line: control characters are escaped
 * ({@code \x1e}), echoed fields are cut, Java exception class names are removed. Every error and warning goes
 * through here ({@link InputException}, {@code TestMetadata.warn}), so each reader benefits without care of its own.
 */
public final class SafeText {
    /** Longest quoted field ('...' or "...") echoed from a file. */
    public static final int MAX_ECHO = 60;
    /** Longest file name or path in a message (cut in the middle): the user's own argument, so kept whole if sane. */
    public static final int MAX_FILE = 200;
    /** Longest place ({@code line 12}, {@code sheet 'X' row 3}). */
    public static final int MAX_WHERE = 50;
    /** Longest reason or warning. */
    public static final int MAX_REASON = 150;

    // java.util.zip.ZipException:, org.dhatim.fastexcel.reader.ExcelReaderException, IoStreamException: ...
    private static final Pattern JAVA_CLASS = Pattern.compile(
            "\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*\\b:?\\s*|\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");
    private static final Pattern FOR_INPUT_STRING = Pattern.compile("For input string: \"([^\"]*)\"?");

    private SafeText() {
    }

    /** Escapes control characters and invisible line or direction breaks; never returns a multi-line string. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff
                    || (Character.isSurrogate(c) && !validPair(s, i));
            if (bad && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (bad) {
                    b.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            if (!bad && Character.isHighSurrogate(c) && i + 1 < s.length()) {
                if (b != null) {
                    b.append(s.charAt(i + 1));
                }
                i++;
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return false; // a low surrogate reached here has no high one before it
    }

    /** Cuts {@code s} to at most {@code max} characters, marking the cut with an ellipsis. */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** A path or file name: escaped and, when long, cut in the middle so that both ends stay readable. */
    public static String file(String s) {
        String e = escape(s);
        if (e.length() <= MAX_FILE) {
            return e;
        }
        int head = MAX_FILE / 2 - 1;
        int tail = MAX_FILE - head - 1;
        return e.substring(0, head) + "…" + e.substring(e.length() - tail);
    }

    public static String where(String s) {
        return cut(escape(s), MAX_WHERE);
    }

    /**
     * A reason or warning: Java class names dropped, "For input string" turned into words, quoted echoes cut to
     * {@link #MAX_ECHO} characters, control characters escaped, the whole cut to {@link #MAX_REASON}.
     */
    public static String reason(String s) {
        return clean(s, MAX_REASON);
    }

    /** A warning: as {@link #reason} but allowed to be longer (it is not part of the one-line error contract). */
    public static String warning(String s) {
        return clean(s, 2 * MAX_REASON);
    }

    private static String clean(String s, int max) {
        if (s == null || s.isBlank()) {
            return "unreadable";
        }
        String t = FOR_INPUT_STRING.matcher(s).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                "'" + cut(m.group(1), MAX_ECHO) + "' is not a number"));
        t = JAVA_CLASS.matcher(t).replaceAll("");
        t = cutQuoted(escape(t));
        t = t.strip();
        if (t.isEmpty()) {
            return "unreadable";
        }
        return cut(t, max);
    }

    /** Cuts every '...' or "..." segment longer than {@link #MAX_ECHO}; an unclosed quote runs to the end. */
    private static String cutQuoted(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 4 * MAX_REASON));
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean opens = (c == '\'' || c == '"') && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)));
            if (!opens) {
                b.append(c);
                i++;
                continue;
            }
            int close = s.indexOf(c, i + 1);
            int end = close < 0 ? s.length() : close;
            String inner = s.substring(i + 1, end);
            b.append(c).append(cut(inner, MAX_ECHO));
            if (close >= 0) {
                b.append(c);
            }
            i = close < 0 ? s.length() : close + 1;
            if (b.length() > 4 * MAX_REASON) {
                break;
            }
        }
        return b.toString();
    }

    /** The one line of an {@link InputException}: {@code FILE: WHERE: REASON}, each part made safe. */
    public static String line(String file, String where, String reason) {
        return file(file) + ": " + where(where) + ": " + reason(reason);
    }
}
