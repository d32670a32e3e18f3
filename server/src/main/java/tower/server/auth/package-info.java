/**
 * Who may do what: organisations, users with a role, API tokens (shown once, stored as PBKDF2 hashes), browser
 * sessions, and the owner organisation of each test, behind the {@link tower.server.auth.Catalog} interface (kept in
 * the store's DuckDB file by {@link tower.server.auth.DuckCatalog}).
 */
package tower.server.auth;
