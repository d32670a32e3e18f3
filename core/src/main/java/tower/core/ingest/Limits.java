package tower.core.ingest;

/**
 * Bounds against hostile or broken input: a reader refuses a file that goes past them instead of
 * allocating without end.
 *
 * @param maxLineChars      longest text line accepted
 * @param maxColumns        most columns in a table header
 * @param maxHeaderLines    most preamble lines before the table header
 * @param maxRecordBytes    largest binary record or block accepted
 * @param maxZipEntries     most entries in a zip container (.xlsx, .ndax)
 * @param maxUnzippedBytes  most bytes all entries of a zip container may unpack to
 * @param maxZipRatio       highest ratio of unpacked to packed size of one entry (zip bombs reach 1000:1 and more)
 */
public record Limits(int maxLineChars, int maxColumns, int maxHeaderLines, int maxRecordBytes,
                     int maxZipEntries, long maxUnzippedBytes, int maxZipRatio) {
    public static final Limits DEFAULT = new Limits(1 << 20, 4096, 10_000, 64 << 20, 10_000, 16L << 30, 500);

    /** The text and record bounds given, the zip bounds of {@link #DEFAULT}. */
    public Limits(int maxLineChars, int maxColumns, int maxHeaderLines, int maxRecordBytes) {
        this(maxLineChars, maxColumns, maxHeaderLines, maxRecordBytes, DEFAULT.maxZipEntries, DEFAULT.maxUnzippedBytes,
                DEFAULT.maxZipRatio);
    }
}
