package org.starttlslist.remote;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.sshd.agent.AbstractConnector;
import org.eclipse.jgit.transport.sshd.agent.Connector;
import org.eclipse.jgit.transport.sshd.agent.ConnectorFactory;

/**
 * Talks to ssh-agent over its Unix socket ({@code SSH_AUTH_SOCK}, or {@code IdentityAgent} in
 * ~/.ssh/config). JGit's own connector needs JNA (a separate bundle); Java 16 and later open Unix
 * sockets by themselves, so the agent protocol's few bytes are sent from here.
 */
final class UnixAgentConnectorFactory implements ConnectorFactory {
    private static final ConnectorDescriptor UNIX =
            new ConnectorDescriptor() {
                @Override
                public String getIdentityAgent() {
                    return "SSH_AUTH_SOCK";
                }

                @Override
                public String getDisplayName() {
                    return "Unix domain socket";
                }
            };

    private final RemoteEnvironment environment;

    UnixAgentConnectorFactory(RemoteEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Connector create(String identityAgent, File homeDir) {
        Optional<String> socket =
                identityAgent == null
                                || identityAgent.isBlank()
                                || identityAgent.equals("SSH_AUTH_SOCK")
                        ? environment.variable("SSH_AUTH_SOCK")
                        : Optional.of(
                                identityAgent.startsWith("~/")
                                        ? new File(homeDir, identityAgent.substring(2)).getPath()
                                        : identityAgent);
        return new UnixConnector(socket);
    }

    @Override
    public boolean isSupported() {
        return !System.getProperty("os.name", "").startsWith("Windows");
    }

    @Override
    public String getName() {
        return "starttls-list-unix-agent";
    }

    @Override
    public Collection<ConnectorDescriptor> getSupportedConnectors() {
        return List.of(UNIX);
    }

    @Override
    public ConnectorDescriptor getDefaultConnector() {
        return UNIX;
    }

    private static final class UnixConnector extends AbstractConnector {
        private final Optional<String> path;
        private SocketChannel channel;

        UnixConnector(Optional<String> path) {
            this.path = path;
        }

        @Override
        public synchronized boolean connect() throws IOException {
            if (channel != null) {
                return true;
            }
            if (path.isEmpty() || !new File(path.get()).exists()) {
                return false; // no agent: JGit goes on with the key files
            }
            SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                opened.connect(UnixDomainSocketAddress.of(path.get()));
            } catch (IOException e) {
                opened.close();
                return false;
            }
            channel = opened;
            return true;
        }

        @Override
        public synchronized byte[] rpc(byte command, byte[] message) throws IOException {
            if (channel == null) {
                throw new IOException("ssh-agent is not connected");
            }
            prepareMessage(command, message);
            ByteBuffer out = ByteBuffer.wrap(message);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            byte[] length = readFully(4);
            return readFully(toLength(command, length));
        }

        private byte[] readFully(int count) throws IOException {
            ByteBuffer in = ByteBuffer.allocate(count);
            while (in.hasRemaining()) {
                if (channel.read(in) < 0) {
                    throw new IOException("ssh-agent closed the connection");
                }
            }
            return in.array();
        }

        @Override
        public synchronized void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }
}
