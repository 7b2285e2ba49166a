package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.starttlslist.lifecycle.LifecycleRepo.day;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.model.DomainName;

/** A domain's life, day by day, with time moved through the instants given to each step. */
class LifecycleWalkTest {
    @TempDir Path temp;

    private LifecycleRepo repo() {
        return new LifecycleRepo(temp.resolve("list"));
    }

    @Test
    void add_sevenDailyRechecks_promote() {
        LifecycleRepo repo = repo();
        repo.proof("new.example");
        DomainEdits.Added added =
                repo.edits(day(0))
                        .add(
                                new DomainName("new.example"),
                                "postmaster@new.example",
                                List.of(),
                                false);
        assertTrue(added.suggested());
        assertEquals("[mx.new.example]", added.patterns().toString());
        assertTrue(
                repo.read("policies/new.example.json")
                        .contains("\"testing-since\": \"2026-12-01\""));
        for (int n = 1; n <= 6; n++) {
            repo.day(day(n));
            Promotion.Outcome early = repo.promotion(day(n)).promote(List.of("new.example"), false);
            assertEquals(List.of(), early.promoted(), "day " + n);
            assertTrue(early.notPromoted().containsKey("new.example"));
        }
        repo.day(day(7));
        Promotion.Outcome outcome = repo.promotion(day(7)).promote(List.of(), true);
        assertEquals(List.of("new.example"), outcome.promoted());
        assertTrue(repo.read("policies/new.example.json").contains("\"mode\": \"enforce\""));
        repo.deliver(day(7));
        assertEquals(List.of("2026-12-08-new.example-promoted.eml"), repo.noticeNames());
    }

    @Test
    void failureOnDay4_restartsTheWeek() {
        LifecycleRepo repo = repo();
        repo.proof("flaky.example");
        repo.edits(day(0))
                .add(
                        new DomainName("flaky.example"),
                        "postmaster@flaky.example",
                        LifecycleRepo.mx("mx.flaky.example"),
                        false);
        for (int n = 1; n <= 3; n++) {
            repo.day(day(n));
        }
        repo.failing.put("flaky.example", List.of("starttls.not-offered"));
        repo.day(day(4));
        assertEquals(
                List.of(),
                repo.promotion(day(4)).promote(List.of("flaky.example"), false).promoted());
        repo.failing.clear();
        for (int n = 5; n <= 10; n++) {
            repo.day(day(n));
        }
        Map<String, String> refused =
                repo.promotion(day(10)).promote(List.of("flaky.example"), false).notPromoted();
        assertTrue(
                refused.get("flaky.example")
                        .contains(
                                "passed 6 of the 7 daily checks it needs (passing since 2026-12-06)"),
                refused.toString());
        repo.day(day(11));
        assertEquals(
                List.of("flaky.example"),
                repo.promotion(day(11)).promote(List.of(), true).promoted());
        repo.deliver(day(11));
        assertTrue(
                repo.read("../notices/2026-12-06-flaky.example-recovered.eml")
                        .contains("enforce on 2026-12-12 at the earliest"),
                "the recovery notice names the day promote first allows");
        assertEquals(
                List.of(
                        "2026-12-05-flaky.example-failing.eml",
                        "2026-12-06-flaky.example-recovered.eml",
                        "2026-12-12-flaky.example-promoted.eml"),
                repo.noticeNames());
    }

    @Test
    void enforceFailingThreeDays_isDemoted_withOneNoticePerChangeOfState() {
        LifecycleRepo repo = repo();
        repo.source("strict.example", "enforce", day(-30));
        repo.day(day(0));
        repo.failing.put("strict.example", List.of("certificate.expired"));
        repo.day(day(1));
        repo.day(day(2));
        assertTrue(
                repo.read("policies/strict.example.json").contains("\"mode\": \"enforce\""),
                "still enforce on day 2");
        RecheckApply.Plan third = repo.day(day(3));
        String source = repo.read("policies/strict.example.json");
        assertTrue(source.contains("\"mode\": \"testing\""), source);
        assertTrue(source.contains("\"testing-since\": \"2026-12-04\""), source);
        assertTrue(third.report().contains("## Moved back to testing"), third.report());
        repo.day(day(4));
        repo.day(day(5));
        assertEquals(
                List.of(
                        "2026-12-02-strict.example-failing.eml",
                        "2026-12-04-strict.example-demoted.eml"),
                repo.noticeNames());
        assertTrue(
                repo.read("../notices/2026-12-04-strict.example-demoted.eml")
                        .contains("failed for 3 days in a row"));
    }

