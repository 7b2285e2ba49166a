package org.starttlslist.validate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.DomainSource;
import org.starttlslist.source.ListRepository;
import org.starttlslist.validate.SourceFileCheck.Checked;

/**
 * Removal records ({@code policies/removed/<domain>.json}, written by {@code remove} and the daily
 * re-check) keep a removed domain off the list: a source for a removed domain is an error, so that
 * no import, script or pull request puts it back by accident. The way back is {@code starttls-list
 * add --re-add} with the domain's proof record, which deletes the record.
 */
final class RemovedDomains {
    static final String CODE = "domain.removed";

    private RemovedDomains() {}

    static Path removedDir(ListRepository repository) {
        return repository.policiesDir().resolve("removed");
    }

    static boolean isRemovedDir(ListRepository repository, Path path) {
        return path.equals(removedDir(repository))
                && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** An error for each checked domain source whose domain has a removal record. */
    static void check(ListRepository repository, List<Checked> results, List<Finding> findings) {
        Path directory = removedDir(repository);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Checked checked : results) {
            if (checked.loaded().orElse(null) instanceof DomainSource source) {
                Path record = directory.resolve(source.domain() + ".json");
                if (Files.exists(record, LinkOption.NOFOLLOW_LINKS)) {
                    findings.add(finding(repository, source.file(), source.domain(), record));
                }
            }
        }
    }

    /** A changed removal record: an error at the source when the domain is still listed. */
    static void checkRecord(ListRepository repository, Path record, List<Finding> findings) {
        String name = record.getFileName().toString();
        if (!name.endsWith(".json") || Files.isSymbolicLink(record)) {
            findings.add(
                    Finding.warning(
                            "file.stray",
                            repository.display(record),
                            1,
                            1,
                            "",
                            "policies/removed/ holds only <domain>.json removal records; move or remove this file"));
            return;
        }
        String domain = name.substring(0, name.length() - ".json".length());
        Path source = repository.policiesDir().resolve(name);
        if (Files.exists(record, LinkOption.NOFOLLOW_LINKS)
                && Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            findings.add(finding(repository, source, domain, record));
        }
    }

    static void checkAllRecords(ListRepository repository, List<Finding> findings) {
        try (DirectoryStream<Path> records = Files.newDirectoryStream(removedDir(repository))) {
            for (Path record : records) {
                checkRecord(repository, record, findings);
            }
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "cannot list policies/removed/: " + e.getMessage(), e);
        }
    }

    private static Finding finding(
            ListRepository repository, Path source, String domain, Path record) {
        return Finding.error(
                CODE,
                repository.display(source),
                1,
                1,
                "",
                domain
                        + " was removed from the list ("
                        + repository.display(record)
                        + "); a removed domain comes back only "
                        + "through 'starttls-list add "
                        + domain
                        + " --re-add' with its proof record, which deletes the removal record");
    }
}
