package org.starttlslist.remote;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * known_hosts checked the way {@code StrictHostKeyChecking yes} does, whatever ~/.ssh/config says:
 * a release tool must never trust a host on first use. The files are OpenSSH's (JGit's reader, with
 * {@code UserKnownHostsFile} honoured); nothing is ever written to them.
 *
 * <p>A refusal is remembered, so the failure that JGit then throws (with a generic message) can be
 * reported as "unknown" or "changed", with the fingerprint the server offered.
 */
final class StrictKnownHosts implements ServerKeyDatabase {
    private final ServerKeyDatabase files;
    private final AtomicReference<HostKeyVerdict> refusal = new AtomicReference<>();

    StrictKnownHosts(Path sshDirectory) {
        this.files =
                new OpenSshServerKeyDatabase(
                        false,
                        List.of(
                                sshDirectory.resolve("known_hosts"),
                                sshDirectory.resolve("known_hosts2")));
    }

    @Override
    public List<PublicKey> lookup(
            String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return files.lookup(connectAddress, remoteAddress, strict(config));
    }

    @Override
    public boolean accept(
            String connectAddress,
            InetSocketAddress remoteAddress,
            PublicKey serverKey,
            Configuration config,
            CredentialsProvider provider) {
        Configuration strict = strict(config);
        // No provider: nobody may be asked, and REQUIRE_MATCH means nothing is added either.
        if (files.accept(connectAddress, remoteAddress, serverKey, strict, null)) {
            return true;
        }
        boolean known = !files.lookup(connectAddress, remoteAddress, strict).isEmpty();
        HostAndPort where = HostAndPort.parse(connectAddress, remoteAddress);
        List<String> configured = strict.getUserKnownHostsFiles();
        List<String> searched =
                configured == null || configured.isEmpty()
                        ? List.of("~/.ssh/known_hosts")
                        : new ArrayList<>(configured);
        refusal.set(
                new HostKeyVerdict(
                        known ? HostKeyVerdict.Kind.CHANGED : HostKeyVerdict.Kind.UNKNOWN,
                        where.host(),
                        where.port(),
                        KeyUtils.getKeyType(serverKey),
                        KeyUtils.getFingerPrint(serverKey),
                        searched));
        return false;
    }

    /** The last refusal, if any. */
    HostKeyVerdict refusal() {
        return refusal.get();
    }

    private static Configuration strict(Configuration config) {
        return new Configuration() {
            @Override
            public List<String> getUserKnownHostsFiles() {
                return config.getUserKnownHostsFiles();
            }

            @Override
            public List<String> getGlobalKnownHostsFiles() {
                return config.getGlobalKnownHostsFiles();
            }

            @Override
            public StrictHostKeyChecking getStrictHostKeyChecking() {
                return StrictHostKeyChecking.REQUIRE_MATCH;
            }

            @Override
            public boolean getHashKnownHosts() {
                return config.getHashKnownHosts();
            }

            @Override
            public String getUsername() {
                return config.getUsername();
            }
        };
    }

    /** JGit's connect address is {@code host} or {@code [host]:port}. */
    private record HostAndPort(String host, int port) {
        static HostAndPort parse(String connectAddress, InetSocketAddress remote) {
            if (connectAddress != null && connectAddress.startsWith("[")) {
                int close = connectAddress.indexOf("]:");
                if (close > 0) {
                    try {
                        return new HostAndPort(
                                connectAddress.substring(1, close),
                                Integer.parseInt(connectAddress.substring(close + 2)));
                    } catch (NumberFormatException e) {
                        // fall through to the socket address
                    }
                }
            }
            String host =
                    connectAddress != null && !connectAddress.isEmpty()
                            ? connectAddress
                            : remote.getHostString();
            return new HostAndPort(host, remote == null ? 22 : remote.getPort());
        }
    }
}
