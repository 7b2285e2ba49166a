package org.starttlslist.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Who a detached signature says made it, read from its packets without checking anything: what
 * {@code status} shows even when the signature cannot be verified here.
 */
public final class SignatureIssuers {
    private SignatureIssuers() {}

    /** The issuer fingerprint (or, for old signatures, the 16-digit key id) of each signature. */
    public static List<String> of(byte[] armoredSignature) {
        List<String> issuers = new ArrayList<>();
        try (InputStream in =
                PGPUtil.getDecoderStream(new ByteArrayInputStream(armoredSignature))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            if (object instanceof PGPSignatureList signatures) {
                for (PGPSignature signature : signatures) {
                    issuers.add(issuer(signature));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return issuers;
    }

    private static String issuer(PGPSignature signature) {
        var hashed = signature.getHashedSubPackets();
        IssuerFingerprint fingerprint = hashed == null ? null : hashed.getIssuerFingerprint();
        if (fingerprint != null) {
            return HexFormat.of().formatHex(fingerprint.getFingerprint()).toUpperCase(Locale.ROOT);
        }
        return "key id " + String.format(Locale.ROOT, "%016X", signature.getKeyID());
    }
}
