/**
 * Who may read a test: its owner organisation, the members of the projects it is attached to, the partners it is
 * shared with (read-only grants with a purpose and an optional expiry) and, when public or past its embargo,
 * everyone. {@link tower.server.sharing.TestAccess#accessFor} is the one rule every route goes through.
 */
package tower.server.sharing;
