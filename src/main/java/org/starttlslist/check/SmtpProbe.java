package org.starttlslist.check;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Step 2, for one address of one MX host. In order: 2.1 TCP to the SMTP port; 2.2/2.3 the whole
 * greeting, however slow — nothing is sent before the final {@code 220 } line (postscreen drops
 * clients that talk first); 2.4 {@code EHLO}; 2.5 STARTTLS advertised; 2.6 {@code STARTTLS};
 * 2.7/2.8 the handshake, offering only TLS 1.2 and 1.3, with SNI set to the MX host name (a server
 * that can only do TLS 1.0/1.1 fails here, which is the real test of "TLS 1.2 or later"); 2.9 the
 * chain to a trusted CA from the certificates sent; 2.10 the MX host name against the certificate
 * (RFC 6125); 2.11–2.13 validity at the run's instant; then {@code EHLO} over TLS and {@code QUIT}.
 * {@code MAIL FROM} is never sent.
 */
final class SmtpProbe {
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);
    private static final Duration SLOW_GREETING = Duration.ofSeconds(2);
    private static final List<String> ACCEPTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final CheckSettings settings;
    private final TrustAnchors trust;
    private final SSLContext tls;

    SmtpProbe(CheckSettings settings, TrustAnchors trust) {
        this.settings = settings;
        this.trust = trust;
        this.tls = RecordingTrustManager.context();
    }

    AddressProbe probe(String host, InetAddress address) {
        String where = literal(address);
        List<Finding> findings = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + settings.connectionTimeout().toNanos();
        Socket socket = new Socket();
        try {
            try {
                socket.connect(
                        new InetSocketAddress(address, settings.ports().smtp()),
                        (int) settings.connectionTimeout().toMillis());
            } catch (IOException e) {
                findings.add(
                        Finding.about(
                                FindingCode.HOST_UNREACHABLE,
                                host,
                                where,
                                "no connection to port "
                                        + settings.ports().smtp()
                                        + " ("
                                        + reason(e)
                                        + ")",
                                "if this MX host should receive mail, open port "
                                        + settings.ports().smtp()
                                        + " to the internet; if it is a backup or trap MX that never answers, nothing to do"));
                return new AddressProbe(
                        host,
                        where,
                        AddressProbe.Outcome.UNREACHABLE,
                        Optional.empty(),
                        Optional.empty(),
                        findings);
            }
            return converse(host, where, socket, start, deadline, findings);
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private AddressProbe converse(
            String host,
            String where,
            Socket socket,
            long start,
            long deadline,
            List<Finding> findings) {
        Optional<Duration> greetingDelay = Optional.empty();
        Optional<TlsObservation> observation = Optional.empty();
        String stage = "waiting for the greeting";
        try {
            SmtpConversation smtp = new SmtpConversation(socket, deadline);
            SmtpConversation.Reply greeting = smtp.read();
            Duration delay = Duration.ofNanos(System.nanoTime() - start);
            greetingDelay = Optional.of(delay);
            if (greeting.code() != 220) {
                findings.add(
                        Finding.about(
                                FindingCode.GREETING_REFUSED,
                                host,
                                where,
                                "greeting '" + greeting.text() + "'",
                                "the server must greet with 220; see why it turns clients away"));
                smtp.quit();
                return failed(host, where, greetingDelay, observation, findings);
            }
            if (delay.compareTo(SLOW_GREETING) >= 0) {
                findings.add(
                        Finding.about(
                                FindingCode.GREETING_DELAYED,
                                host,
                                where,
                                "final 220 greeting after "
                                        + seconds(delay)
                                        + " (waited without speaking first)",
                                "nothing to do: senders wait up to 5 minutes (RFC 5321 §4.5.3.2)"));
            }
            stage = "EHLO";
            String ehloName = "[" + socket.getLocalAddress().getHostAddress() + "]";
            SmtpConversation.Reply ehlo = smtp.command("EHLO " + ehloName);
            if (ehlo.code() != 250) {
                findings.add(
                        Finding.about(
                                FindingCode.EHLO_REFUSED,
                                host,
                                where,
                                "EHLO answered '" + ehlo.text() + "'",
                                "the server must accept EHLO (RFC 5321) so that STARTTLS can be offered"));
                smtp.quit();
                return failed(host, where, greetingDelay, observation, findings);
            }
            if (!ehlo.hasKeyword("STARTTLS")) {
                findings.add(
                        Finding.about(
                                FindingCode.STARTTLS_NOT_OFFERED,
                                host,
                                where,
                                "EHLO reply does not advertise STARTTLS: '" + ehlo.text() + "'",
                                "enable STARTTLS with a certificate for "
                                        + host
                                        + " (Postfix: smtpd_tls_security_level = may)"));
                smtp.quit();
                return failed(host, where, greetingDelay, observation, findings);
            }
            stage = "STARTTLS";
            SmtpConversation.Reply ready = smtp.command("STARTTLS");
            if (ready.code() != 220) {
                findings.add(
                        Finding.about(
                                FindingCode.STARTTLS_REFUSED,
                                host,
                                where,
                                "STARTTLS answered '" + ready.text() + "'",
                                "the server advertises STARTTLS but refuses it: check its TLS key and certificate files"));
                smtp.quit();
                return failed(host, where, greetingDelay, observation, findings);
            }
            stage = "the TLS handshake";
            SSLSocket secure = handshake(socket, host);
            SSLSession session = secure.getSession();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : session.getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            X509Certificate leaf = chain.get(0);
            observation =
                    Optional.of(
                            new TlsObservation(
                                    session.getProtocol(),
                                    session.getCipherSuite(),
                                    leaf.getSubjectX500Principal().getName(),
                                    leaf.getIssuerX500Principal().getName(),
                                    CertificateNames.dnsNames(leaf),
                                    leaf.getNotBefore().toInstant(),
                                    leaf.getNotAfter().toInstant(),
                                    chain.size()));
            judge(host, where, session.getProtocol(), chain, observation.get(), findings);
            stage = "EHLO after STARTTLS";
            smtp.switchTo(secure);
            smtp.command("EHLO " + ehloName);
            smtp.quit();
        } catch (SSLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("protocol_version")
                    || message.contains("not accepted by client preferences")
                    || message.contains("No appropriate protocol")) {
                findings.add(
                        Finding.about(
                                FindingCode.TLS_VERSION_TOO_OLD,
                                host,
                                where,
                                "handshake offering only TLS 1.2 and 1.3 refused (" + message + ")",
                                "enable TLS 1.2 and 1.3 on the server (Postfix: smtpd_tls_protocols = >=TLSv1.2), with a current TLS library"));
            } else {
                findings.add(
                        Finding.about(
                                FindingCode.TLS_HANDSHAKE_FAILED,
                                host,
                                where,
                                "TLS handshake with SNI " + host + " failed: " + message,
                                "check the server's TLS configuration: key, certificate and cipher settings"));
            }
            return failed(host, where, greetingDelay, observation, findings);
        } catch (SocketTimeoutException e) {
            findings.add(
                    Finding.about(
                            FindingCode.HOST_TIMED_OUT,
                            host,
                            where,
                            "no answer within "
                                    + seconds(settings.connectionTimeout())
                                    + " during "
                                    + stage
                                    + greetingDelay
                                            .map(d -> " (greeting after " + seconds(d) + ")")
                                            .orElse(""),
                            "the server accepted the connection but stalled; senders give up the same way"));
            return failed(host, where, greetingDelay, observation, findings);
        } catch (IOException e) {
            findings.add(
                    Finding.about(
                            stage.equals("waiting for the greeting")
                                    ? FindingCode.GREETING_REFUSED
                                    : stage.equals("the TLS handshake")
                                            ? FindingCode.TLS_HANDSHAKE_FAILED
                                            : FindingCode.EHLO_REFUSED,
                            host,
                            where,
                            reason(e) + " during " + stage,
                            "see the server's log for why it dropped the connection"));
            return failed(host, where, greetingDelay, observation, findings);
        }
        boolean passed = findings.stream().noneMatch(f -> f.severity() == Severity.FAILURE);
        if (passed) {
            TlsObservation seen = observation.orElseThrow();
            findings.add(
                    Finding.about(
                            FindingCode.HOST_PASSED,
                            host,
                            where,
                            describe(seen)
                                    + greetingDelay
                                            .map(d -> ", greeting after " + seconds(d))
                                            .orElse(""),
                            "nothing to do"));
        }
        return new AddressProbe(
                host,
                where,
                passed ? AddressProbe.Outcome.PASSED : AddressProbe.Outcome.FAILED,
                greetingDelay,
                observation,
                findings);
    }

    private SSLSocket handshake(Socket plain, String host) throws IOException {
        SSLSocket secure =
                (SSLSocket) tls.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        SSLParameters parameters = secure.getSSLParameters();
        List<String> supported = Arrays.asList(secure.getSupportedProtocols());
        parameters.setProtocols(
                ACCEPTED_PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        // SNI: the predecessor sent none, and got the server's default certificate.
        parameters.setServerNames(List.of(new SNIHostName(host)));
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }

    private void judge(
            String host,
            String where,
            String protocol,
            List<X509Certificate> chain,
            TlsObservation seen,
            List<Finding> findings) {
        Instant now = settings.now();
        if (!ACCEPTED_PROTOCOLS.contains(protocol)) {
            findings.add(
                    Finding.about(
                            FindingCode.TLS_VERSION_TOO_OLD,
                            host,
                            where,
                            "negotiated " + protocol,
                            "enable TLS 1.2 and 1.3 on the server"));
        }
        X509Certificate leaf = chain.get(0);
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        // Trust is judged inside the leaf's validity, so an expired certificate is reported as
        // expired (below) rather than hidden behind "untrusted".
        Instant trustAt =
                now.isAfter(notAfter) ? notAfter : now.isBefore(notBefore) ? notBefore : now;
        Optional<String> untrusted = trust.problem(chain, trustAt);
        if (untrusted.isPresent()) {
            boolean alone =
                    chain.size() == 1
                            && !leaf.getIssuerX500Principal()
                                    .equals(leaf.getSubjectX500Principal());
            findings.add(
                    Finding.about(
                            FindingCode.CERT_UNTRUSTED,
                            host,
                            where,
                            (alone
                                            ? "the server sent only its own certificate (issuer "
                                                    + seen.issuer()
                                                    + "), no intermediate"
                                            : "no path from the certificates sent to a trusted CA (issuer "
                                                    + seen.issuer()
                                                    + ", "
                                                    + chain.size()
                                                    + " certificate(s) sent)")
                                    + ": "
                                    + untrusted.get(),
                            alone
                                    ? "configure the server to send the intermediate certificate(s) with its own (the full chain file)"
                                    : "use a certificate from a publicly trusted CA and send its intermediates"));
        }
        if (!CertificateNames.matches(leaf, host)) {
            findings.add(
                    Finding.about(
                            FindingCode.CERT_NAME_MISMATCH,
                            host,
                            where,
                            "certificate for "
                                    + namesOf(seen)
                                    + " does not name the MX host "
                                    + host,
                            "get a certificate whose subject alternative names include " + host));
        }
        if (now.isAfter(notAfter)) {
            findings.add(
                    Finding.about(
                            FindingCode.CERT_EXPIRED,
                            host,
                            where,
                            "certificate " + seen.subject() + " expired " + notAfter,
                            "renew the certificate and reload the server"));
        } else if (now.isBefore(notBefore)) {
            findings.add(
                    Finding.about(
                            FindingCode.CERT_NOT_YET_VALID,
                            host,
                            where,
                            "certificate " + seen.subject() + " is valid only from " + notBefore,
                            "check the server's clock and certificate"));
        } else if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0) {
            findings.add(
                    Finding.about(
                            FindingCode.CERT_EXPIRES_SOON,
                            host,
                            where,
                            "certificate "
                                    + seen.subject()
                                    + " expires "
                                    + notAfter
                                    + ", in less than 14 days",
                            "renew the certificate now"));
        }
    }

    private static AddressProbe failed(
            String host,
            String where,
            Optional<Duration> delay,
            Optional<TlsObservation> tls,
            List<Finding> findings) {
        return new AddressProbe(host, where, AddressProbe.Outcome.FAILED, delay, tls, findings);
    }

    static String describe(TlsObservation seen) {
        return seen.protocol()
                + " "
                + seen.cipherSuite()
                + ", certificate "
                + seen.subject()
                + " for "
                + namesOf(seen)
                + ", issuer "
                + seen.issuer()
                + ", valid until "
                + seen.notAfter();
    }

    private static String namesOf(TlsObservation seen) {
        return seen.subjectAltNames().isEmpty()
                ? "(no DNS names)"
                : String.join(", ", seen.subjectAltNames());
    }

    static String literal(InetAddress address) {
        return address instanceof Inet6Address
                ? address.getHostAddress().replaceFirst("%.*$", "")
                : address.getHostAddress();
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
