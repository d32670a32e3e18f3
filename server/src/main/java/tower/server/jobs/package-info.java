/** Background ingest of large uploads: a job per upload, polled by id, with its state, progress and error text. */
package tower.server.jobs;
