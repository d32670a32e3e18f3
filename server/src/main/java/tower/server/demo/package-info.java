/**
 * {@code tower serve --demo}: an empty store filled with the repository's sample files and generated tests of
 * known truth (ageing with a knee, HPPC, formation), owned by a demo organisation whose admin's token is printed.
 */
package tower.server.demo;
