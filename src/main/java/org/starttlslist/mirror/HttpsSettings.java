package org.starttlslist.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * How an HTTPS source connects: which certificate authorities it trusts (the JDK's by default, or
 * only those in a PEM file, e.g. an organisation's own CA or a test's) and how long it waits. The
 * same settings hold for git over HTTPS ({@code trustManagers} is how JGit's connections get them).
 */
public record HttpsSettings(
        SSLContext sslContext,
        Optional<List<TrustManager>> trustManagers,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRedirects) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /** Same-host redirects followed at most this many times. */
    public static final int DEFAULT_MAX_REDIRECTS = 3;

    public static HttpsSettings defaults(Duration timeout) {
        try {
            return new HttpsSettings(
                    SSLContext.getDefault(),
                    Optional.empty(),
                    min(DEFAULT_CONNECT_TIMEOUT, timeout),
                    timeout,
                    DEFAULT_MAX_REDIRECTS);
        } catch (GeneralSecurityException e) {
            throw new CouldNotCompleteException(
                    "the JDK has no default TLS context: " + e.getMessage(), e);
        }
    }

    /** Trust only the CA certificates in {@code pemFile}. */
    public static HttpsSettings trusting(Path pemFile, Duration timeout) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CouldNotCompleteException(pemFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return new HttpsSettings(
                    context,
                    Optional.of(List.of(trust.getTrustManagers())),
                    min(DEFAULT_CONNECT_TIMEOUT, timeout),
                    timeout,
                    DEFAULT_MAX_REDIRECTS);
        } catch (IOException | GeneralSecurityException e) {
            throw new CouldNotCompleteException(
                    "cannot read the CA certificates in " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
