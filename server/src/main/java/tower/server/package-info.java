/**
 * {@code tower serve}: the web dashboard and REST API over one store. {@link tower.server.TowerServer} wires the
 * store, the pipeline, the catalogue and the route table ({@link tower.server.api.RouteTable}) into Javalin.
 * Sub-packages by feature: {@code api} (routes, handlers, OpenAPI, errors), {@code auth} (organisations, users,
 * tokens, sessions, test ownership), {@code jobs} (background ingest of large uploads), {@code demo} (the demo store).
 */
package tower.server;