    @Test
    void testingFailingForTestingFailureDays_isRemoved_andStaysRemoved() {
        LifecycleRepo repo = repo();
        repo.source("gone.example", "testing", day(0));
        repo.failing.put("gone.example", List.of("mx.none"));
        for (int n = 1; n <= 13; n++) {
            repo.day(day(n));
            assertTrue(repo.exists("policies/gone.example.json"), "day " + n);
        }
        RecheckApply.Plan last = repo.day(day(14));
        assertFalse(repo.exists("policies/gone.example.json"));
        assertTrue(
                repo.read("policies/removed/gone.example.json").contains("\"cause\": \"failing\""));
        assertTrue(last.report().contains("## Removed"), last.report());
        assertEquals(
                List.of(
                        "2026-12-02-gone.example-failing.eml",
                        "2026-12-15-gone.example-removed.eml"),
                repo.noticeNames());

        repo.proof("gone.example");
        repo.failing.clear();
        Map<String, String> before = repo.snapshot();
        LifecycleRefusedException refused =
                assertThrows(
                        LifecycleRefusedException.class,
                        () ->
                                repo.edits(day(15))
                                        .add(
                                                new DomainName("gone.example"),
                                                "postmaster@gone.example",
                                                List.of(),
                                                false));
        assertTrue(refused.getMessage().contains("--re-add"), refused.getMessage());
        assertEquals(before, repo.snapshot(), "a refused add writes nothing");
        repo.edits(day(15))
                .add(new DomainName("gone.example"), "postmaster@gone.example", List.of(), true);
        assertFalse(repo.exists("policies/removed/gone.example.json"));
    }

    @Test
    void addWithoutProof_isRefused_namingTheRecord_andWritesNothing() {
        LifecycleRepo repo = repo();
        repo.txt.put(
                "_starttls-list.new.example",
                List.of("v=STARTTLS-LIST1; contact=someone@else.example"));
        Map<String, String> before = repo.snapshot();
        ProofMissingException e =
                assertThrows(
                        ProofMissingException.class,
                        () ->
                                repo.edits(day(0))
                                        .add(
                                                new DomainName("new.example"),
                                                "postmaster@new.example",
                                                List.of(),
                                                false));
        assertTrue(
                e.getMessage()
                        .contains(
                                "_starttls-list.new.example. 3600 IN TXT \"v=STARTTLS-LIST1; contact=postmaster@new.example\""),
                e.getMessage());
        assertEquals(before, repo.snapshot());
        assertEquals(List.of(), repo.checkedDomains, "no live check before the proof is in place");
    }

    @Test
    void addFailingCheck_isRefused_andWritesNothing() {
        LifecycleRepo repo = repo();
        repo.proof("bad.example");
        repo.failing.put("bad.example", List.of("starttls.not-offered"));
        Map<String, String> before = repo.snapshot();
        CheckFailedException e =
                assertThrows(
                        CheckFailedException.class,
                        () ->
                                repo.edits(day(0))
                                        .add(
                                                new DomainName("bad.example"),
                                                "postmaster@bad.example",
                                                List.of(),
                                                false));
        assertEquals(List.of("starttls.not-offered"), e.codes());
        assertEquals(before, repo.snapshot());
    }

    @Test
    void updateOfEnforceDomainThatFails_isRefused_testingDomainRestarts() {
        LifecycleRepo repo = repo();
        repo.source("strict.example", "enforce", day(-30));
        repo.source("young.example", "testing", day(-3));
        repo.proof("strict.example");
        repo.proof("young.example");
        repo.failing.put("strict.example", List.of("mx.pattern.mismatch"));
        repo.failing.put("young.example", List.of("mx.pattern.mismatch"));
        Map<String, String> before = repo.snapshot();
        CheckFailedException e =
                assertThrows(
                        CheckFailedException.class,
                        () ->
                                repo.edits(day(0))
                                        .update(
                                                new DomainName("strict.example"),
                                                java.util.Optional.of(
                                                        LifecycleRepo.mx("new.strict.example")),
                                                java.util.Optional.empty()));
        assertTrue(e.getMessage().contains("migrate in steps"), e.getMessage());
        assertEquals(before, repo.snapshot());
        DomainEdits.Updated updated =
                repo.edits(day(0))
                        .update(
                                new DomainName("young.example"),
                                java.util.Optional.of(LifecycleRepo.mx("new.young.example")),
                                java.util.Optional.empty());
        assertTrue(updated.testingRestarted());
        assertTrue(
                repo.read("policies/young.example.json")
                        .contains("\"testing-since\": \"2026-12-01\""));
    }

