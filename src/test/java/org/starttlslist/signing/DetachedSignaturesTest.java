package org.starttlslist.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.starttlslist.testing.TestKeys;
import org.starttlslist.testing.TestKeys.TestKey;

/** Appending a co-signature, and the two ways it is refused, by their facts. */
class DetachedSignaturesTest {
    static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    static final byte[] LIST = "{}\n".getBytes(StandardCharsets.UTF_8);
    static final TestKey ALICE = TestKeys.ed25519("detached-alice");
    static final TestKey BOB = TestKeys.ed25519("detached-bob");

    @Test
    void aSecondKeyIsAppended() {
        byte[] both = DetachedSignatures.append(ALICE.sign(LIST, AT), BOB.sign(LIST, AT));
        assertEquals(
                Set.of(ALICE.fingerprint(), BOB.fingerprint()), DetachedSignatures.issuers(both));
    }

    @Test
    void aKeyThatAlreadySignedIsRefused() {
        var e =
                assertThrows(
                        AlreadySignedException.class,
                        () ->
                                DetachedSignatures.append(
                                        ALICE.sign(LIST, AT), ALICE.sign(LIST, AT.plusSeconds(1))));
        assertEquals(ALICE.fingerprint(), e.fingerprint());
    }

    @Test
    void aSignatureFileWithoutSignaturesIsRefused() {
        var e =
                assertThrows(
                        MalformedSignatureFileException.class,
                        () -> DetachedSignatures.append(new byte[0], ALICE.sign(LIST, AT)));
        assertEquals("the existing signature file", e.what());
    }

    @Test
    void aDamagedNewSignatureIsRefused() {
        var e =
                assertThrows(
                        MalformedSignatureFileException.class,
                        () ->
                                DetachedSignatures.append(
                                        ALICE.sign(LIST, AT),
                                        "-----BEGIN PGP SIGNATURE-----\n\n!!!\n-----END PGP SIGNATURE-----\n"
                                                .getBytes(StandardCharsets.US_ASCII)));
        assertEquals("the new signature", e.what());
    }
}
