package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.lifecycle.LifecycleRepo.day;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.DomainName;
import org.starttlslist.testing.CliRun;
import org.starttlslist.testing.Trees;
import org.starttlslist.testing.servers.Dnsmasq;

/**
 * The lifecycle's commands as a user and the workflows run them: results files written by the
 * shards (synthetic checker), applied by {@code recheck apply}; pull requests judged by {@code
 * review} with proof records from a real dnsmasq.
 */
class LifecycleCliTest {
    @TempDir Path temp;

    private static String now(int day) {
        return LifecycleRepo.at(day(day)).toString();
    }

    @Test
    void recheckApply_mergesShards_writesReport_andNotices() throws Exception {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        repo.source("a.example", "enforce", day(-30));
        repo.source("b.example", "testing", day(-3));
        repo.failing.put("a.example", List.of("cert-expired"));
        List<ShardResults> shards = repo.recheck(day(0), 2);
        Files.write(temp.resolve("s1.json"), shards.get(0).toBytes());
        Files.write(temp.resolve("s2.json"), shards.get(1).toBytes());
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.root.toString(),
                        "recheck",
                        "apply",
                        "--now",
                        now(0),
                        "--dry-run",
                        temp.resolve("mail").toString(),
                        "--report",
                        temp.resolve("report.md").toString(),
                        temp.resolve("s1.json").toString(),
                        temp.resolve("s2.json").toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(
                run.out()
                        .contains(
                                "| `a.example` | cert-expired"
                                        .replace("cert-expired", "`cert-expired`")),
                run.out());
        assertTrue(Files.readString(temp.resolve("report.md")).contains("## Failing domains"));
        assertTrue(
                Files.exists(temp.resolve("mail/2026-12-01-a.example-failing.eml")),
                run.toString());
        String mail = Files.readString(temp.resolve("mail/2026-12-01-a.example-failing.eml"));
        assertTrue(mail.contains("If the check still fails on 2026-12-03"), mail);
        assertEquals(List.of(), Outbox.pending(repo.repository));
    }

