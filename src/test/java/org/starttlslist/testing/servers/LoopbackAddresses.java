package org.starttlslist.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Addresses in 127.0.0.0/8 for test servers, one per server. Linux answers on the whole /8 without
 * configuration, so each server gets an address of its own; they are drawn at random (127.64.0.0
 * and up) so that test runs in other checkouts on the same machine rarely meet, and a port is
 * checked free on every address that shares it.
 */
public final class LoopbackAddresses {
    private static final Set<String> TAKEN = new HashSet<>();

    private LoopbackAddresses() {}

    /** An address not handed out before in this JVM. */
    public static synchronized InetAddress next() {
        while (true) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String text =
                    "127."
                            + random.nextInt(64, 255)
                            + "."
                            + random.nextInt(0, 256)
                            + "."
                            + random.nextInt(2, 255);
            if (TAKEN.add(text)) {
                try {
                    return InetAddress.getByName(text);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** A TCP and UDP port that is free on every one of {@code addresses} right now. */
    public static int freePort(InetAddress... addresses) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 60000);
            if (isFree(port, addresses)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found on the test addresses");
    }

    private static boolean isFree(int port, InetAddress... addresses) {
        for (InetAddress address : addresses) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                udp.getLocalPort();
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    static InetAddress parse(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }
}
