package org.starttlslist.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SMTP replies read line by line against one deadline for the whole connection. Each read waits
 * only as long as the deadline allows, so a server that trickles bytes cannot hold the checker.
 */
final class SmtpConversation {
    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 100;

    /** A reply: its code and lines (without CR LF). */
    record Reply(int code, List<String> lines) {
        boolean hasKeyword(String keyword) {
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.length() > 4
                        && line.substring(4).trim().split("\\s+")[0].equalsIgnoreCase(keyword)) {
                    return true;
                }
            }
            return false;
        }

        String text() {
            return String.join(" / ", lines);
        }
    }

    /** The server closed the connection, or sent something that is not SMTP. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final long deadlineNanos;
    private long firstLineNanos = -1;

    SmtpConversation(Socket socket, long deadlineNanos) throws IOException {
        this.deadlineNanos = deadlineNanos;
        switchTo(socket);
    }

    void switchTo(Socket upgraded) throws IOException {
        socket = upgraded;
        in = upgraded.getInputStream();
        out = upgraded.getOutputStream();
    }

    /**
     * When the first line of the last reply arrived (System.nanoTime()), for the greeting's delay.
     */
    long firstLineNanos() {
        return firstLineNanos;
    }

    Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        firstLineNanos = -1;
        while (lines.size() < MAX_LINES) {
            String line = readLine();
            if (firstLineNanos < 0) {
                firstLineNanos = System.nanoTime();
            }
            if (line.length() < 3
                    || !Character.isDigit(line.charAt(0))
                    || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                throw new ProtocolException("not an SMTP reply: '" + printable(line) + "'");
            }
            lines.add(line);
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
            if (line.charAt(3) != '-') {
                throw new ProtocolException("not an SMTP reply: '" + printable(line) + "'");
            }
        }
        throw new ProtocolException("a reply of more than " + MAX_LINES + " lines");
    }

    Reply command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read();
    }

    /**
     * Sends QUIT and reads the answer if one comes in time; a server that just closes is fine too.
     */
    void quit() {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // leaving anyway
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException(
                        line.size() == 0
                                ? "the server closed the connection"
                                : "the server closed the connection in the middle of a line");
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_LINE) {
                throw new ProtocolException("a reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.length() > 200 ? out.substring(0, 200) + "…" : out.toString();
    }
}
