/**
 * The audit log: who read, downloaded, exported, shared, unshared, changed or deleted which test, and when. Append
 * only: there is no method, route or command that edits or removes an event.
 */
package tower.server.audit;
