package org.starttlslist.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the primary-key fingerprints of an OpenPGP public key file with the JDK alone.
 *
 * <p>Why not BouncyCastle: {@code validate} checks that {@code release/config.json} names the same
 * fingerprints as {@code release/keys/*.asc}, and must stay fast; loading BouncyCastle's classes
 * would cost it more than the whole check. So this class must never refer to a BouncyCastle type (a
 * test reads its bytecode to make sure).
 *
 * <p>What it does: removes the ASCII armour (checking the CRC-24 when present), walks the packets
 * and hashes each primary public-key packet (tag 6): v4 fingerprint = SHA-1(0x99 ‖ 2-byte length ‖
 * body), v6 = SHA-256(0x9B ‖ 4-byte length ‖ body) (RFC 9580 §5.5.4). Subkeys are not listed.
 */
public final class ArmoredKeyFingerprints {
    private static final int TAG_PUBLIC_KEY = 6;

    private ArmoredKeyFingerprints() {}

    /**
     * Fingerprints (upper-case hex) of the primary keys in an armoured or binary public key file.
     *
     * @throws MalformedKeyException when the armour or a packet header is damaged
     */
    public static List<String> primaryFingerprints(byte[] file) {
        return primaryFingerprints(file, "key file");
    }

    /** As {@link #primaryFingerprints(byte[])}; {@code name} names the file in messages. */
    public static List<String> primaryFingerprints(byte[] file, String name) {
        byte[] packets = isArmored(file) ? dearmor(file, name) : file;
        List<String> result = new ArrayList<>();
        int at = 0;
        while (at < packets.length) {
            int header = packets[at] & 0xff;
            if ((header & 0x80) == 0) {
                throw new MalformedKeyException(
                        name, "is not OpenPGP data (bad packet header at byte " + at + ")");
            }
            int tag;
            long length;
            int bodyStart;
            if ((header & 0x40) != 0) {
                tag = header & 0x3f;
                int first = unsigned(packets, at + 1, name);
                if (first < 192) {
                    length = first;
                    bodyStart = at + 2;
                } else if (first < 224) {
                    length = ((first - 192L) << 8) + unsigned(packets, at + 2, name) + 192;
                    bodyStart = at + 3;
                } else if (first == 255) {
                    length = fourOctets(packets, at + 2, name);
                    bodyStart = at + 6;
                } else {
                    throw new MalformedKeyException(
                            name, "uses a partial-length packet, which keys never do");
                }
            } else {
                tag = (header >> 2) & 0x0f;
                switch (header & 0x03) {
                    case 0 -> {
                        length = unsigned(packets, at + 1, name);
                        bodyStart = at + 2;
                    }
                    case 1 -> {
                        length =
                                ((long) unsigned(packets, at + 1, name) << 8)
                                        | unsigned(packets, at + 2, name);
                        bodyStart = at + 3;
                    }
                    case 2 -> {
                        length = fourOctets(packets, at + 1, name);
                        bodyStart = at + 5;
                    }
                    default -> {
                        length = (long) packets.length - (at + 1);
                        bodyStart = at + 1;
                    }
                }
            }
            if (length < 0 || bodyStart + length > packets.length) {
                throw new MalformedKeyException(
                        name, "is truncated (a packet runs past the end of the file)");
            }
            if (tag == TAG_PUBLIC_KEY) {
                result.add(fingerprint(packets, bodyStart, (int) length, name));
            }
            at = bodyStart + (int) length;
        }
        return result;
    }

    private static String fingerprint(byte[] packets, int start, int length, String name) {
        int version = length > 0 ? packets[start] & 0xff : -1;
        try {
            MessageDigest digest;
            if (version == 4) {
                digest = MessageDigest.getInstance("SHA-1");
                digest.update((byte) 0x99);
                digest.update((byte) (length >> 8));
                digest.update((byte) length);
            } else if (version == 6) {
                digest = MessageDigest.getInstance("SHA-256");
                digest.update((byte) 0x9B);
                digest.update(
                        new byte[] {
                            (byte) (length >>> 24),
                            (byte) (length >> 16),
                            (byte) (length >> 8),
                            (byte) length
                        });
            } else {
                throw new MalformedKeyException(
                        name,
                        "holds a version " + version + " key; only v4 and v6 keys are supported");
            }
            digest.update(packets, start, length);
            return HexFormat.of().withUpperCase().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1 and SHA-256", e);
        }
    }

    private static int unsigned(byte[] bytes, int at, String name) {
        if (at >= bytes.length) {
            throw new MalformedKeyException(
                    name, "is truncated (a packet header runs past the end of the file)");
        }
        return bytes[at] & 0xff;
    }

    private static long fourOctets(byte[] bytes, int at, String name) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | unsigned(bytes, at + i, name);
        }
        return value;
    }

    private static boolean isArmored(byte[] file) {
        String start =
                new String(file, 0, Math.min(file.length, 4096), StandardCharsets.ISO_8859_1);
        return start.contains("-----BEGIN PGP ");
    }

    /**
     * Every armour block's data, concatenated; header lines skipped, CRC-24 checked when present.
     */
    private static byte[] dearmor(byte[] file, String name) {
        List<String> lines =
                new String(file, StandardCharsets.ISO_8859_1).lines().map(String::strip).toList();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        boolean any = false;
        while (i < lines.size()) {
            if (!lines.get(i).startsWith("-----BEGIN PGP ")) {
                i++;
                continue;
            }
            any = true;
            i++;
            // Armour headers ("Version: …", "Comment: …") end at the first blank line.
            int headersEnd = i;
            while (headersEnd < lines.size() && lines.get(headersEnd).contains(": ")) {
                headersEnd++;
            }
            i = headersEnd;
            StringBuilder base64 = new StringBuilder();
            String crc = null;
            while (i < lines.size() && !lines.get(i).startsWith("-----END PGP ")) {
                String line = lines.get(i);
                if (line.startsWith("=") && line.length() == 5) {
                    crc = line.substring(1);
                } else {
                    base64.append(line);
                }
                i++;
            }
            if (i == lines.size()) {
                throw new MalformedKeyException(name, "has an armour block without its END line");
            }
            byte[] data;
            try {
                data = Base64.getDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new MalformedKeyException(
                        name, "has damaged armour (not base64: " + e.getMessage() + ")");
            }
            if (crc != null) {
                byte[] expected;
                try {
                    expected = Base64.getDecoder().decode(crc);
                } catch (IllegalArgumentException e) {
                    throw new MalformedKeyException(name, "has a damaged armour checksum line");
                }
                int actual = crc24(data);
                if (expected.length != 3
                        || ((expected[0] & 0xff) << 16
                                        | (expected[1] & 0xff) << 8
                                        | (expected[2] & 0xff))
                                != actual) {
                    throw new MalformedKeyException(name, "has damaged armour (checksum mismatch)");
                }
            }
            out.writeBytes(data);
            i++;
        }
        if (!any) {
            throw new MalformedKeyException(name, "has no armour block");
        }
        return out.toByteArray();
    }

    /** RFC 4880 §6.1. */
    private static int crc24(byte[] data) {
        int crc = 0xB704CE;
        for (byte b : data) {
            crc ^= (b & 0xff) << 16;
            for (int bit = 0; bit < 8; bit++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        return crc & 0xFFFFFF;
    }
}
