package org.starttlslist.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.mirror.TestLists.at;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.ListTimes;
import org.starttlslist.testing.CliRun;

/** The mirror against a real HTTPS server on loopback, trusting a CA made for the test. */
class MirrorHttpsTest {
    @TempDir static Path shared;
    static MaintainerKey maintainer;
    static TestHttpsServer.Pki pki;

    @TempDir Path tmp;
    Path mirror;
    TestHttpsServer server;

    @BeforeAll
    static void setUp() throws Exception {
        maintainer = MaintainerKey.create(shared, "maintainer", TestLists.KEY_CREATED);
        pki = TestHttpsServer.Pki.create(shared);
    }

    @BeforeEach
    void start() throws Exception {
        mirror = tmp.resolve("mirror");
        server = new TestHttpsServer(pki);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    record Signed(byte[] list, byte[] signature) {}

    Signed signed(Instant timestamp, int domains) throws Exception {
        byte[] list = TestLists.list(timestamp, domains);
        return new Signed(list, maintainer.sign(list, timestamp));
    }

    void publish(Signed pair) {
        server.serve("/list/policy.json", pair.list());
        server.serve("/list/policy.json.asc", pair.signature());
    }

    CliRun mirrorAt(Instant now, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "mirror",
                                "--from",
                                server.base() + "/list/",
                                "--keys",
                                maintainer.publicKey().toString(),
                                "--into",
                                mirror.toString(),
                                "--now",
                                ListTimes.format(now),
                                "--ca-file",
                                pki.caPem().toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** A first good install, so every refusal below has an installed state to leave untouched. */
    Signed installFirst() throws Exception {
        Signed first = signed(at(0), 1);
        publish(first);
        CliRun run = mirrorAt(at(1));
        assertEquals(0, run.exitCode(), run.toString());
        return first;
    }

    CliRun refused(int exit, Instant now, String... extra) throws IOException {
        Map<String, String> before = TestLists.snapshot(mirror);
        CliRun run = mirrorAt(now, extra);
        assertEquals(exit, run.exitCode(), run.toString());
        assertEquals(before, TestLists.snapshot(mirror), "the installed state changed");
        return run;
    }

    @Test
    void installsOverHttps() throws Exception {
        Signed first = installFirst();
        assertArrayEquals(first.list(), TestLists.installedList(mirror));
        Signed second = signed(at(6), 2);
        server.serveChunked("/list/policy.json", second.list());
        server.serveChunked("/list/policy.json.asc", second.signature());
        assertEquals(0, mirrorAt(at(7)).exitCode());
        assertArrayEquals(second.list(), TestLists.installedList(mirror));
    }

    @Test
    void aServerTheClientDoesNotTrustIsRefused() throws Exception {
        publish(signed(at(0), 1));
        CliRun run =
                CliRun.of(
                        "mirror",
                        "--from",
                        server.base() + "/list/",
                        "--keys",
                        maintainer.publicKey().toString(),
                        "--into",
                        mirror.toString(),
                        "--now",
                        ListTimes.format(at(1)),
                        "--timeout",
                        "2");
        assertEquals(3, run.exitCode(), run.toString());
        assertTrue(run.err().contains("TLS failed"), run.err());
        assertEquals(Map.of(), TestLists.snapshot(mirror));
    }

    @Test
    void aTruncatedDownloadIsRefused() throws Exception {
        installFirst();
        Signed second = signed(at(6), 5);
        server.serveTruncated("/list/policy.json", second.list(), second.list().length / 2);
        server.serve("/list/policy.json.asc", second.signature());
        CliRun run = refused(3, at(7));
        assertTrue(run.err().contains("download failed"), run.err());
    }

    @Test
    void aTruncatedFileServedWholeFailsVerification() throws Exception {
        installFirst();
        Signed second = signed(at(6), 5);
        byte[] half = java.util.Arrays.copyOf(second.list(), second.list().length / 2);
        publish(new Signed(half, second.signature()));
        refused(1, at(7));
    }

    @Test
    void anOversizeListIsAbortedWhileStreaming() throws Exception {
        installFirst();
        Signed big = signed(at(6), 50);
        server.serveChunked("/list/policy.json", big.list());
        server.serve("/list/policy.json.asc", big.signature());
        CliRun run = refused(1, at(7), "--max-bytes", "1000");
        assertTrue(run.err().contains("is larger than 1000 bytes"), run.err());
    }

    @Test
    void anOversizeListIsRefusedFromItsContentLength() throws Exception {
        installFirst();
        Signed big = signed(at(6), 50);
        publish(big);
        CliRun run = refused(1, at(7), "--max-bytes", "1000");
        assertTrue(run.err().contains("/list/policy.json is larger than 1000 bytes"), run.err());
    }

    @Test
    void aMissingSignatureIsA404() throws Exception {
        installFirst();
        Signed second = signed(at(6), 2);
        server.serve("/list/policy.json", second.list());
        server.remove("/list/policy.json.asc");
        CliRun run = refused(3, at(7));
        assertTrue(
                run.err()
                        .contains(
                                "policy.json.asc: HTTP 404; the source must serve policy.json.asc"),
                run.err());
    }

    @Test
    void thePreviousSignatureBesideANewListIsRefused() throws Exception {
        Signed first = installFirst();
        Signed second = signed(at(6), 2);
        publish(new Signed(second.list(), first.signature()));
        refused(1, at(7));
    }

    @Test
    void aRollbackIsRefused() throws Exception {
        installFirst();
        Signed newer = signed(at(12), 3);
        publish(newer);
        assertEquals(0, mirrorAt(at(13)).exitCode());
        publish(signed(at(6), 2));
        refused(1, at(14));
    }

    @Test
    void anEqualTimestampWithDifferentBytesIsRefused() throws Exception {
        installFirst();
        publish(signed(at(0), 2));
        refused(1, at(2));
    }

    @Test
    void anExpiredRemoteListIsRefused() throws Exception {
        installFirst();
        Signed old = signed(at(2), 2);
        publish(old);
        // Fifteen days later the remote list has expired, and so has the installed one: exit 4.
        CliRun run = refused(4, at(2 + 15 * 24));
        assertTrue(run.err().contains("ACTION REQUIRED"), run.err());
    }

    @Test
    void aRedirectWithinTheSameHostIsFollowed() throws Exception {
        Signed pair = signed(at(0), 1);
        server.serve("/moved/policy.json", pair.list());
        server.serve("/moved/policy.json.asc", pair.signature());
        server.redirect("/list/policy.json", server.base() + "/moved/policy.json");
        server.redirect("/list/policy.json.asc", "/moved/policy.json.asc");
        CliRun run = mirrorAt(at(1));
        assertEquals(0, run.exitCode(), run.toString());
        assertArrayEquals(pair.list(), TestLists.installedList(mirror));
    }

    @Test
    void aRedirectToAnotherHostIsRefused() throws Exception {
        installFirst();
        Signed second = signed(at(6), 2);
        server.serve("/list/policy.json.asc", second.signature());
        // localhost is the same machine but another host name: not followed.
        String elsewhere = server.base().replace("127.0.0.1", "localhost") + "/list/policy.json";
        server.redirect("/list/policy.json", elsewhere);
        CliRun run = refused(3, at(7));
        assertTrue(run.err().contains("redirects to " + elsewhere), run.err());
    }

    @Test
    void aRedirectToAnotherHostCarriesBothAddresses() throws Exception {
        Signed pair = signed(at(0), 1);
        server.serve("/list/policy.json.asc", pair.signature());
        String elsewhere = server.base().replace("127.0.0.1", "localhost") + "/list/policy.json";
        server.redirect("/list/policy.json", elsewhere);
        HttpsSource source =
                new HttpsSource(
                        URI.create(server.base() + "/list/"),
                        HttpsSettings.trusting(pki.caPem(), Duration.ofSeconds(10)));
        var e =
                assertThrows(
                        RedirectRefusedException.class, () -> source.fetch(FetchLimits.defaults()));
        assertEquals(URI.create(server.base() + "/list/policy.json"), e.from());
        assertEquals(URI.create(elsewhere), e.to());
    }

    @Test
    void aRedirectLoopEnds() throws Exception {
        installFirst();
        server.redirect("/list/policy.json", "/list/policy.json");
        CliRun run = refused(3, at(7));
        assertTrue(run.err().contains("more than 3 redirects"), run.err());
    }

    @Test
    void aServerThatStallsInTheMiddleOfTheBodyTimesOut() throws Exception {
        installFirst();
        Signed second = signed(at(6), 5);
        server.hangAfterHeaders("/list/policy.json", second.list());
        CliRun run = refused(3, at(7), "--timeout", "1");
        assertTrue(run.err().contains("no complete response within 1 s"), run.err());
    }

    @Test
    void aServerThatHangsTimesOut() throws Exception {
        installFirst();
        server.hang("/list/policy.json");
        CliRun run = refused(3, at(7), "--timeout", "1");
        assertTrue(run.err().contains("policy.json"), run.err());
        assertTrue(
                run.err().contains("no complete response within 1 s")
                        || run.err().contains("timed out"),
                run.err());
    }

    @Test
    void aMalformedLocationHeaderIsAFailedFetchAndKeepsTheStaleAlert() throws Exception {
        installFirst();
        server.redirect("/list/policy.json", "https://[::1/list/");
        // 13 days on the installed list expires within 48 hours: the failure must still raise the
        // alert.
        CliRun run = refused(4, at(0).plus(java.time.Duration.ofDays(13)));
        assertTrue(run.err().contains("HTTP 302 with a malformed Location header"), run.err());
        assertTrue(
                run.err()
                        .contains(
                                "ACTION REQUIRED: the installed list in " + mirror + " expires at"),
                run.err());
        assertTrue(!run.err().contains("internal error"), run.err());
    }

    @Test
    void anOversizeSignatureNamesTheOptionThatRaisesItsCap() throws Exception {
        installFirst();
        Signed second = signed(at(6), 1);
        server.serve("/list/policy.json", second.list());
        server.serveChunked("/list/policy.json.asc", new byte[70_000]);
        CliRun run = refused(1, at(7));
        assertTrue(
                run.err()
                        .contains(
                                "policy.json.asc is larger than 65536 bytes; refused (raise --max-signature-bytes"),
                run.err());
    }
}
