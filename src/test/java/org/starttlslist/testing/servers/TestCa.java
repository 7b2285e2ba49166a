package org.starttlslist.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test: a root and an intermediate, both EC P-256, written to
 * a directory. It issues server certificates for the scenarios a checker must tell apart: good
 * ({@link #issue}), expired ({@link #issueValid} with past dates), a wrong name (issue it for
 * another name), an unknown CA (issue from a second {@code TestCa} the client does not trust) and a
 * missing intermediate ({@link #issueWithoutIntermediate}).
 *
 * <p>BouncyCastle builds the certificates in-process (no {@code openssl} runs, any validity period
 * can be set); the JDK's own providers do the cryptography, so no global provider is installed.
 */
public final class TestCa {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private final Path dir;
    private final String name;
    private final KeyPair rootKey;
    private final X509Certificate root;
    private final KeyPair intermediateKey;
    private final X509Certificate intermediate;
    private final Path caFile;

    private TestCa(Path dir, String name) throws IOException {
        this.dir = dir;
        this.name = name;
        Files.createDirectories(dir);
        Instant now = Instant.now();
        Instant from = now.minus(Duration.ofDays(30));
        Instant until = now.plus(Duration.ofDays(3650));
        rootKey = newKey();
        root =
                sign(
                        new X500Name("CN=" + name + " Root"),
                        rootKey.getPublic(),
                        new X500Name("CN=" + name + " Root"),
                        rootKey.getPrivate(),
                        null,
                        from,
                        until,
                        true,
                        List.of());
        intermediateKey = newKey();
        intermediate =
                sign(
                        new X500Name("CN=" + name + " Intermediate"),
                        intermediateKey.getPublic(),
                        new X500Name("CN=" + name + " Root"),
                        rootKey.getPrivate(),
                        root.getPublicKey(),
                        from,
                        until,
                        true,
                        List.of());
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, Pem.certificate(root), StandardCharsets.US_ASCII);
    }

    /** A new CA whose files go to {@code dir}; {@code name} appears in its subjects. */
    public static TestCa create(Path dir, String name) {
        try {
            return new TestCa(dir, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root certificate in PEM: what a client passes as its CA file to trust this CA. */
    public Path caFile() {
        return caFile;
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    /**
     * A certificate for {@code dnsNames} (the first is also the CN), valid from 30 days ago for a
     * year.
     */
    public ServerCert issue(String... dnsNames) {
        Instant now = Instant.now();
        return issueValid(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)), dnsNames);
    }

    /**
     * A certificate valid from {@code notBefore} to {@code notAfter}, sent with the intermediate.
     */
    public ServerCert issueValid(Instant notBefore, Instant notAfter, String... dnsNames) {
        Issued leaf = leaf(notBefore, notAfter, dnsNames);
        return ServerCert.write(
                leaf.key(), List.of(leaf.certificate(), intermediate), file(dnsNames[0]));
    }

    /** A good certificate sent alone, without the intermediate that links it to the root. */
    public ServerCert issueWithoutIntermediate(String... dnsNames) {
        Instant now = Instant.now();
        Issued leaf =
                leaf(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)), dnsNames);
        return ServerCert.write(
                leaf.key(), List.of(leaf.certificate()), file(dnsNames[0] + "-alone"));
    }

    private record Issued(PrivateKey key, X509Certificate certificate) {}

    private Issued leaf(Instant notBefore, Instant notAfter, String... dnsNames) {
        if (dnsNames.length == 0) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        KeyPair key = newKey();
        List<GeneralName> names = new ArrayList<>();
        for (String dnsName : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        return new Issued(
                key.getPrivate(),
                sign(
                        new X500Name("CN=" + dnsNames[0]),
                        key.getPublic(),
                        new X500Name("CN=" + name + " Intermediate"),
                        intermediateKey.getPrivate(),
                        intermediate.getPublicKey(),
                        notBefore,
                        notAfter,
                        false,
                        names));
    }

    private Path file(String stem) {
        return dir.resolve(stem.replace('*', '_') + "-" + SERIALS.incrementAndGet() + ".pem");
    }

    private static X509Certificate sign(
            X500Name subject,
            PublicKey subjectKey,
            X500Name issuer,
            PrivateKey issuerKey,
            PublicKey issuerPublicKey,
            Instant notBefore,
            Instant notAfter,
            boolean ca,
            List<GeneralName> names) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder =
                    new JcaX509v3CertificateBuilder(
                            issuer,
                            BigInteger.valueOf(SERIALS.incrementAndGet()),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            subject,
                            subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    utils.createSubjectKeyIdentifier(subjectKey));
            if (issuerPublicKey != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        utils.createAuthorityKeyIdentifier(issuerPublicKey));
            }
            if (ca) {
                builder.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(
                                new KeyPurposeId[] {
                                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                                }));
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(
                                    new JcaContentSignerBuilder("SHA256withECDSA")
                                            .build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
        }
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
