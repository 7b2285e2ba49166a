package org.starttlslist.testing.servers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTPS server on one loopback address that answers {@code /.well-known/mta-sts.txt} for any
 * number of {@code mta-sts.<domain>} host names, told apart by the request's {@code Host} header.
 * Its certificate (from a {@link TestCa}) must name every {@code mta-sts.} host it serves. The test
 * points DNS (its {@link Dnsmasq}) at {@link #address()} and the client at {@link #port()}.
 */
public final class MtaStsServer implements AutoCloseable {
    /** What to answer for one domain. */
    private record Answer(int status, String contentType, byte[] body, String location) {}

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private MtaStsServer(HttpsServer server) {
        this.server = server;
    }

    public static MtaStsServer start(InetAddress address, ServerCert certificate) {
        try {
            HttpsServer server =
                    HttpsServer.create(
                            new InetSocketAddress(address, LoopbackAddresses.freePort(address)),
                            50);
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.sslContext()));
            MtaStsServer mtaSts = new MtaStsServer(server);
            server.setExecutor(mtaSts.executor);
            server.createContext("/", mtaSts::handle);
            server.start();
            return mtaSts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    /** Serves {@code policy} as {@code text/plain} for {@code domain}. */
    public MtaStsServer policy(String domain, String policy) {
        return respond(domain, 200, "text/plain", policy.getBytes(StandardCharsets.UTF_8));
    }

    public MtaStsServer respond(String domain, int status, String contentType, byte[] body) {
        answers.put(host(domain), new Answer(status, contentType, body, null));
        return this;
    }

    public MtaStsServer redirect(String domain, String location) {
        answers.put(host(domain), new Answer(302, "text/plain", new byte[0], location));
        return this;
    }

    private static String host(String domain) {
        return "mta-sts." + domain.toLowerCase(Locale.ROOT);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String hostHeader = exchange.getRequestHeaders().getFirst("Host");
        String host =
                hostHeader == null
                        ? ""
                        : hostHeader.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        Answer answer = answers.get(host);
        try (exchange) {
            if (answer == null
                    || !"/.well-known/mta-sts.txt".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.location != null) {
                exchange.getResponseHeaders().add("Location", answer.location);
            }
            exchange.getResponseHeaders().add("Content-Type", answer.contentType);
            exchange.sendResponseHeaders(
                    answer.status, answer.body.length == 0 ? -1 : answer.body.length);
            if (answer.body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
