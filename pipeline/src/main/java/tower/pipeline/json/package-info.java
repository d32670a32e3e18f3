/**
 * The public JSON shapes (interface.md): snake_case names, NaN and infinities as {@code null}. The CLI's
 * {@code --json} and the REST API both print through {@link tower.pipeline.json.Json}, so they agree by construction.
 */
package tower.pipeline.json;
