/** Reading one file: choose its reader (by content), run it through the normaliser and the cycle summariser. */
package tower.pipeline.read;
