/**
 * What the routes read from the store, through the pipeline, with bounded caches of what is expensive per test:
 * the loaded test (its samples, steps and stored cycles), the columns of plots, and the JSON of analyses.
 */
package tower.server.data;
