package tower.store;

/**
 * The outcome of an ingest.
 *
 * @param test      the stored test (the earlier one when {@code duplicate})
 * @param duplicate true when a test with the same content was already stored and nothing was written
 */
public record IngestResult(StoredTest test, boolean duplicate) {
}
