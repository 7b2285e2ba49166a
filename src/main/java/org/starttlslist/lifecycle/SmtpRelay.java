package org.starttlslist.lifecycle;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.starttlslist.failure.CouldNotCompleteException;

/**
 * Sends notices through the configured relay with Jakarta Mail (Angus). STARTTLS is required and
 * the relay's certificate and host name are checked: a relay that does not offer STARTTLS, or
 * offers a certificate that does not verify, gets nothing, not even the contact's address.
 */
public final class SmtpRelay implements NoticeTransport {
    private static final String TIMEOUT_MILLIS = "60000";

    private final RelaySettings settings;
    private final Instant now;
    private final Session session;
    private Transport transport;

    public SmtpRelay(RelaySettings settings, Instant now) {
        this.settings = settings;
        this.now = now;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", Integer.toString(settings.port()));
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.localhost", "starttls-list.invalid");
        properties.put("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
        settings.caFile()
                .ifPresent(
                        file ->
                                properties.put(
                                        "mail.smtp.ssl.socketFactory",
                                        trustOnly(file).getSocketFactory()));
        this.session = Session.getInstance(properties);
    }

    private static SSLContext trustOnly(java.nio.file.Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new CouldNotCompleteException(
                        RelaySettings.CA_FILE
                                + " "
                                + caFile
                                + " holds no certificate; give a PEM file of CA certificates");
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new CouldNotCompleteException(
                    "cannot read " + RelaySettings.CA_FILE + " " + caFile + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void deliver(Notice notice) {
        try {
            if (transport == null || !transport.isConnected()) {
                transport = session.getTransport("smtp");
                transport.connect(
                        settings.host(),
                        settings.port(),
                        settings.user().orElse(null),
                        settings.password().orElse(null));
            }
            MimeMessage message = NoticeMessages.message(session, notice, settings.from(), now);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new NoticeNotSentException(
                    notice.id(),
                    "the relay "
                            + settings.host()
                            + ":"
                            + settings.port()
                            + " did not take notice "
                            + notice.id()
                            + ": "
                            + firstLine(e)
                            + "; it stays in history/outbox/ and is sent on the next run",
                    e);
        }
    }

    private static String firstLine(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()).strip());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            out.append(" (").append(String.valueOf(cause.getMessage()).strip()).append(')');
        }
        String text = out.toString();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public String verb() {
        return "sent through " + settings.host() + ":" + settings.port();
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // Every message was already accepted; a failed QUIT loses nothing.
            }
        }
    }
}
