/** Files into the store: one test per file (with its continuation files), atomic, de-duplicated by content. */
package tower.pipeline.ingest;
