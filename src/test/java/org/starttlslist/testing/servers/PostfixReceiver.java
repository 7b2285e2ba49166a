package org.starttlslist.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Postfix that receives mail on one loopback address and port, started from its own
 * configuration directory (never {@code /etc/postfix}): its own {@code main.cf} and {@code
 * master.cf}, queue and data directories, no chroot, logging to a file in its directory. Every
 * message it accepts, for any recipient, is delivered by Postfix's {@code virtual} agent into one
 * Maildir the test reads ({@link #messages()}, {@link #awaitMessages}).
 *
 * <p>Options: the certificate it serves (or none: STARTTLS not offered), certificates chosen by SNI
 * (so the default one is what a client without SNI gets), and a greet delay made by {@code
 * postscreen}: it sends the first line of a multi-line {@code 220-} banner, waits, and drops a
 * client that speaks before the final {@code 220} — the behaviour that broke the predecessor.
 *
 * <p>Several run at once, each on its own 127.x.y.z address. Postfix's daemons switch to the {@code
 * postfix} user, so this needs root; {@link ServerTools#requirePostfixMaster()} skips the test
 * otherwise.
 */
public final class PostfixReceiver implements AutoCloseable {

    /** How to configure one instance; every setter returns this for chaining. */
    public static final class Options {
        private final String hostName;
        private InetAddress address;
        private int port;
        private ServerCert certificate;
        private final Map<String, ServerCert> sniCertificates = new LinkedHashMap<>();
        private Duration greetDelay = Duration.ZERO;
        private final Map<String, String> mainCf = new LinkedHashMap<>();

        /** {@code hostName} is its {@code myhostname}, named in its banner and EHLO reply. */
        public Options(String hostName) {
            this.hostName = hostName;
        }

        /** The address to listen on; a fresh one by default. */
        public Options address(InetAddress value) {
            this.address = value;
            return this;
        }

        /** The port to listen on; a free one by default (tests point the client at it). */
        public Options port(int value) {
            this.port = value;
            return this;
        }

        /**
         * The certificate for clients without SNI, or for all of them; without one, no STARTTLS.
         */
        public Options certificate(ServerCert value) {
            this.certificate = value;
            return this;
        }

        /** The certificate for clients that ask for {@code serverName} by SNI. */
        public Options sni(String serverName, ServerCert value) {
            sniCertificates.put(serverName, value);
            return this;
        }

        /** Make clients wait this long for the final {@code 220} greeting (postscreen). */
        public Options greetDelay(Duration value) {
            this.greetDelay = value;
            return this;
        }

        /** Any further {@code main.cf} parameter (the last word wins). */
        public Options mainCf(String name, String value) {
            mainCf.put(name, value);
            return this;
        }
    }

    private final Path dir;
    private final Process master;
    private final InetSocketAddress address;
    private final Path maildir;

    private PostfixReceiver(Path dir, Process master, InetSocketAddress address, Path maildir) {
        this.dir = dir;
        this.master = master;
        this.address = address;
        this.maildir = maildir;
    }

    /** Starts the instance in {@code dir} and returns once it accepts connections. */
    public static PostfixReceiver start(Path dir, Options options) {
        Path masterBinary = ServerTools.requirePostfixMaster();
        try {
            InetAddress listen =
                    options.address != null ? options.address : LoopbackAddresses.next();
            int port = options.port != 0 ? options.port : LoopbackAddresses.freePort(listen);
            Layout layout = Layout.create(dir);
            Files.writeString(
                    layout.config.resolve("main.cf"),
                    mainCf(options, layout, listen, masterBinary),
                    StandardCharsets.US_ASCII);
            Files.writeString(
                    layout.config.resolve("master.cf"),
                    masterCf(options, listen, port),
                    StandardCharsets.US_ASCII);
            if (!options.sniCertificates.isEmpty()) {
                writeSniMap(layout, options.sniCertificates, masterBinary);
            }
            // master stops its children by signalling its process group, so it must lead one:
            // setsid
            // (which execs in place, keeping the PID that close() signals). Without it, master
            // cannot kill its group and its children outlive the test.
            Process master =
                    new ProcessBuilder(
                                    "setsid",
                                    masterBinary.toString(),
                                    "-c",
                                    layout.config.toString(),
                                    "-d")
                            .redirectErrorStream(true)
                            .redirectOutput(layout.root.resolve("master.out").toFile())
                            .start();
            PostfixReceiver receiver =
                    new PostfixReceiver(
                            layout.root,
                            master,
                            new InetSocketAddress(listen, port),
                            layout.maildir);
            receiver.awaitListening();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** Postfix's log of this instance (connections, TLS, deliveries). */
    public String log() {
        try {
            Path log = dir.resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Maildir every accepted message lands in ({@code new/} holds the files). */
    public Path maildir() {
        return maildir;
    }

    /** The messages delivered so far, each as its full text. */
    public List<String> messages() {
        try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
            List<String> messages = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                messages.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits, on file-system events rather than sleeps, until at least {@code count} messages have
     * been delivered, and returns them; fails with the instance's log when {@code timeout} passes.
     */
    public List<String> awaitMessages(int count, Duration timeout) {
        Path incoming = maildir.resolve("new");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            // A Maildir delivery renames tmp/x to new/x: inotify reports that as a creation in
            // new/.
            incoming.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                List<String> messages = messages();
                if (messages.size() >= count) {
                    return messages;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(
                            "expected "
                                    + count
                                    + " message(s) in "
                                    + incoming
                                    + ", found "
                                    + messages.size()
                                    + "; Postfix log:\n"
                                    + log());
                }
                WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // SIGTERM: master stops its children (they share its session) and exits.
        master.destroy();
        try {
            if (!master.waitFor(15, TimeUnit.SECONDS)) {
                master.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * master binds its inet sockets before it starts any service, so the first connection that
     * succeeds means it is ready; a refused one comes back at once. The connection is closed
     * without a word (postscreen logs it as a hangup; nothing is cached about the client).
     */
    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException(
                        "Postfix master exited with "
                                + master.exitValue()
                                + ": "
                                + masterOutput()
                                + "\n"
                                + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
                return;
            } catch (IOException refused) {
                last = refused;
                try {
                    master.waitFor(25, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException(
                "Postfix did not listen on "
                        + address
                        + " within 30 s ("
                        + last
                        + "): "
                        + masterOutput());
    }

    private String masterOutput() {
        try {
            return Files.readString(dir.resolve("master.out"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String mainCf(
            Options options, Layout layout, InetAddress listen, Path masterBinary) {
        Map<String, String> main = new LinkedHashMap<>();
        main.put("compatibility_level", "3.6");
        main.put("config_directory", layout.config.toString());
        main.put("queue_directory", layout.queue.toString());
        main.put("data_directory", layout.data.toString());
        main.put("daemon_directory", masterBinary.getParent().toString());
        main.put("mail_owner", "postfix");
        main.put("myhostname", options.hostName);
        main.put("mydestination", "");
        main.put("relay_domains", "");
        // Postfix accepts only addresses configured on an interface here; 127.x.y.z is routed to lo
        // without being configured, so the listener names its address in master.cf instead.
        main.put("inet_interfaces", "loopback-only");
        main.put("inet_protocols", listen instanceof java.net.Inet6Address ? "ipv6" : "ipv4");
        main.put("mynetworks", "127.0.0.0/8");
        main.put("alias_maps", "");
        main.put("alias_database", "");
        main.put("biff", "no");
        main.put("append_dot_mydomain", "no");
        // No DNS, ever: no reverse lookup of the client, no lookups for the mail it accepts.
        main.put("smtpd_peername_lookup", "no");
        main.put("disable_dns_lookups", "yes");
        main.put("smtp_dns_support_level", "disabled");
        main.put("maillog_file", layout.root.resolve("maillog").toString());
        main.put("maillog_file_prefixes", layout.root.toString());
        main.put("smtpd_banner", "$myhostname ESMTP test receiver");
        // Everything it accepts lands in one Maildir, whatever the recipient.
        main.put("virtual_mailbox_domains", "static:all");
        main.put("virtual_mailbox_base", layout.root.toString());
        main.put("virtual_mailbox_maps", "static:" + layout.root.relativize(layout.maildir) + "/");
        main.put("virtual_uid_maps", "static:" + layout.uid);
        main.put("virtual_gid_maps", "static:" + layout.gid);
        main.put("virtual_minimum_uid", "1");
        if (options.certificate != null) {
            main.put("smtpd_tls_security_level", "may");
            main.put("smtpd_tls_chain_files", options.certificate.chainFile().toString());
            main.put("smtpd_tls_loglevel", "1");
            main.put("smtpd_tls_received_header", "yes");
            main.put("smtpd_tls_session_cache_database", "");
            if (!options.sniCertificates.isEmpty()) {
                main.put("tls_server_sni_maps", "hash:" + layout.config.resolve("sni"));
            }
        } else {
            main.put("smtpd_tls_security_level", "none");
        }
        if (!options.greetDelay.isZero()) {
            main.put("postscreen_greet_wait", options.greetDelay.toSeconds() + "s");
            main.put("postscreen_greet_action", "drop");
            // Loopback is in mynetworks; without this postscreen would wave every test client
            // through.
            main.put("postscreen_access_list", "");
            main.put("postscreen_dnsbl_sites", "");
            // No memory of clients that passed: every connection waits, however often a test
            // connects.
            main.put("postscreen_cache_map", "");
        }
        main.putAll(options.mainCf);
        StringBuilder text =
                new StringBuilder("# generated by the test harness for one test instance\n");
        main.forEach((name, value) -> text.append(name).append(" = ").append(value).append('\n'));
        return text.toString();
    }

    private static String masterCf(Options options, InetAddress listen, int port) {
        String endpoint =
                (listen instanceof java.net.Inet6Address
                                ? "[" + listen.getHostAddress() + "]"
                                : listen.getHostAddress())
                        + ":"
                        + port;
        StringBuilder text =
                new StringBuilder("# service type private unpriv chroot wakeup maxproc command\n");
        if (options.greetDelay.isZero()) {
            text.append(endpoint).append(" inet n - n - - smtpd\n");
        } else {
            text.append(endpoint).append(" inet n - n - 1 postscreen\n");
            text.append("smtpd pass - - n - - smtpd\n");
            text.append("dnsblog unix - - n - 0 dnsblog\n");
            text.append("tlsproxy unix - - n - 0 tlsproxy\n");
        }
        text.append(
                """
                cleanup unix n - n - 0 cleanup
                qmgr unix n - n 300 1 qmgr
                tlsmgr unix - - n 1000? 1 tlsmgr
                rewrite unix - - n - - trivial-rewrite
                bounce unix - - n - 0 bounce
                defer unix - - n - 0 bounce
                trace unix - - n - 0 bounce
                verify unix - - n - 1 verify
                flush unix n - n 1000? 0 flush
                proxymap unix - - n - - proxymap
                proxywrite unix - - n - 1 proxymap
                smtp unix - - n - - smtp
                relay unix - - n - - smtp
                showq unix n - n - - showq
                error unix - - n - - error
                retry unix - - n - - error
                discard unix - - n - - discard
                local unix - n n - - local
                virtual unix - n n - - virtual
                lmtp unix - - n - - lmtp
                anvil unix - - n - 1 anvil
                scache unix - - n - 1 scache
                postlog unix-dgram n - n - 1 postlogd
                """);
        return text.toString();
    }

    /**
     * SNI table: Postfix reads the key and chain for each name from a hash map built by {@code
     * postmap -F}.
     */
    private static void writeSniMap(
            Layout layout, Map<String, ServerCert> certificates, Path masterBinary)
            throws IOException {
        Path source = layout.config.resolve("sni");
        StringBuilder text = new StringBuilder();
        certificates.forEach(
                (name, cert) ->
                        text.append(name).append(' ').append(cert.chainFile()).append('\n'));
        Files.writeString(source, text, StandardCharsets.US_ASCII);
        Path postmap =
                ServerTools.find(
                                "/usr/sbin/postmap",
                                masterBinary
                                        .getParent()
                                        .resolve("../../../sbin/postmap")
                                        .normalize()
                                        .toString())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "postmap not found beside Postfix"));
        Process process =
                new ProcessBuilder(
                                postmap.toString(),
                                "-c",
                                layout.config.toString(),
                                "-F",
                                "hash:" + source)
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException("postmap -F failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The instance's directories, with the owners and modes Postfix insists on. */
    private record Layout(
            Path root, Path config, Path queue, Path data, Path maildir, int uid, int gid) {
        private static final List<String> PRIVATE_QUEUES =
                List.of(
                        "active",
                        "bounce",
                        "corrupt",
                        "defer",
                        "deferred",
                        "flush",
                        "hold",
                        "incoming",
                        "private",
                        "saved",
                        "trace");

        static Layout create(Path dir) throws IOException {
            Path root = dir.toAbsolutePath();
            Files.createDirectories(root);
            openForPostfix(root);
            UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal postfix = users.lookupPrincipalByName("postfix");
            GroupPrincipal postdrop = users.lookupPrincipalByGroupName("postdrop");
            GroupPrincipal postfixGroup = users.lookupPrincipalByGroupName("postfix");
            Path config = Files.createDirectories(root.resolve("config"));
            Path queue = Files.createDirectories(root.resolve("queue"));
            setMode(queue, "rwxr-xr-x");
            for (String name : PRIVATE_QUEUES) {
                own(Files.createDirectories(queue.resolve(name)), postfix, null, "rwx------");
            }
            own(Files.createDirectories(queue.resolve("maildrop")), postfix, postdrop, "rwx-wx---");
            own(Files.createDirectories(queue.resolve("public")), postfix, postdrop, "rwx--x---");
            setMode(Files.createDirectories(queue.resolve("pid")), "rwxr-xr-x");
            Path data =
                    own(Files.createDirectories(root.resolve("data")), postfix, null, "rwx------");
            Path maildir =
                    own(
                            Files.createDirectories(root.resolve("Maildir")),
                            postfix,
                            postfixGroup,
                            "rwxr-xr-x");
            for (String sub : List.of("new", "cur", "tmp")) {
                own(
                        Files.createDirectories(maildir.resolve(sub)),
                        postfix,
                        postfixGroup,
                        "rwxr-xr-x");
            }
            int uid = (Integer) Files.getAttribute(data, "unix:uid");
            int gid = (Integer) Files.getAttribute(maildir, "unix:gid");
            return new Layout(root, config, queue, data, maildir, uid, gid);
        }

        /**
         * Postfix's daemons run as postfix: every directory above the instance must let them
         * through.
         */
        private static void openForPostfix(Path root) throws IOException {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path p = root;
                    p != null && p.startsWith(tmp) && !p.equals(tmp);
                    p = p.getParent()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                mode.add(PosixFilePermission.GROUP_EXECUTE);
                mode.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, mode);
            }
        }

        private static Path own(Path path, UserPrincipal user, GroupPrincipal group, String mode)
                throws IOException {
            PosixFileAttributeView view =
                    Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            if (group != null) {
                view.setGroup(group);
            }
            setMode(path, mode);
            return path;
        }

        private static void setMode(Path path, String mode) throws IOException {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }
}
