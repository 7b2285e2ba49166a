package org.starttlslist.lifecycle;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;

/** A notice as a MIME message, the same whether it is sent or written to a file. */
final class NoticeMessages {
    private NoticeMessages() {}

    static MimeMessage message(Session session, Notice notice, String from, Instant now)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(address(from));
        message.setRecipient(MimeMessage.RecipientType.TO, address(notice.to()));
        message.setSubject(notice.subject(), "UTF-8");
        message.setText(notice.body(), "UTF-8");
        message.setSentDate(Date.from(now));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Starttls-List-Notice", notice.id());
        return message;
    }

    private static InternetAddress address(String text) throws AddressException {
        InternetAddress address = new InternetAddress(text, true);
        address.validate();
        return address;
    }
}
