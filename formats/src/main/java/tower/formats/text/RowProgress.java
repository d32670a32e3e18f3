package tower.formats.text;

import tower.core.ingest.Progress;

/**
 * A {@link Progress} that also wants the rows parsed so far (for a rows/s figure); the text engine reports them
 * when the progress it is given is one of these. Other readers report bytes only.
 */
public interface RowProgress extends Progress {
    void rows(long rowsRead);
}
