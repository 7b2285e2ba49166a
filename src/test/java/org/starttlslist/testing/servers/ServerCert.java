package org.starttlslist.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server's key and the certificates it sends, leaf first. {@link #chainFile()} holds the key
 * followed by those certificates in PEM, the format of Postfix's {@code smtpd_tls_chain_files};
 * {@link #sslContext()} serves the same to a JDK server.
 */
public record ServerCert(PrivateKey key, List<X509Certificate> sent, Path chainFile) {
    public ServerCert {
        sent = List.copyOf(sent);
    }

    public X509Certificate leaf() {
        return sent.get(0);
    }

    /** Writes the key and the certificates sent, leaf first, to {@code file}. */
    static ServerCert write(PrivateKey key, List<X509Certificate> sent, Path file) {
        StringBuilder pem = new StringBuilder(Pem.encode("PRIVATE KEY", key.getEncoded()));
        for (X509Certificate certificate : sent) {
            pem.append(Pem.certificate(certificate));
        }
        try {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerCert(key, sent, file);
    }

    /** A TLS context presenting this key and chain, for the JDK servers in this package. */
    public SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "test-only".toCharArray();
            store.setKeyEntry("server", key, password, sent.toArray(X509Certificate[]::new));
            KeyManagerFactory keys =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot build a TLS context for " + leaf().getSubjectX500Principal(), e);
        }
    }
}
