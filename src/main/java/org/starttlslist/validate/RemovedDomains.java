package org.starttlslist.validate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.source.ListRepository;

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

    /**
     * The domains with a removal record, listed once per run: each source file is then looked up in
     * memory rather than with a file-system call of its own.
     */
    static final class Records {
        private final String directoryDisplay;
        private final Set<String> domains;

        private Records(String directoryDisplay, Set<String> domains) {
            this.directoryDisplay = directoryDisplay;
            this.domains = domains;
        }

        boolean contains(String domain) {
            return domains.contains(domain);
        }

        /** The message of the error at a source for {@code domain}. */
        String message(String domain) {
            return RemovedDomains.message(domain, directoryDisplay + "/" + domain + ".json");
        }
    }

    /**
     * The removal records of {@code repository}: every entry of {@code policies/removed/} named
     * {@code <domain>.json}, whatever it is (a record that is a link or a directory still keeps its
     * domain off the list).
     */
    static Records records(ListRepository repository) {
        Path directory = removedDir(repository);
        Set<String> domains = new HashSet<>();
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> records = Files.newDirectoryStream(directory, "*.json")) {
                for (Path record : records) {
                    String name = record.getFileName().toString();
                    domains.add(name.substring(0, name.length() - ".json".length()));
                }
            } catch (IOException e) {
                throw new CouldNotCompleteException(
                        "cannot list policies/removed/: " + e.getMessage(), e);
            }
        }
        return new Records(repository.display(directory), domains);
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
                message(domain, repository.display(record)));
    }

    private static String message(String domain, String recordDisplay) {
        return domain
                + " was removed from the list ("
                + recordDisplay
                + "); a removed domain comes back only "
                + "through 'starttls-list add "
                + domain
                + " --re-add' with its proof record, which deletes the removal record";
    }
}
