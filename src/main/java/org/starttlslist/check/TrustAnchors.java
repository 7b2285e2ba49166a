package org.starttlslist.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * The CAs a server's chain must lead to: the JDK's trust store, or the certificates of a PEM file
 * ({@code --ca-file}). Path building uses only the certificates the server sent (no AIA fetching: a
 * sender's MTA does not fetch either), so a missing intermediate fails as it would in real mail.
 */
final class TrustAnchors {
    private final Set<TrustAnchor> anchors;

    private TrustAnchors(Set<TrustAnchor> anchors) {
        this.anchors = anchors;
    }

    static TrustAnchors load(Optional<Path> caFile) {
        Set<TrustAnchor> anchors = new HashSet<>();
        if (caFile.isPresent()) {
            Path file = caFile.get();
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate certificate :
                        CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.add(new TrustAnchor((X509Certificate) certificate, null));
                }
            } catch (java.nio.file.NoSuchFileException e) {
                throw new CouldNotCompleteException(
                        "cannot read the CA file "
                                + file
                                + ": no such file; give a PEM file of CA"
                                + " certificates with --ca-file");
            } catch (IOException | GeneralSecurityException e) {
                throw new CouldNotCompleteException(
                        "cannot read the CA file "
                                + file
                                + ": "
                                + e.getMessage()
                                + "; give a PEM file of CA certificates with --ca-file");
            }
            if (anchors.isEmpty()) {
                throw new CouldNotCompleteException(
                        "the CA file "
                                + file
                                + " holds no certificate; give a PEM file of CA certificates");
            }
        } else {
            try {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (var manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        for (X509Certificate ca : x509.getAcceptedIssuers()) {
                            anchors.add(new TrustAnchor(ca, null));
                        }
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new CouldNotCompleteException(
                        "cannot load the JDK's trust store: " + e.getMessage());
            }
        }
        return new TrustAnchors(Set.copyOf(anchors));
    }

    /**
     * Empty when a path from {@code sent.get(0)} to a trusted CA can be built from the sent
     * certificates, judged at {@code at}; otherwise why not.
     */
    Optional<String> problem(List<X509Certificate> sent, Instant at) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(sent.get(0));
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            parameters.addCertStore(
                    CertStore.getInstance("Collection", new CollectionCertStoreParameters(sent)));
            CertPathBuilder.getInstance("PKIX").build(parameters);
            return Optional.empty();
        } catch (CertPathBuilderException e) {
            return Optional.of(e.getMessage() == null ? "no path to a trusted CA" : e.getMessage());
        } catch (InvalidAlgorithmParameterException e) {
            return Optional.of("no trusted CA to check against: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return Optional.of(e.getMessage());
        }
    }
}
