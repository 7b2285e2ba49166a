package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.source.ListRepository;

/** Lifecycle refusals by type and the facts they carry. */
class LifecycleFailureFactsTest {
    @TempDir Path dir;

    @Test
    void aRemovalRecordThatIsNotJsonIsNamed() throws Exception {
        ListRepository repository = new ListRepository(dir);
        Path file = new LifecycleLayout(repository).removalRecord("gone.example");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "removed yesterday\n");
        var e =
                assertThrows(
                        CorruptLifecycleFileException.class,
                        () -> RemovalRecord.find(repository, "gone.example"));
        assertEquals(repository.display(file), e.file());
        assertEquals("removed yesterday\n", Files.readString(file));
    }

    @Test
    void aNoticeThatCannotBeWrittenIsNamedAndNothingIsWritten() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("outbox"), "a file, not a directory\n");
        Notice notice =
                new Notice(
                        "n-1",
                        "a.example",
                        "postmaster@a.example",
                        Notice.Kind.FAILING,
                        LocalDate.parse("2026-11-28"),
                        "a.example fails its STARTTLS check",
                        "body\n");
        DirectoryTransport transport =
                new DirectoryTransport(
                        notADirectory,
                        "list@example.invalid",
                        Instant.parse("2026-11-28T12:00:00Z"));
        var e = assertThrows(NoticeNotSentException.class, () -> transport.deliver(notice));
        assertEquals("n-1", e.noticeId());
        assertEquals("a file, not a directory\n", Files.readString(notADirectory));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(notADirectory), files.toList());
        }
    }
}
