package org.starttlslist.testing.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A line-at-a-time SMTP client for the harness's own tests: says exactly what the test tells it to.
 */
final class TestSmtpClient implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    TestSmtpClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(30_000);
        attach();
    }

    private void attach() throws IOException {
        in =
                new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    /** The lines of one reply, up to and including the one whose fourth character is a space. */
    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) == ' ') {
                return lines;
            }
        }
        return lines;
    }

    /** One line, even the first of a multi-line reply. */
    String line() throws IOException {
        return in.readLine();
    }

    List<String> command(String line) throws IOException {
        send(line);
        return reply();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Upgrades to TLS, asking for {@code serverName} by SNI unless it is null. */
    SSLSocket startTls(SSLContext context, String serverName) throws IOException {
        SSLSocket tls =
                (SSLSocket)
                        context.getSocketFactory()
                                .createSocket(socket, "unused", socket.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(
                serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        socket = tls;
        attach();
        return tls;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
