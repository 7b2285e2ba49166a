package org.starttlslist.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * The byte-level chores of OpenPGP files shared by signing and verifying: armour in and out, and
 * how we print a fingerprint.
 */
public final class OpenPgpFiles {
    private static final Pattern ARMOR_BLOCK =
            Pattern.compile(
                    "-----BEGIN PGP ([A-Z ,0-9/]+)-----.*?-----END PGP ([A-Z ,0-9/]+)-----",
                    Pattern.DOTALL);

    private OpenPgpFiles() {}

    /** A fingerprint as we print and compare it: upper-case hex, no spaces. */
    public static String fingerprint(PGPPublicKey key) {
        return hex(key.getFingerprint());
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /**
     * The binary OpenPGP packets of a file that is armoured (one or more armour blocks, as when two
     * exported keys are concatenated) or already binary.
     *
     * @throws IOException when an armour block is damaged (bad base64 or checksum)
     */
    public static byte[] dearmor(byte[] file) throws IOException {
        return dearmor(file, null);
    }

    /**
     * As {@link #dearmor(byte[])}, requiring every armour block to be of this type (e.g.
     * "SIGNATURE") with matching BEGIN and END lines; {@code null} accepts any type.
     */
    public static byte[] dearmor(byte[] file, String expectedType) throws IOException {
        if (!looksArmored(file)) {
            return file;
        }
        String text = new String(file, StandardCharsets.US_ASCII);
        Matcher matcher = ARMOR_BLOCK.matcher(text);
        ByteArrayOutputStream packets = new ByteArrayOutputStream();
        boolean any = false;
        while (matcher.find()) {
            any = true;
            if (!matcher.group(1).equals(matcher.group(2))) {
                throw new IOException(
                        "armour BEGIN PGP "
                                + matcher.group(1)
                                + " ends with END PGP "
                                + matcher.group(2));
            }
            if (expectedType != null && !matcher.group(1).equals(expectedType)) {
                throw new IOException(
                        "armour holds PGP " + matcher.group(1) + ", expected PGP " + expectedType);
            }
            byte[] block = matcher.group().getBytes(StandardCharsets.US_ASCII);
            try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(block))) {
                in.transferTo(packets);
            }
        }
        if (!any) {
            throw new IOException("armour has a BEGIN line but no matching END line");
        }
        return packets.toByteArray();
    }

    static boolean looksArmored(byte[] file) {
        String start = new String(file, 0, Math.min(file.length, 4096), StandardCharsets.US_ASCII);
        return start.contains("-----BEGIN PGP ");
    }

    /**
     * ASCII armour without a {@code Version:} header: it would only tell an attacker our library.
     */
    public static byte[] armor(byte[] packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored =
                ArmoredOutputStream.builder().clearHeaders().build(out)) {
            armored.write(packets);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }
}
