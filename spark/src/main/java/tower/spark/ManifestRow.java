package tower.spark;

/**
 * What the job last did with a test: a rerun skips the test when its content hash and the options fingerprint
 * are unchanged.
 *
 * @param source      its file(s)
 * @param contentHash SHA-256 (hex) of the file's bytes, or of the concatenated hashes of its Parquet parts
 * @param options     {@link JobSpec#fingerprint()}
 * @param status      {@code ok} or {@code error}
 */
public record ManifestRow(String source, String contentHash, String options, String status) {
}
