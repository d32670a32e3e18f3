/**
 * The tower command line (picocli): every command is declared in {@link tower.cli.Main}; commands wire readers, the store and analyses together.
 */
package tower.cli;
