package org.starttlslist.mirror;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server on 127.0.0.1 with a certificate from a CA made for the test run by the JDK's
 * {@code keytool}. Each path answers as the test says: a file, a truncated file, a redirect, or
 * nothing at all until the test ends.
 */
final class TestHttpsServer implements AutoCloseable {
    private static final String PASSWORD = "test-only";

    /** The CA and the server's key store, made once per directory. */
    record Pki(Path caPem, Path serverStore) {
        static Pki create(Path dir) throws IOException, InterruptedException {
            Path ca = dir.resolve("ca.p12");
            Path server = dir.resolve("server.p12");
            Path caPem = dir.resolve("ca.pem");
            Path csr = dir.resolve("server.csr");
            Path serverPem = dir.resolve("server.pem");
            keytool(
                    "-genkeypair",
                    "-alias",
                    "ca",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=Mirror Test CA",
                    "-ext",
                    "bc:c",
                    "-validity",
                    "3650",
                    "-keystore",
                    ca.toString());
            keytool(
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    "ca",
                    "-keystore",
                    ca.toString(),
                    "-file",
                    caPem.toString());
            keytool(
                    "-genkeypair",
                    "-alias",
                    "server",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-validity",
                    "3650",
                    "-keystore",
                    server.toString());
            keytool(
                    "-certreq",
                    "-alias",
                    "server",
                    "-keystore",
                    server.toString(),
                    "-file",
                    csr.toString());
            keytool(
                    "-gencert",
                    "-alias",
                    "ca",
                    "-keystore",
                    ca.toString(),
                    "-infile",
                    csr.toString(),
                    "-outfile",
                    serverPem.toString(),
                    "-rfc",
                    "-ext",
                    "san=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "3650");
            keytool(
                    "-importcert",
                    "-alias",
                    "ca",
                    "-keystore",
                    server.toString(),
                    "-file",
                    caPem.toString(),
                    "-noprompt");
            keytool(
                    "-importcert",
                    "-alias",
                    "server",
                    "-keystore",
                    server.toString(),
                    "-file",
                    serverPem.toString());
            return new Pki(caPem, server);
        }

        private static void keytool(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            command.addAll(
                    List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
            }
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    TestHttpsServer(Pki pki) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.serverStore())) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(executor);
        server.createContext(
                "/",
                exchange -> {
                    HttpHandler handler = routes.get(exchange.getRequestURI().getPath());
                    if (handler == null) {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                    } else {
                        handler.handle(exchange);
                    }
                });
        server.start();
    }

    String base() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    void serve(String path, byte[] body) {
        routes.put(
                path,
                exchange -> {
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
    }

    /**
     * Sends the body in chunked encoding, without a Content-Length the client could check first.
     */
    void serveChunked(String path, byte[] body) {
        routes.put(
                path,
                exchange -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
    }

    /** Announces the whole body, sends only {@code sent} bytes, and drops the connection. */
    void serveTruncated(String path, byte[] body, int sent) {
        routes.put(
                path,
                exchange -> {
                    exchange.sendResponseHeaders(200, body.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, sent);
                    out.flush();
                    try {
                        exchange.close();
                    } catch (RuntimeException e) {
                        // the server complains that fewer bytes were written than announced: that
                        // is the point
                    }
                });
    }

    void remove(String path) {
        routes.remove(path);
    }

    void redirect(String path, String location) {
        routes.put(
                path,
                exchange -> {
                    exchange.getResponseHeaders().add("Location", location);
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                });
    }

    /** Accepts the request and answers nothing until the server is closed. */
    void hang(String path) {
        routes.put(
                path,
                exchange -> {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
    }

    /** Sends the headers and part of the body, then stalls until the server is closed. */
    void hangAfterHeaders(String path, byte[] body) {
        routes.put(
                path,
                exchange -> {
                    exchange.sendResponseHeaders(200, body.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                });
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
