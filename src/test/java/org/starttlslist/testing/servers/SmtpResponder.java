package org.starttlslist.testing.servers;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server on the JDK: greeting, {@code EHLO} (with or without STARTTLS), the TLS
 * handshake, {@code EHLO} again, {@code QUIT}; anything else gets {@code 502}. It stands in for
 * Postfix where Postfix cannot play the part — a server that speaks only TLS 1.0/1.1 (Debian's
 * OpenSSL refuses them), and the benchmark's thousand hosts — never elsewhere.
 *
 * <p>It listens on any number of addresses (one accepting thread each), counts the connections and
 * the {@code MAIL FROM} commands it sees (a checker must send none), and remembers the most
 * connections it had open at once (a polite checker keeps that at two per address).
 *
 * <p>To offer only old TLS versions the JDK must be told to allow them, which is JVM-wide ({@code
 * jdk.tls.disabledAlgorithms}); {@link #startOldTlsProcess} runs it in a separate JVM with its own
 * security properties, so the JVM under test keeps the JDK's defaults.
 */
public final class SmtpResponder implements AutoCloseable {

    /** How it behaves. */
    public record Behaviour(
            String hostName, SSLContext tls, List<String> protocols, Duration greetDelay) {
        public static Behaviour starttls(String hostName, ServerCert certificate) {
            return new Behaviour(hostName, certificate.sslContext(), List.of(), Duration.ZERO);
        }

        public static Behaviour plain(String hostName) {
            return new Behaviour(hostName, null, List.of(), Duration.ZERO);
        }

        public Behaviour withGreetDelay(Duration delay) {
            return new Behaviour(hostName, tls, protocols, delay);
        }

        public Behaviour withProtocols(String... enabled) {
            return new Behaviour(hostName, tls, List.of(enabled), greetDelay);
        }
    }

    private final Behaviour behaviour;
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final ExecutorService threads =
            Executors.newCachedThreadPool(
                    runnable -> {
                        Thread thread = new Thread(runnable, "smtp-responder");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger mailCommands = new AtomicInteger();

    private SmtpResponder(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Listens on every address in {@code listen} and serves until closed. */
    public static SmtpResponder start(Behaviour behaviour, List<InetSocketAddress> listen) {
        SmtpResponder responder = new SmtpResponder(behaviour);
        try {
            for (InetSocketAddress address : listen) {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(address, 200);
                responder.sockets.add(socket);
                responder.threads.execute(() -> responder.accept(socket));
            }
        } catch (IOException e) {
            responder.close();
            throw new UncheckedIOException("cannot listen on " + listen, e);
        }
        return responder;
    }

    public int connections() {
        return connections.get();
    }

    /** The most connections open at one moment, over all addresses. */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    /** How many {@code MAIL FROM} commands arrived (a checker must send none). */
    public int mailCommands() {
        return mailCommands.get();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        connections.incrementAndGet();
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        boolean[] counted = {true};
        try (Socket socket = client) {
            socket.setSoTimeout(30_000);
            if (!behaviour.greetDelay.isZero()) {
                // Like postscreen: the first line of a multi-line greeting, then silence.
                send(socket.getOutputStream(), "220-" + behaviour.hostName + " wait for it");
                Thread.sleep(behaviour.greetDelay.toMillis());
                if (socket.getInputStream().available() > 0) {
                    send(
                            socket.getOutputStream(),
                            "521 " + behaviour.hostName + " you spoke before your turn");
                    return;
                }
            }
            send(socket.getOutputStream(), "220 " + behaviour.hostName + " ESMTP test responder");
            converse(socket, false, counted);
        } catch (IOException | InterruptedException dropped) {
            // the client went away; nothing to tell anyone
        } finally {
            if (counted[0]) {
                open.decrementAndGet();
            }
        }
    }

    /** {@code counted[0]} is cleared once this connection no longer counts as open. */
    private void converse(Socket socket, boolean secure, boolean[] counted) throws IOException {
        BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        for (String line; (line = in.readLine()) != null; ) {
            String verb =
                    line.length() >= 4
                            ? line.substring(0, 4).toUpperCase(Locale.ROOT)
                            : line.toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    if (behaviour.tls != null && !secure) {
                        send(
                                out,
                                "250-" + behaviour.hostName + "\r\n250-PIPELINING\r\n250 STARTTLS");
                    } else {
                        send(out, "250-" + behaviour.hostName + "\r\n250 PIPELINING");
                    }
                }
                case "HELO" -> send(out, "250 " + behaviour.hostName);
                case "STAR" -> {
                    if (behaviour.tls == null || secure) {
                        send(out, "502 5.5.1 no STARTTLS here");
                        continue;
                    }
                    send(out, "220 2.0.0 Ready to start TLS");
                    SSLSocket tls =
                            (SSLSocket)
                                    behaviour
                                            .tls
                                            .getSocketFactory()
                                            .createSocket(
                                                    socket,
                                                    socket.getInetAddress().getHostAddress(),
                                                    socket.getPort(),
                                                    true);
                    tls.setUseClientMode(false);
                    if (!behaviour.protocols.isEmpty()) {
                        tls.setEnabledProtocols(behaviour.protocols.toArray(String[]::new));
                    }
                    tls.startHandshake();
                    converse(tls, true, counted);
                    return;
                }
                case "MAIL" -> {
                    mailCommands.incrementAndGet();
                    send(out, "250 2.1.0 Ok");
                }
                case "QUIT" -> {
                    // Stop counting before the reply: a client that waits for it cannot open its
                    // next connection while this one still counts.
                    open.decrementAndGet();
                    counted[0] = false;
                    send(out, "221 2.0.0 Bye");
                    return;
                }
                default -> send(out, "502 5.5.2 not implemented");
            }
        }
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }

    // ---- out-of-process use -------------------------------------------------------------------

    /**
     * Runs a responder in a new JVM that allows TLS 1.0 and 1.1 and offers only those (what
     * Debian's OpenSSL will not let Postfix do). Returns once it listens; {@link Process#destroy()}
     * stops it.
     */
    public static Process startOldTlsProcess(
            Path dir, String hostName, ServerCert certificate, InetSocketAddress listen) {
        try {
            Path security = dir.resolve("old-tls.security");
            // Replaces the JDK's list for that JVM only: TLS 1.0/1.1 and their ciphers allowed
            // again.
            Files.writeString(
                    security,
                    "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, NULL\n",
                    StandardCharsets.US_ASCII);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process =
                    new ProcessBuilder(
                                    java.toString(),
                                    "-Djava.security.properties=" + security,
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    SmtpResponder.class.getName(),
                                    "--host",
                                    hostName,
                                    "--chain",
                                    certificate.chainFile().toString(),
                                    "--protocols",
                                    "TLSv1,TLSv1.1",
                                    "--listen",
                                    listen.getAddress().getHostAddress() + ":" + listen.getPort())
                            .redirectErrorStream(true)
                            .start();
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("listening")) {
                process.destroyForcibly();
                throw new IllegalStateException("old-TLS responder did not start: " + first);
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code --host NAME [--chain PEM] [--protocols A,B] [--greet-delay-ms N] --listen
     * ADDR:PORT...} (or {@code --listen-file FILE}, one ADDR:PORT a line). Prints "listening" once
     * ready and serves until killed.
     */
    public static void main(String[] args) throws Exception {
        String host = "responder.test";
        Path chain = null;
        List<String> protocols = List.of();
        Duration delay = Duration.ZERO;
        List<InetSocketAddress> listen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--chain" -> chain = Path.of(args[++i]);
                case "--protocols" -> protocols = List.of(args[++i].split(","));
                case "--greet-delay-ms" -> delay = Duration.ofMillis(Long.parseLong(args[++i]));
                case "--listen" -> listen.add(endpoint(args[++i]));
                case "--listen-file" -> {
                    for (String line : Files.readAllLines(Path.of(args[++i]))) {
                        if (!line.isBlank()) {
                            listen.add(endpoint(line.strip()));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SSLContext tls = chain == null ? null : readChain(chain).sslContext();
        start(new Behaviour(host, tls, protocols, delay), listen);
        System.out.println("listening on " + listen.size() + " address(es)");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static InetSocketAddress endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String address = text.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(
                LoopbackAddresses.parse(address), Integer.parseInt(text.substring(colon + 1)));
    }

    /** Reads what {@link ServerCert#chainFile()} wrote: a PKCS#8 EC key, then certificates. */
    static ServerCert readChain(Path file) throws Exception {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher key =
                Pattern.compile(
                                "-----BEGIN PRIVATE KEY-----(.*?)-----END PRIVATE KEY-----",
                                Pattern.DOTALL)
                        .matcher(pem);
        if (!key.find()) {
            throw new IllegalArgumentException("no private key in " + file);
        }
        PrivateKey privateKey =
                KeyFactory.getInstance("EC")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(
                                        Base64.getMimeDecoder().decode(key.group(1))));
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate :
                CertificateFactory.getInstance("X.509")
                        .generateCertificates(
                                new ByteArrayInputStream(
                                        pem.substring(key.end())
                                                .getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        return new ServerCert(privateKey, certificates, file);
    }
}
