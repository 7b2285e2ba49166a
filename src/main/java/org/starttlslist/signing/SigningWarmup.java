package org.starttlslist.signing;

import java.security.MessageDigest;

public final class SigningWarmup {
    private SigningWarmup() {}

    public static void start() {
        Thread t = new Thread(SigningWarmup::run, "signing-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            byte[] block = new byte[Integer.getInteger("wu.bytes", 4096)];
            int rounds = Integer.getInteger("wu.rounds", 64);
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < rounds; i++) {
                sha512.update(block);
                sha256.update(block);
            }
            if (Boolean.getBoolean("wu.ed")) {
                org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
            }
        } catch (Exception e) {
            // warm-up only
        }
    }
}
