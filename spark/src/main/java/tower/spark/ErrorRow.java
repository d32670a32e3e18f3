package tower.spark;

/**
 * A test or file the job could not process; the others go on.
 *
 * @param source  the file (or Parquet part) it came from
 * @param stage   {@code read} (the reader refused the file) or {@code analyze}
 * @param message the reader's message ({@code FILE: WHERE: REASON} for bad input)
 */
public record ErrorRow(String source, String stage, String message) {
}
