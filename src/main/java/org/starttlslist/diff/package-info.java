/**
 * What changed between two published lists: domains added and removed, mode changes (a move from
 * {@code enforce} back to {@code testing} is a downgrade and is shown loudly), MX changes, alias
 * changes with the domains they affect, and the change in validity. {@link
 * org.starttlslist.diff.ListDiff#between} is the library call (release puts its {@link
 * org.starttlslist.diff.ListDiff#summary} in the commit message); {@link
 * org.starttlslist.diff.DiffFormat} renders it as text, JSON or Markdown; {@link
 * org.starttlslist.diff.ListInputs} reads a list from a file or from {@code REF:path} in git.
 *
 * <p>Policies are compared by their effect: the mode and the set of MX patterns, so that the
 * predecessor's unsorted lists compare equal to our sorted ones.
 */
package org.starttlslist.diff;
