/** Changes to stored tests that both front doors offer: labels, deletion, re-summarising. */
package tower.pipeline.manage;
