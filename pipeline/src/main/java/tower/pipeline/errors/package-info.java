/**
 * One error model for both front doors: every failure is classified once into an {@link tower.pipeline.errors.ErrorKind},
 * which carries its CLI exit code and its HTTP status, and a message that is safe to show a user.
 */
package tower.pipeline.errors;
