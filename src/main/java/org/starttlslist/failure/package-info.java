/**
 * The two ways a command can fail besides a usage error, shared by every feature so that the CLI
 * maps them to exit codes in one place: {@link org.starttlslist.failure.RejectedException} (1) and
 * {@link org.starttlslist.failure.CouldNotCompleteException} (3). Features subclass them with
 * exceptions that carry the facts of their own failures.
 */
package org.starttlslist.failure;
