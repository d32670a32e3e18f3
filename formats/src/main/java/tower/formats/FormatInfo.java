package tower.formats;

import java.util.List;

/**
 * What {@code tower formats} lists about a reader.
 *
 * @param id        stable format id used by {@code --format} and stored with each test (e.g. {@code arbin-csv})
 * @param vendor    instrument maker or data source
 * @param fileKinds file kinds the reader takes (e.g. {@code .csv export}, {@code .nda binary})
 * @param detection how the format is recognised from content
 * @param version   reader version, stored with each test so results can be traced to the code that read them
 */
public record FormatInfo(String id, String vendor, List<String> fileKinds, String detection, String version) {
    /** Fresh metadata for a read of {@code file} by this format: source name, format id and reader version set. */
    public tower.core.series.TestMetadata metadataFor(java.nio.file.Path file) {
        return new tower.core.series.TestMetadata().setSourceName(file.getFileName().toString())
                .setSourcePath(file.toString()).setFormat(id)
                .setReaderVersion(version);
    }
}
