package org.starttlslist.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.starttlslist.signing.OpenPgpFiles;
import org.starttlslist.verify.PinnedKeys;

/**
 * The release tag's OpenPGP signature, checked over the tag object's bytes (what {@code git
 * verify-tag} checks) against the keys pinned in the release commit, and required to come from a
 * maintainer. {@code publish} pushes only such a tag.
 */
final class SignedTagCheck {
    private static final byte[] BEGIN =
            "-----BEGIN PGP SIGNATURE-----".getBytes(StandardCharsets.US_ASCII);

    private SignedTagCheck() {}

    /**
     * @param rawTag the tag object as stored (headers, message, then the armoured signature)
     * @param pinned the keys of the commit's {@code release/keys/*.asc}
     * @param maintainers the fingerprints {@code release/config.json} lists
     * @return the fingerprint of the maintainer key that signed
     * @throws TagNotSignedException when the tag is unsigned, or no signature verifies with a
     *     pinned maintainer key
     */
    static String verify(
            String tagName, byte[] rawTag, PinnedKeys pinned, Set<String> maintainers) {
        int start = indexOf(rawTag, BEGIN);
        if (start < 0) {
            throw new TagNotSignedException(tagName, "it carries no OpenPGP signature");
        }
        byte[] payload = java.util.Arrays.copyOfRange(rawTag, 0, start);
        byte[] signatureBytes = java.util.Arrays.copyOfRange(rawTag, start, rawTag.length);
        List<PGPSignature> signatures;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signatureBytes))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            if (!(object instanceof PGPSignatureList list)) {
                throw new TagNotSignedException(
                        tagName, "its signature block holds no OpenPGP signature");
            }
            signatures = new java.util.ArrayList<>();
            list.forEach(signatures::add);
        } catch (IOException | RuntimeException e) {
            if (e instanceof TagNotSignedException refused) {
                throw refused;
            }
            throw new TagNotSignedException(
                    tagName, "its signature cannot be read (" + e.getMessage() + ")");
        }
        String lastProblem = "no signature was made by a key pinned in release/keys/";
        for (PGPSignature signature : signatures) {
            for (PGPPublicKeyRing ring : pinned.publicKeyRings()) {
                String primary = OpenPgpFiles.fingerprint(ring.getPublicKey());
                Iterator<PGPPublicKey> keys = ring.getPublicKeys();
                while (keys.hasNext()) {
                    PGPPublicKey key = keys.next();
                    if (key.getKeyID() != signature.getKeyID()) {
                        continue;
                    }
                    try {
                        signature.init(new BcPGPContentVerifierBuilderProvider(), key);
                        signature.update(payload);
                        if (!signature.verify()) {
                            lastProblem =
                                    "its signature by "
                                            + primary
                                            + " does not match the tag's content";
                        } else if (!maintainers.contains(primary)) {
                            lastProblem =
                                    "it is signed by "
                                            + primary
                                            + ", which release/config.json does not list as a maintainer";
                        } else {
                            return primary;
                        }
                    } catch (PGPException | RuntimeException e) {
                        lastProblem =
                                "its signature by "
                                        + primary
                                        + " cannot be checked ("
                                        + e.getMessage()
                                        + ")";
                    }
                }
            }
        }
        throw new TagNotSignedException(tagName, lastProblem);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != '\n') {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
