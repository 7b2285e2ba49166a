/**
 * Real servers for tests, each started from its own generated configuration in the test's temporary
 * directory, on its own {@code 127.x.y.z} address (see {@link
 * org.starttlslist.testing.servers.LoopbackAddresses}), and stopped by the test ({@code try (... =
 * X.start(...))}). Nothing here reads the machine's settings or sends traffic beyond loopback. A
 * test whose server program is missing is skipped with a message saying what to install ({@link
 * org.starttlslist.testing.servers.ServerTools}).
 *
 * <ul>
 *   <li>{@link org.starttlslist.testing.servers.TestCa}: a root and an intermediate CA per test,
 *       issuing good, expired, wrong-name and intermediate-less server certificates; a second
 *       {@code TestCa} is the "unknown CA".
 *   <li>{@link org.starttlslist.testing.servers.Dnsmasq}: dnsmasq ({@code --no-resolv --no-hosts},
 *       no upstream) serving MX, null MX, A/AAAA, CNAME and TXT records; any other name under the
 *       zone's top-level names is NXDOMAIN.
 *   <li>{@link org.starttlslist.testing.servers.PostfixReceiver}: a Postfix {@code master} with its
 *       own {@code main.cf}/{@code master.cf}, queue and data directories (no chroot), with a given
 *       certificate, optional SNI certificates, STARTTLS off, or a postscreen greet delay; delivers
 *       every message to a Maildir the test reads. Needs root.
 *   <li>{@link org.starttlslist.testing.servers.SmtpResponder}: a small JDK SMTP server for what
 *       Postfix cannot do here (TLS 1.0/1.1 only, in its own JVM) and for benchmarks with thousands
 *       of hosts; it counts connections and {@code MAIL FROM} commands.
 *   <li>{@link org.starttlslist.testing.servers.MtaStsServer}: HTTPS for {@code
 *       mta-sts.<domain>/.well-known/mta-sts.txt}, by {@code Host} header.
 * </ul>
 *
 * <p>{@code ServersHarnessTest} shows them working together and is the place to look for usage.
 */
package org.starttlslist.testing.servers;
