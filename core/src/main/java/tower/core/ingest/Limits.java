package tower.core.ingest;

/**
 * Bounds against hostile or broken input: a reader refuses a file that goes past them instead of
 * allocating without end.
 *
 * @param maxLineChars   longest text line accepted
 * @param maxColumns     most columns in a table header
 * @param maxHeaderLines most preamble lines before the table header
 * @param maxRecordBytes largest binary record or block accepted
 */
public record Limits(int maxLineChars, int maxColumns, int maxHeaderLines, int maxRecordBytes) {
    public static final Limits DEFAULT = new Limits(1 << 20, 4096, 10_000, 64 << 20);
}
