package org.starttlslist.check;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Politeness: each (MX host, address) is probed once per run, however many domains name it (a big
 * provider's hosts serve thousands), and no address gets more than {@code perAddress} connections
 * at a time. The host name is part of the key because SNI and the name check depend on it.
 */
final class HostProbes {
    private final SmtpProbe probe;
    private final ExecutorService threads;
    private final int perAddress;
    private final Map<String, CompletableFuture<AddressProbe>> results = new ConcurrentHashMap<>();
    private final Map<InetAddress, Semaphore> connections = new ConcurrentHashMap<>();

    HostProbes(SmtpProbe probe, ExecutorService threads, int perAddress) {
        this.probe = probe;
        this.threads = threads;
        this.perAddress = perAddress;
    }

    CompletableFuture<AddressProbe> probe(String host, InetAddress address) {
        return results.computeIfAbsent(
                host + " " + address.getHostAddress(),
                key -> CompletableFuture.supplyAsync(() -> limited(host, address), threads));
    }

    private AddressProbe limited(String host, InetAddress address) {
        Semaphore slots = connections.computeIfAbsent(address, a -> new Semaphore(perAddress));
        slots.acquireUninterruptibly();
        try {
            return probe.probe(host, address);
        } finally {
            slots.release();
        }
    }
}
