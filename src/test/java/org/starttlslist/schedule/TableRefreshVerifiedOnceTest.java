package org.starttlslist.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.export.ListExporter;
import org.starttlslist.export.PostfixPolicyMap;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.mirror.DirectorySource;
import org.starttlslist.mirror.FetchLimits;
import org.starttlslist.mirror.Mirror;
import org.starttlslist.mirror.MirrorLayout;
import org.starttlslist.testing.TestLists;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListVerifier;
import org.starttlslist.verify.PinnedKeys;

/**
 * A mirror run with the table refresh verifies its list once: the refresh exports what the mirror
 * verified, not what the release's file holds later. Shown by swapping the installed list after the
 * install: the table still holds the verified list, while a refresh given only the directory reads
 * the swapped file and refuses it.
 */
class TableRefreshVerifiedOnceTest {
    static final Instant NOW = ScheduledSetup.T0.plusSeconds(60);

    @TempDir Path tmp;
    ScheduledSetup host;
    MirrorLayout layout;
    ListVerifier.Options verification;
    Mirror.Outcome installed;
    Path installedList;

    @BeforeEach
    void installThenSwap() throws Exception {
        host = new ScheduledSetup(tmp);
        byte[] published = host.publish(ScheduledSetup.T0, 5);
        PinnedKeys keys =
                PinnedKeys.load(
                        List.of(
                                host.maintainer.writePublic(
                                        Files.createDirectories(tmp.resolve("pinned")))));
        verification = ListVerifier.Options.of(keys, NOW);
        layout = new MirrorLayout(host.state);
        Mirror.Report report =
                new Mirror(
                                layout,
                                new Mirror.Options(
                                        verification,
                                        FetchLimits.defaults(),
                                        Duration.ofSeconds(5),
                                        Mirror.DEFAULT_KEEP))
                        .run(new DirectorySource(host.source, Duration.ofSeconds(30)));
        installed = report.outcome().orElseThrow();
        assertArrayEquals(published, installed.verified().bytes(), "the verified bytes");
        installedList = installed.release().resolve(MirrorLayout.LIST);
        assertArrayEquals(published, Files.readAllBytes(installedList), "the installed bytes");

        // Someone swaps the installed list for unsigned bytes after the install.
        Files.delete(installedList);
        Files.write(
                installedList,
                TestLists.list(
                        ScheduledSetup.T0, ScheduledSetup.T0.plus(ScheduledSetup.VALIDITY), 9));
    }

    TableRefresh.Request request(
            Path table, Optional<TableRefresh.VerifiedRelease> alreadyVerified) {
        return new TableRefresh.Request(
                layout,
                Optional.of(verification),
                InputCaps.defaults(),
                NOW,
                new TableRefresh.Target(
                        table,
                        "hash",
                        false,
                        new Postmap("/usr/sbin/postmap", Optional.of(host.postfixConfig))),
                alreadyVerified);
    }

    @Test
    void withTheMirrorsResult_exportsTheVerifiedList_notTheFileOnDisk() throws Exception {
        Path table = tmp.resolve("postfix/table");
        Files.createDirectories(table.getParent());

        TableRefresh.Outcome outcome =
                TableRefresh.run(
                        request(
                                table,
                                Optional.of(
                                        new TableRefresh.VerifiedRelease(
                                                installed.release(), installed.verified()))));

        TableRefresh.Outcome.Refreshed refreshed =
                assertInstanceOf(TableRefresh.Outcome.Refreshed.class, outcome);
        ListExporter.Outcome.Written written =
                assertInstanceOf(ListExporter.Outcome.Written.class, refreshed.exported());
        assertEquals(5, written.list().policies().size(), "the verified list, not the swapped one");
        assertArrayEquals(
                new PostfixPolicyMap(false).generate(installed.list()), Files.readAllBytes(table));
    }

    @Test
    void givenOnlyTheDirectory_verifiesTheInstalledFilesInFull() throws Exception {
        Path table = tmp.resolve("postfix/table");
        Files.createDirectories(table.getParent());

        assertThrows(
                RejectedException.class, () -> TableRefresh.run(request(table, Optional.empty())));

        assertFalse(Files.exists(table), "nothing exported from the swapped file");
        assertFalse(Files.exists(TableRefresh.reloadMarker(table)), "no reload requested");
    }

    @Test
    void resultOfAnotherRelease_isNotUsed_theInstalledOneIsVerifiedInFull() throws Exception {
        Path table = tmp.resolve("postfix/table");
        Files.createDirectories(table.getParent());
        Path elsewhere = installed.release().resolveSibling("20261031T000000Z");

        assertThrows(
                RejectedException.class,
                () ->
                        TableRefresh.run(
                                request(
                                        table,
                                        Optional.of(
                                                new TableRefresh.VerifiedRelease(
                                                        elsewhere, installed.verified())))));

        assertFalse(Files.exists(table), "nothing exported from the swapped file");
    }
}
