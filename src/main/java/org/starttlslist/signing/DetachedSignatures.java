package org.starttlslist.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * A {@code .asc} that holds several detached signatures of one file, one per maintainer, as one
 * armour block of signature packets: what {@code verify --threshold K} counts and what gpgv reads.
 */
public final class DetachedSignatures {
    private DetachedSignatures() {}

    /**
     * {@code existing} with the signatures of {@code added} after it, re-armoured as one block.
     * Refused when a key that signs in {@code added} already signed in {@code existing}: a second
     * signature by one key would not count twice, and hides which signature a verifier uses.
     */
    public static byte[] append(byte[] existing, byte[] added) {
        List<PGPSignature> before = parse(existing, "the existing signature file");
        List<PGPSignature> more = parse(added, "the new signature");
        Set<String> already = issuers(before);
        for (String issuer : issuers(more)) {
            if (already.contains(issuer)) {
                throw new AlreadySignedException(issuer);
            }
        }
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        try {
            for (PGPSignature signature : before) {
                signature.encode(packets);
            }
            for (PGPSignature signature : more) {
                signature.encode(packets);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return OpenPgpFiles.armor(packets.toByteArray());
    }

    /**
     * The issuer fingerprints (or key ids, as 16 hex digits, when a signature names no
     * fingerprint).
     */
    public static Set<String> issuers(byte[] signatureFile) {
        return issuers(parse(signatureFile, "the signature file"));
    }

    private static Set<String> issuers(List<PGPSignature> signatures) {
        Set<String> issuers = new LinkedHashSet<>();
        for (PGPSignature signature : signatures) {
            IssuerFingerprint fingerprint =
                    signature.getHashedSubPackets() == null
                            ? null
                            : (IssuerFingerprint)
                                    signature
                                            .getHashedSubPackets()
                                            .getSubpacket(
                                                    SignatureSubpacketTags.ISSUER_FINGERPRINT);
            issuers.add(
                    fingerprint != null
                            ? OpenPgpFiles.hex(fingerprint.getFingerprint())
                            : String.format("%016X", signature.getKeyID()));
        }
        return issuers;
    }

    static List<PGPSignature> parse(byte[] file, String what) {
        List<PGPSignature> signatures = new ArrayList<>();
        try {
            BcPGPObjectFactory factory =
                    new BcPGPObjectFactory(OpenPgpFiles.dearmor(file, "SIGNATURE"));
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (!(object instanceof PGPSignatureList list)) {
                    throw new MalformedSignatureFileException(
                            what,
                            "holds "
                                    + object.getClass().getSimpleName()
                                    + ", not only detached signatures");
                }
                list.forEach(signatures::add);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedSignatureFileException malformed) {
                throw malformed;
            }
            throw new MalformedSignatureFileException(what, "is damaged (" + e.getMessage() + ")");
        }
        if (signatures.isEmpty()) {
            throw new MalformedSignatureFileException(what, "holds no signature");
        }
        return signatures;
    }
}
