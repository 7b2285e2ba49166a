/**
 * A domain's life on the list: proof of control, the testing week, daily re-checks sharded across
 * runners, demotion and removal, notices to contacts, and removal records that stick.
 *
 * <p>Everything here changes only files in the list repository:
 *
 * <ul>
 *   <li>{@code policies/<domain>.json} — the sources ({@code add}, {@code update}, {@code promote},
 *       and {@code recheck apply} when it demotes or resets a domain);
 *   <li>{@code policies/removed/<domain>.json} — one {@link
 *       org.starttlslist.lifecycle.RemovalRecord} per removed domain, which {@code validate}
 *       honours so that no automation re-adds it;
 *   <li>{@code history/} — the compact check history ({@link
 *       org.starttlslist.lifecycle.HistoryStore}): one small file per domain, rewritten only when
 *       that domain's state changes, one small record per daily run, and the outbox of notices not
 *       yet sent.
 * </ul>
 *
 * <p>The rules ({@link org.starttlslist.lifecycle.RecheckApply}, {@link
 * org.starttlslist.lifecycle.Promotion}) are pure functions of the sources, the history, the check
 * results and "today", so that the tests move time with {@code --now} and feed synthetic results.
 */
package org.starttlslist.lifecycle;
