package org.starttlslist.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * {@code GET https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 §3.3 asks: the host
 * resolved through the checker's own resolver (not the JVM's), a valid certificate for the {@code
 * mta-sts.} host, no redirects followed, at most 64 KiB, one deadline for the whole exchange. A
 * plain HTTP/1.1 exchange on a socket, so the resolver and port stay the caller's.
 */
final class MtaStsFetch {
    static final int MAX_BODY = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;

    /** The HTTP answer: status, lower-case header names, body (at most {@link #MAX_BODY} bytes). */
    record Response(int status, Map<String, String> headers, byte[] body, boolean tooLarge) {}

    /** Why the fetch failed, ready for a finding. */
    static final class FetchException extends IOException {
        private static final long serialVersionUID = 1L;

        FetchException(String message) {
            super(message);
        }
    }

    private final CheckSettings settings;
    private final TrustAnchors trust;
    private final SSLContext tls;

    MtaStsFetch(CheckSettings settings, TrustAnchors trust) {
        this.settings = settings;
        this.trust = trust;
        this.tls = RecordingTrustManager.context();
    }

    Response get(String host, List<InetAddress> addresses) throws FetchException {
        if (addresses.isEmpty()) {
            throw new FetchException(host + " has no address");
        }
        FetchException last = null;
        for (InetAddress address : addresses) {
            try {
                return get(host, address);
            } catch (FetchException e) {
                last = e;
            }
        }
        throw last;
    }

    private Response get(String host, InetAddress address) throws FetchException {
        long deadline = System.nanoTime() + settings.connectionTimeout().toNanos();
        int port = settings.ports().https();
        try (Socket plain = new Socket()) {
            plain.connect(
                    new InetSocketAddress(address, port),
                    (int) settings.connectionTimeout().toMillis());
            plain.setSoTimeout((int) settings.connectionTimeout().toMillis());
            SSLSocket socket =
                    (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : socket.getSession().getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
            Optional<String> untrusted = trust.problem(chain, settings.now());
            if (untrusted.isPresent()) {
                throw new FetchException(
                        "the certificate of " + host + " is not valid: " + untrusted.get());
            }
            if (!CertificateNames.matches(chain.get(0), host)) {
                throw new FetchException(
                        "the certificate of "
                                + host
                                + " names "
                                + CertificateNames.dnsNames(chain.get(0))
                                + ", not "
                                + host);
            }
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: "
                                    + host
                                    + "\r\nUser-Agent: starttls-list-check\r\n"
                                    + "Accept: text/plain\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket, deadline);
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw new FetchException(
                    "cannot fetch https://"
                            + host
                            + (port == 443 ? "" : ":" + port)
                            + "/.well-known/mta-sts.txt from "
                            + SmtpProbe.literal(address)
                            + ": "
                            + e.getMessage());
        }
    }

    private static Response read(SSLSocket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            checkDeadline(deadline);
            int b = in.read();
            if (b < 0) {
                throw new FetchException(
                        "the server closed the connection before the end of the headers");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEADERS) {
                throw new FetchException("response headers longer than " + MAX_HEADERS + " bytes");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new FetchException(
                    "not an HTTP response: " + SmtpConversation.printable(lines[0]));
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new FetchException("not an HTTP status: " + SmtpConversation.printable(lines[0]));
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                if (Long.parseLong(length) > MAX_BODY) {
                    return new Response(code, headers, new byte[0], true);
                }
            } catch (NumberFormatException e) {
                throw new FetchException("bad Content-Length: " + length);
            }
        }
        boolean chunked =
                headers.getOrDefault("transfer-encoding", "")
                        .toLowerCase(Locale.ROOT)
                        .contains("chunked");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean tooLarge =
                chunked
                        ? readChunked(in, body, deadline)
                        : readAll(in, body, deadline, length == null ? -1 : Long.parseLong(length));
        return new Response(code, headers, body.toByteArray(), tooLarge);
    }

    private static boolean readAll(
            InputStream in, ByteArrayOutputStream body, long deadline, long length)
            throws IOException {
        byte[] buffer = new byte[8192];
        while (length < 0 || body.size() < length) {
            checkDeadline(deadline);
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY) {
                return true;
            }
        }
        return false;
    }

    private static boolean readChunked(InputStream in, ByteArrayOutputStream body, long deadline)
            throws IOException {
        while (true) {
            String sizeLine = line(in, deadline);
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw new FetchException("bad chunk size: " + SmtpConversation.printable(sizeLine));
            }
            if (size == 0) {
                return false;
            }
            if (body.size() + (long) size > MAX_BODY) {
                return true;
            }
            for (int i = 0; i < size; i++) {
                checkDeadline(deadline);
                int b = in.read();
                if (b < 0) {
                    throw new FetchException("the body ended inside a chunk");
                }
                body.write(b);
            }
            line(in, deadline);
        }
    }

    private static String line(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            checkDeadline(deadline);
            if (b < 0 || line.size() > 1024) {
                throw new FetchException("a malformed chunked body");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static void checkDeadline(long deadline) throws FetchException {
        if (System.nanoTime() > deadline) {
            throw new FetchException("no complete answer within the time-out");
        }
    }
}
