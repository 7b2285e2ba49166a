package org.starttlslist.lifecycle;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.starttlslist.files.AtomicFiles;

/** {@code --dry-run DIR}: each notice is written as {@code DIR/<id>.eml} instead of being sent. */
public final class DirectoryTransport implements NoticeTransport {
    private final Path directory;
    private final String from;
    private final Instant now;
    private final Session session = Session.getInstance(new Properties());

    public DirectoryTransport(Path directory, String from, Instant now) {
        this.directory = directory;
        this.from = from;
        this.now = now;
    }

    @Override
    public void deliver(Notice notice) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            NoticeMessages.message(session, notice, from, now).writeTo(bytes);
            AtomicFiles.write(directory.resolve(notice.id() + ".eml"), bytes.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new NoticeNotSentException(
                    notice.id(),
                    "cannot write notice "
                            + notice.id()
                            + " to "
                            + directory
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public String verb() {
        return "written to " + directory;
    }
}
