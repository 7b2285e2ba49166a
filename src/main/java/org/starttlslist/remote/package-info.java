/**
 * How git commands reach a remote: SSH and HTTPS transports, credentials, and errors that say which
 * of "authentication refused", "host key unknown or changed", "host unreachable" or "permission
 * denied on push" it was.
 *
 * <p>{@link org.starttlslist.remote.RemoteAccess} is the one entry point: it configures a JGit
 * transport command (fetch, push, ls-remote) and turns its failures into one of this package's
 * exceptions. Everything it reads from the environment (variables, the home directory) goes through
 * JGit's {@code SystemReader}, so tests give it a temporary home and never see the user's {@code
 * ~/.ssh} or credentials.
 *
 * <p>Secrets (tokens, passwords) only ever live in memory: they are handed to JGit as {@code
 * char[]} and never appear in a file, a log line or an exception message.
 */
package org.starttlslist.remote;
