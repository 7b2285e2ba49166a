package org.starttlslist.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.starttlslist.testing.SharedFixtures;

/** The predecessor's last real lists, signed by its RSA key's signing subkey. */
class RealListTest {
    /**
     * Skips the whole class without ../shared; inside assertThrows a skip would count as a failure.
     */
    @org.junit.jupiter.api.BeforeEach
    void requireTheRealLists() {
        SharedFixtures.require("fixtures/eff/policy.json");
        SharedFixtures.require("fixtures/eff/older/policy.json");
    }

    static final String PRIMARY = "B693F33372E965D76D55368616EEA65D03326C9D";
    static final String SUBKEY = "2C319DE47066C200DFDC4D6B842AEA40C5BCD6E1";
    static final Instant BEFORE_EXPIRY = Instant.parse("2020-05-21T00:00:00Z");

    private static ListVerifier.Options options(Instant now) {
        return ListVerifier.Options.of(
                org.starttlslist.verify.PinnedKeys.load(
                        List.of(SharedFixtures.require("fixtures/eff/public-key.txt"))),
                now);
    }

    @Test
    void theLastRealListVerifiesWithThePredecessorsKey() {
        ListVerifier.Verified verified =
                ListVerifier.verify(
                        SharedFixtures.bytes("fixtures/eff/policy.json"),
                        SharedFixtures.bytes("fixtures/eff/policy.json.asc"),
                        options(BEFORE_EXPIRY));
        assertEquals(List.of(PRIMARY), verified.signerFingerprints());
        assertEquals(Instant.ofEpochSecond(1589995512L), verified.signatureTime());
        assertEquals(926, verified.list().policies().size());
        assertFalse(verified.unchangedFromPrevious());
    }

    @Test
    void theSameListIsRejectedAsExpiredToday() {
        Instant today = Instant.parse("2026-11-28T00:00:00Z");
        ListExpiredException e =
                assertThrows(
                        ListExpiredException.class,
                        () ->
                                ListVerifier.verify(
                                        SharedFixtures.bytes("fixtures/eff/policy.json"),
                                        SharedFixtures.bytes("fixtures/eff/policy.json.asc"),
                                        options(today)));
        assertEquals(Instant.parse("2020-06-03T17:25:12.710055Z"), e.expires());
        assertEquals(today, e.now());
    }

    @Test
    void theOlderListIsARollbackAfterTheNewerOne() {
        RollbackException e =
                assertThrows(
                        RollbackException.class,
                        () ->
                                ListVerifier.verify(
                                        SharedFixtures.bytes("fixtures/eff/older/policy.json"),
                                        SharedFixtures.bytes("fixtures/eff/older/policy.json.asc"),
                                        options(Instant.parse("2020-05-07T00:00:00Z"))
                                                .withPrevious(
                                                        SharedFixtures.bytes(
                                                                "fixtures/eff/policy.json"))));
        assertTrue(e.previousTimestamp().isAfter(e.newTimestamp()));
    }

    @Test
    void theSameBytesAgainAreUnchangedNotARollback() {
        byte[] list = SharedFixtures.bytes("fixtures/eff/policy.json");
        ListVerifier.Verified verified =
                ListVerifier.verify(
                        list,
                        SharedFixtures.bytes("fixtures/eff/policy.json.asc"),
                        options(BEFORE_EXPIRY).withPrevious(list));
        assertTrue(verified.unchangedFromPrevious());
    }

    @Test
    void theNewerListAfterTheOlderIsAccepted() {
        ListVerifier.Verified verified =
                ListVerifier.verify(
                        SharedFixtures.bytes("fixtures/eff/policy.json"),
                        SharedFixtures.bytes("fixtures/eff/policy.json.asc"),
                        options(BEFORE_EXPIRY)
                                .withPrevious(
                                        SharedFixtures.bytes("fixtures/eff/older/policy.json")));
        assertFalse(verified.unchangedFromPrevious());
    }

    @Test
    void aSignatureOfTheOlderListDoesNotCoverTheNewer() {
        BadSignatureException e =
                assertThrows(
                        BadSignatureException.class,
                        () ->
                                ListVerifier.verify(
                                        SharedFixtures.bytes("fixtures/eff/policy.json"),
                                        SharedFixtures.bytes("fixtures/eff/older/policy.json.asc"),
                                        options(BEFORE_EXPIRY)));
        assertEquals(SUBKEY, e.fingerprint());
    }
}
