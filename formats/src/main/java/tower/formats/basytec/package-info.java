/** BaSyTec Battery Test System text exports ({@code ~} comment header, tab-separated table). */
package tower.formats.basytec;
