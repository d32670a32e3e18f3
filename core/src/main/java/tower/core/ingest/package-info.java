/**
 * What every reader shares: read options (time zone of naive timestamps, limits against hostile input, progress) and the one exception for bad input.
 */
package tower.core.ingest;
