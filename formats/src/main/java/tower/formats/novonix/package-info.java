/** Novonix HPC/UHPC CSV exports ({@code [Summary]}, {@code [Protocol]} and {@code [Data]} blocks). */
package tower.formats.novonix;
