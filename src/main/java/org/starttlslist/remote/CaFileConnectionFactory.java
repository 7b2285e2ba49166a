package org.starttlslist.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * HTTPS connections that trust the CA certificates of one PEM file instead of the JVM's, as git's
 * {@code http.sslCAInfo} (or {@code GIT_SSL_CAINFO}) asks. JGit reads that setting but does not
 * apply it; a self-hosted git server with its own CA needs it.
 */
final class CaFileConnectionFactory implements HttpConnectionFactory {
    private final HttpConnectionFactory delegate = new JDKHttpConnectionFactory();
    private final TrustManager[] trustManagers;

    CaFileConnectionFactory(Path pemFile) {
        this.trustManagers = trustManagers(pemFile);
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return configure(delegate.create(url));
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        return configure(delegate.create(url, proxy));
    }

    private HttpConnection configure(HttpConnection connection) throws IOException {
        try {
            connection.configure(null, trustManagers, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with the CA file: " + e.getMessage(), e);
        }
        return connection;
    }

    private static TrustManager[] trustManagers(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new CouldNotCompleteException(
                        "the CA file "
                                + pemFile
                                + " (http.sslCAInfo or GIT_SSL_CAINFO) holds no certificate");
            }
            TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new CouldNotCompleteException(
                    "cannot read the CA file "
                            + pemFile
                            + " (http.sslCAInfo or GIT_SSL_CAINFO): "
                            + e.getMessage(),
                    e);
        }
    }
}
