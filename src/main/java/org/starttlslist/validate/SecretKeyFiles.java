package org.starttlslist.validate;

import java.nio.charset.StandardCharsets;

/**
 * Recognises a secret key in {@code release/keys/}, so that the pull-request check ({@code
 * validate}) refuses it before it is merged and pushed, not only {@code release} afterwards. Read
 * with the JDK alone, like the rest of the key checks here.
 */
final class SecretKeyFiles {
    private static final int TAG_SECRET_KEY = 5;
    private static final int TAG_SECRET_SUBKEY = 7;

    private SecretKeyFiles() {}

    /** An armoured private key block, or binary data whose first packet is a secret (sub)key. */
    static boolean holdsSecretKey(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
            return true;
        }
        if (text.contains("-----BEGIN PGP ")) {
            return false;
        }
        if (file.length == 0 || (file[0] & 0x80) == 0) {
            return false;
        }
        int header = file[0] & 0xff;
        int tag = (header & 0x40) != 0 ? header & 0x3f : (header >> 2) & 0x0f;
        return tag == TAG_SECRET_KEY || tag == TAG_SECRET_SUBKEY;
    }
}
