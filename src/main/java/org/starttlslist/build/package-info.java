/**
 * The build: a pure merge of validated sources into one {@link org.starttlslist.model.PolicyList}
 * ({@link org.starttlslist.build.ListBuilder}) and the one canonical serialisation of a list
 * ({@link org.starttlslist.build.CanonicalListWriter}), and the canonical form of source files that
 * {@code import} writes and {@code fmt} restores ({@link
 * org.starttlslist.build.CanonicalSourceWriter}, {@link org.starttlslist.build.SourceFormatter}).
 *
 * <h2>The canonical bytes of {@code policy.json}</h2>
 *
 * <p>Stated here once, and in {@code schema/README.md}; the golden tests in {@code
 * src/test/resources/build/} hold examples. A signature covers exact bytes, so the same sources and
 * the same instant must give the same bytes on every machine, locale and time zone.
 *
 * <ol>
 *   <li>One JSON object with the keys, in this order: {@code timestamp}, {@code expires}, {@code
 *       version}, {@code author} (left out when the settings have none), {@code policy-aliases},
 *       {@code policies}. The predecessor's order, so diffs against its lists stay readable.
 *   <li>{@code timestamp} and {@code expires} as RFC 3339 UTC strings at second precision with
 *       {@code Z} ({@link org.starttlslist.model.ListTimes#format}); {@code expires} is {@code
 *       timestamp} plus the configured validity.
 *   <li>{@code policy-aliases} and {@code policies} sorted by code point of their keys (names are
 *       lower-case ASCII A-labels, so UTF-16 order is code-point order).
 *   <li>An inline policy is {@code {"mode": …, "mxs": […]}} in that order, {@code mxs} lower case,
 *       without duplicates, sorted by code point. An alias reference is {@code {"policy-alias":
 *       "<name>"}}. Source-only fields ({@code contact}, {@code testing-since}) are never written.
 *   <li>The layout of Python's {@code json.dumps(obj, indent=2)} (what the predecessor's last lists
 *       were byte-identical to): every object member and array element on its own line, indented by
 *       two spaces per level; {@code "key": value} with one space after the colon and none before;
 *       {@code ,} at the end of every line but the last of its container; an empty object as {@code
 *       {}}.
 *   <li>ASCII only: every character outside {@code U+0020..U+007E} is escaped, as {@code
 *       json.dumps} does by default: {@code \"}, {@code \\}, {@code \b}, {@code \f}, {@code \n},
 *       {@code \r}, {@code \t}, and {@code \}{@code u} with four lower-case hex digits for
 *       everything else (UTF-16 surrogate pairs above U+FFFF). Only {@code author} can hold such a
 *       character; the rule keeps the file readable in any terminal and identical whatever encoding
 *       a tool assumes.
 *   <li>Lines end with LF; the file ends with exactly one LF (the predecessor's later lists had
 *       none, which made {@code cat} and line-based tools misbehave).
 * </ol>
 *
 * <p>The output is a fixed point: parsing it with {@link
 * org.starttlslist.listfile.PolicyListParser} and writing it again gives the same bytes.
 */
package org.starttlslist.build;
