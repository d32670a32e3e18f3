/**
 * The REST API: {@link tower.server.api.RouteTable} declares every route in one list (method, path, parameters,
 * access, handler); the server registers exactly that list and {@link tower.server.api.OpenApi} documents it.
 */
package tower.server.api;