    @Test
    void updateContact_needsTheProofNamingTheNewContact() {
        LifecycleRepo repo = repo();
        repo.source("moving.example", "enforce", day(-30));
        repo.proof("moving.example");
        Map<String, String> before = repo.snapshot();
        assertThrows(
                ProofMissingException.class,
                () ->
                        repo.edits(day(0))
                                .update(
                                        new DomainName("moving.example"),
                                        java.util.Optional.empty(),
                                        java.util.Optional.of("hostmaster@moving.example")));
        assertEquals(before, repo.snapshot());
        repo.txt.put(
                "_starttls-list.moving.example",
                List.of(ProofRecord.text("hostmaster@moving.example")));
        repo.edits(day(0))
                .update(
                        new DomainName("moving.example"),
                        java.util.Optional.empty(),
                        java.util.Optional.of("hostmaster@moving.example"));
        assertTrue(repo.read("policies/moving.example.json").contains("hostmaster@moving.example"));
    }

    @Test
    void removeAtOwnersRequest_writesARemovalRecord_thatValidateHonours() {
        LifecycleRepo repo = repo();
        repo.source("leaving.example", "enforce", day(-30));
        repo.proof("leaving.example");
        repo.day(day(0));
        RemovalRecord record =
                repo.edits(day(1))
                        .remove(
                                new DomainName("leaving.example"),
                                "moving to another provider",
                                "maintainer");
        assertEquals(RemovalRecord.Cause.OWNER_REQUEST, record.cause());
        assertFalse(repo.exists("policies/leaving.example.json"));
        assertFalse(
                repo.exists(
                        new LifecycleLayout(repo.repository)
                                .domainState("leaving.example")
                                .toString()));
        // Someone puts the source back by hand: validate rejects it.
        repo.source("leaving.example", "enforce", day(-30));
        var report =
                new org.starttlslist.validate.Validator(repo.repository, LifecycleRepo.at(day(2)))
                        .validateAll();
        assertTrue(
                report.findings().stream()
                        .anyMatch(
                                f ->
                                        f.code().equals("domain.removed")
                                                && f.file()
                                                        .equals("policies/leaving.example.json")),
                report.findings().toString());
        assertTrue(report.hasErrors());
    }

    @Test
    void aRunAppliedTwiceForOneDay_isRefused() {
        LifecycleRepo repo = repo();
        repo.source("a.example", "testing", day(0));
        repo.day(day(1));
        Map<String, String> before = repo.snapshot();
        assertThrows(RecheckApply.AlreadyAppliedException.class, () -> repo.day(day(1)));
        assertEquals(before, repo.snapshot());
    }

    @Test
    void validate_aRemovalRecordBesideItsSource_isAnError_alsoWhenOnlyTheRecordChanged() {
        LifecycleRepo repo = repo();
        repo.source("kept.example", "testing", day(-3));
        repo.write(
                "policies/removed/gone.example.json",
                "{\"removed\": \"2026-11-01\", \"cause\": \"owner-request\", \"reason\": \"r\", \"by\": \"b\"}\n");
        var clean =
                new org.starttlslist.validate.Validator(repo.repository, LifecycleRepo.at(day(0)))
                        .validateAll();
        assertEquals(List.of(), clean.findings(), "policies/removed/ is not a stray directory");
        repo.write(
                "policies/removed/kept.example.json",
                "{\"removed\": \"2026-11-30\", \"cause\": \"owner-request\", \"reason\": \"r\", \"by\": \"b\"}\n");
        var changed =
                new org.starttlslist.validate.Validator(repo.repository, LifecycleRepo.at(day(0)))
                        .validateChanged(List.of("policies/removed/kept.example.json"));
        assertTrue(
                changed.findings().stream()
                        .anyMatch(
                                f ->
                                        f.code().equals("domain.removed")
                                                && f.file().equals("policies/kept.example.json")),
                changed.findings().toString());
    }
}