    @Test
    void recheckApply_aMissingShard_exits1_andChangesNothing() throws Exception {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        for (int i = 0; i < 10; i++) {
            repo.source("d" + i + ".example", "testing", day(-3));
        }
        List<ShardResults> shards = repo.recheck(day(0), 3);
        Files.write(temp.resolve("s1.json"), shards.get(0).toBytes());
        Files.write(temp.resolve("s3.json"), shards.get(2).toBytes());
        Map<String, String> before = repo.snapshot();
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.root.toString(),
                        "recheck",
                        "apply",
                        "--now",
                        now(0),
                        "--no-send",
                        temp.resolve("s1.json").toString(),
                        temp.resolve("s3.json").toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("shard 2/3 missing; the run is incomplete"), run.err());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void recheckApply_withoutRelayOrDryRun_keepsTheNoticesQueued_andSaysWhatToSet()
            throws Exception {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        repo.source("a.example", "enforce", day(-30));
        repo.failing.put("a.example", List.of("cert-expired"));
        Files.write(temp.resolve("s1.json"), repo.recheck(day(0), 1).get(0).toBytes());
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.root.toString(),
                        "recheck",
                        "apply",
                        "--now",
                        now(0),
                        temp.resolve("s1.json").toString());
        if (System.getenv(RelaySettings.HOST) == null) {
            assertEquals(3, run.exitCode(), run.toString());
            assertTrue(run.err().contains("set STARTTLS_LIST_SMTP_HOST"), run.err());
            assertEquals(
                    1, Outbox.pending(repo.repository).size(), "the notice waits for the next run");
        }
    }

    @Test
    void recheck_badShard_isAUsageError() {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        CliRun run =
                CliRun.of(
                        "-C", repo.root.toString(), "recheck", "--shard", "4/3", "--out", "r.json");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("is not I/N"), run.err());
        assertTrue(!Files.exists(repo.root.resolve("r.json")));
    }

    /** A base checkout with one testing domain, and a pull request's checkout made from it. */
    private Path[] baseAndHead() {
        LifecycleRepo base = new LifecycleRepo(temp.resolve("base"));
        base.source("listed.test", "testing", day(-10));
        Path head = temp.resolve("head");
        Trees.copy(base.root, head);
        return new Path[] {base.root, head};
    }

    private static String domainFile(String domain, String mode, String since) {
        return "{\n  \"contact\": \"postmaster@"
                + domain
                + "\",\n  \"testing-since\": \""
                + since
                + "\",\n  \"mode\": \""
                + mode
                + "\",\n  \"mxs\": [\n    \"mx."
                + domain
                + "\"\n  ]\n}\n";
    }

    @Test
    void review_aPullRequestAddingADomainWithoutProof_isRefused() throws Exception {
        Path[] dirs = baseAndHead();
        Files.writeString(
                dirs[1].resolve("policies/new.test.json"),
                domainFile("new.test", "testing", "2026-12-01"));
        try (Dnsmasq dns =
                Dnsmasq.start(
                        temp.resolve("dns"),
                        new Dnsmasq.Zone()
                                .txt(
                                        "_starttls-list.new.test",
                                        "v=STARTTLS-LIST1; contact=intruder@evil.test"))) {
            CliRun run =
                    CliRun.of(
                            "-C",
                            dirs[1].toString(),
                            "review",
                            "--base-dir",
                            dirs[0].toString(),
                            "--resolver",
                            dns.resolverOption(),
                            "--now",
                            now(0),
                            "--format",
                            "github");
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(
                    run.out()
                            .contains(
                                    "::error file=policies/new.test.json,title=review::new.test: no proof of control"),
                    run.out());
            assertTrue(
                    run.out().contains("publish _starttls-list.new.test. 3600 IN TXT"), run.out());
        }
    }

    @Test
    void review_aPullRequestSettingEnforceDirectly_isRefused() throws Exception {
        Path[] dirs = baseAndHead();
        Files.writeString(
                dirs[1].resolve("policies/listed.test.json"),
                domainFile("listed.test", "enforce", "2026-11-21"));
        Files.writeString(
                dirs[1].resolve("policies/new.test.json"),
                domainFile("new.test", "enforce", "2026-12-01"));
        try (Dnsmasq dns =
                Dnsmasq.start(
                        temp.resolve("dns"),
                        new Dnsmasq.Zone()
                                .txt(
                                        "_starttls-list.listed.test",
                                        "v=STARTTLS-LIST1; contact=postmaster@listed.test")
                                .txt(
                                        "_starttls-list.new.test",
                                        "v=STARTTLS-LIST1; contact=postmaster@new.test"))) {
            CliRun run =
                    CliRun.of(
                            "-C",
                            dirs[1].toString(),
                            "review",
                            "--base-dir",
                            dirs[0].toString(),
                            "--resolver",
                            dns.resolverOption(),
                            "--now",
                            now(0));
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(
                    run.out()
                            .contains(
                                    "REFUSED  policies/listed.test.json (changed): set to enforce, but no daily check has been recorded yet"),
                    run.out());
            assertTrue(
                    run.out()
                            .contains(
                                    "REFUSED  policies/new.test.json (added): a new domain starts in testing mode"),
                    run.out());
        }
    }

    @Test
    void review_aPullRequestEditingHistory_isRefused_unlessItIsTheDailyRun() throws Exception {
        Path[] dirs = baseAndHead();
        Files.createDirectories(dirs[1].resolve("history/runs/2026/12"));
        Files.writeString(dirs[1].resolve("history/runs/2026/12/01.json"), "{}\n");
        CliRun run =
                CliRun.of(
                        "-C",
                        dirs[1].toString(),
                        "review",
                        "--base-dir",
                        dirs[0].toString(),
                        "--now",
                        now(0));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("history/ is written only by the daily re-check"), run.out());
        CliRun trusted =
                CliRun.of(
                        "-C",
                        dirs[1].toString(),
                        "review",
                        "--base-dir",
                        dirs[0].toString(),
                        "--now",
                        now(0),
                        "--trusted-automation");
        assertEquals(0, trusted.exitCode(), trusted.toString());
    }

    @Test
    void review_aRemovalWithoutARemovalRecord_isRefused() throws Exception {
        Path[] dirs = baseAndHead();
        Files.delete(dirs[1].resolve("policies/listed.test.json"));
        CliRun run =
                CliRun.of(
                        "-C",
                        dirs[1].toString(),
                        "review",
                        "--base-dir",
                        dirs[0].toString(),
                        "--now",
                        now(0));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("starttls-list remove listed.test --reason TEXT"), run.out());
    }

    @Test
    void diff_showsARemovalLoudly_withItsReason() throws Exception {
        LifecycleRepo repo = new LifecycleRepo(temp.resolve("list"));
        repo.source("leaving.example", "enforce", day(-30));
        repo.source("staying.example", "enforce", day(-30));
        repo.proof("leaving.example");
        String head =
                "{\n  \"timestamp\": \"2026-12-01T00:00:00Z\",\n  \"expires\": \"2026-12-15T00:00:00Z\",\n"
                        + "  \"version\": \"0.1\",\n  \"policy-aliases\": {},\n  \"policies\": {\n";
        String entry =
                "    \"%s.example\": {\n      \"mode\": \"enforce\",\n      \"mxs\": [\n        \"mx.%s.example\"\n      ]\n    }";
        Files.writeString(
                temp.resolve("old.json"),
                head
                        + entry.formatted("leaving", "leaving")
                        + ",\n"
                        + entry.formatted("staying", "staying")
                        + "\n  }\n}\n");
        Files.writeString(
                temp.resolve("new.json"),
                head.replace("2026-12-01", "2026-12-02").replace("2026-12-15", "2026-12-16")
                        + entry.formatted("staying", "staying")
                        + "\n  }\n}\n");
        repo.edits(day(1))
                .remove(
                        new DomainName("leaving.example"),
                        "moved to a provider with MTA-STS",
                        "the contact, by mail");
        CliRun run =
                CliRun.of(
                        "-C",
                        repo.root.toString(),
                        "diff",
                        temp.resolve("old.json").toString(),
                        temp.resolve("new.json").toString(),
                        "--format",
                        "markdown");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("> [!WARNING]\n> **REMOVED FROM THE LIST**"), run.out());
        assertTrue(
                run.out()
                        .contains(
                                "> - `leaving.example` on 2026-12-02 (owner-request: moved to a provider with MTA-STS; "
                                        + "by the contact, by mail)"),
                run.out());
        CliRun json =
                CliRun.of(
                        "-C",
                        repo.root.toString(),
                        "diff",
                        temp.resolve("old.json").toString(),
                        temp.resolve("new.json").toString(),
                        "--format",
                        "json");
        assertTrue(json.out().startsWith("{"), "JSON stays JSON: " + json.out());
    }
}
