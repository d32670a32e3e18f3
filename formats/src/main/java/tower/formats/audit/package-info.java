/**
 * Checks every reader's stream passes through before it leaves the reader: test time against the absolute clock
 * (a unit the header leaves out), time that steps backwards, and records repeated verbatim.
 */
package tower.formats.audit;
