package org.starttlslist.verify;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.bcpg.sig.IssuerKeyID;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.listfile.ListValidity;
import org.starttlslist.model.PolicyList;
import org.starttlslist.signing.OpenPgpFiles;

/**
 * The one checklist every consumer runs on a signed list: {@code verify}, the release self-check,
 * the mirror and export. Its steps, in order, stop at the first failure with an exception that
 * names the reason, the fingerprint and the instants:
 *
 * <ol>
 *   <li>The signature file parses and holds at most {@link Options#maxSignatures()} signatures;
 *       each is matched, by full fingerprint, to a pinned primary key or a subkey of one, and
 *       checked over the exact bytes.
 *   <li>At least K valid signatures from distinct pinned primary keys.
 *   <li>Signature policy: no MD5/SHA-1/RIPEMD-160, not made after now + skew, not past its own
 *       expiry, no unknown critical subpacket, key not revoked, not expired at the signature's
 *       time, and a signing key of its certificate then.
 *   <li>The now authenticated bytes are a usable list ({@link UsableList}): UTF-8 JSON without
 *       duplicate keys, valid against the published-list schema, aliases resolved.
 *   <li>The list's own lifetime binds its signatures: each was made no earlier than {@code
 *       timestamp − skew} and before {@code expires}, and its key was valid (not expired, a signing
 *       key) at {@code timestamp} too; K signatures must still remain. {@code expires} is after
 *       now, {@code timestamp} not after now + skew, {@code expires} after {@code timestamp}, and
 *       {@code expires − timestamp} at most {@link Options#maxValidity()}.
 *   <li>With a previous list: the new timestamp is strictly later, unless the bytes are identical.
 * </ol>
 *
 * <p>Steps 1 and 3 apply to each signature; a signature counts for step 2 only when it passes both.
 * When too few pass and none passed at all, the first signature's own reason is reported, since it
 * is the one a person can act on. Why step 5: the signature time is chosen by the signer, so a key
 * that expired long ago could otherwise sign today's list with a backdated time; the list's own
 * signed timestamp is a second witness that the key cannot move without changing the list. The
 * signature is checked before the JSON is parsed, so unsigned bytes never reach the parser. The
 * reference time is injected ({@link Options#now()}): the clock is never read here.
 */
public final class ListVerifier {
    /** Allowed difference between the signer's clock and ours. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

    /** The largest skew accepted: beyond a day, "the list's lifetime" would mean little. */
    public static final Duration MAX_SKEW = Duration.ofDays(1);

    /**
     * The longest validity ({@code expires − timestamp}) accepted by default, as apt's {@code
     * Max-ValidTime}: twice the 14 days {@code release} gives, plus slack for a late release.
     */
    public static final Duration DEFAULT_MAX_VALIDITY = Duration.ofDays(31);

    /** Signatures read from one signature file at most (k-of-n maintainers need a handful). */
    public static final int DEFAULT_MAX_SIGNATURES = 16;

    /** What to verify against: pinned keys, the reference time, and the consumer's last list. */
    public record Options(
            PinnedKeys pinnedKeys,
            Instant now,
            int threshold,
            Duration skew,
            Duration maxValidity,
            int maxSignatures,
            Optional<byte[]> previous) {
        public Options {
            Objects.requireNonNull(pinnedKeys, "pinnedKeys");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(skew, "skew");
            Objects.requireNonNull(maxValidity, "maxValidity");
            Objects.requireNonNull(previous, "previous");
            if (threshold < 1) {
                throw new IllegalArgumentException(
                        "threshold must be at least 1, was " + threshold);
            }
            if (skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
                throw new IllegalArgumentException(
                        "skew must be between 0 and " + MAX_SKEW + ", was " + skew);
            }
            if (maxValidity.isNegative() || maxValidity.isZero() || maxSignatures < 1) {
                throw new IllegalArgumentException(
                        "maxValidity and maxSignatures must be positive");
            }
        }

        /** Threshold 1, {@link #DEFAULT_SKEW}, {@link #DEFAULT_MAX_VALIDITY}, no previous list. */
        public static Options of(PinnedKeys pinnedKeys, Instant now) {
            return new Options(
                    pinnedKeys,
                    now,
                    1,
                    DEFAULT_SKEW,
                    DEFAULT_MAX_VALIDITY,
                    DEFAULT_MAX_SIGNATURES,
                    Optional.empty());
        }

        public Options withThreshold(int k) {
            return new Options(pinnedKeys, now, k, skew, maxValidity, maxSignatures, previous);
        }

        public Options withSkew(Duration newSkew) {
            return new Options(
                    pinnedKeys, now, threshold, newSkew, maxValidity, maxSignatures, previous);
        }

        public Options withMaxValidity(Duration newMaxValidity) {
            return new Options(
                    pinnedKeys, now, threshold, skew, newMaxValidity, maxSignatures, previous);
        }

        public Options withMaxSignatures(int newMaxSignatures) {
            return new Options(
                    pinnedKeys, now, threshold, skew, maxValidity, newMaxSignatures, previous);
        }

        public Options withNow(Instant newNow) {
            return new Options(
                    pinnedKeys, newNow, threshold, skew, maxValidity, maxSignatures, previous);
        }

        public Options withPrevious(byte[] previousList) {
            return new Options(
                    pinnedKeys,
                    now,
                    threshold,
                    skew,
                    maxValidity,
                    maxSignatures,
                    Optional.of(previousList));
        }

        public Options withPrevious(Optional<byte[]> previousList) {
            return new Options(
                    pinnedKeys, now, threshold, skew, maxValidity, maxSignatures, previousList);
        }
    }

    /**
     * A list that passed every check: the exact bytes that were verified (the very array given to
     * {@link #verify}, not a copy: a copy of a 21 MB list cost every verify and mirror run 21 MB of
     * fresh memory; the callers read their array once and never change it), the model read from
     * them, and the facts to show. Consumers take the list from here, never from a parse of their
     * own, so unsigned bytes never reach a parser.
     */
    public record Verified(
            byte[] bytes,
            PolicyList list,
            List<String> signerFingerprints,
            Instant signatureTime,
            boolean unchangedFromPrevious) {}

    /**
     * A list that passed every check, as {@link Verified}, with its summary instead of its model:
     * for a consumer that only shows the list's counts ({@code verify}), which then never builds
     * the model of a large list.
     */
    public record VerifiedSummary(
            ListSummary summary,
            List<String> signerFingerprints,
            Instant signatureTime,
            boolean unchangedFromPrevious) {}

    /** The outcome of the checks on a list read by {@code reader}. */
    private record Checked<T>(
            T read, List<String> signerFingerprints, Instant signatureTime, boolean unchanged) {}

    /** A signature that passed steps 1 and 3. */
    private record Accepted(PinnedKeys.Component signer, Instant created) {}

    private ListVerifier() {}

    public static Verified verify(byte[] list, byte[] signature, Options options) {
        Checked<PolicyList> checked =
                check(
                        list,
                        signature,
                        options,
                        UsableList::read,
                        parsed -> new Lifetime(parsed.timestamp(), parsed.expires()));
        return new Verified(
                list,
                checked.read(),
                checked.signerFingerprints(),
                checked.signatureTime(),
                checked.unchanged());
    }

    /**
     * The same checklist as {@link #verify}, every step, with the list counted ({@link
     * UsableList#summarize}) instead of read into a model.
     */
    public static VerifiedSummary verifySummary(byte[] list, byte[] signature, Options options) {
        Checked<ListSummary> checked =
                check(
                        list,
                        signature,
                        options,
                        UsableList::summarize,
                        summary -> new Lifetime(summary.timestamp(), summary.expires()));
        return new VerifiedSummary(
                checked.read(),
                checked.signerFingerprints(),
                checked.signatureTime(),
                checked.unchanged());
    }

    /** The list's own two instants, all that steps 5 and 6 need of it. */
    private record Lifetime(Instant timestamp, Instant expires) {}

    private static <T> Checked<T> check(
            byte[] list,
            byte[] signature,
            Options options,
            java.util.function.Function<byte[], T> reader,
            java.util.function.Function<T, Lifetime> lifetimeOf) {
        Instant now = options.now();
        // The second core loads and compiles the list reader on a constant list of ours while this
        // one checks the signature; the list's own bytes reach it only after step 3.
        Thread warm = new Thread(ListVerifier::warmUpReader, "list-reader-warm-up");
        warm.setDaemon(true);
        warm.start();

        // Step 1: parse the signature file.
        List<PGPSignature> signatures = parseSignatures(signature, options.maxSignatures());

        // Steps 1 and 3, per signature; step 2 counts distinct pinned primary keys.
        Map<String, Accepted> byPrimary = new LinkedHashMap<>();
        RejectedException firstRefusal = null;
        for (PGPSignature candidate : signatures) {
            try {
                Accepted accepted =
                        check(candidate, list, options.pinnedKeys(), now, options.skew());
                byPrimary.putIfAbsent(accepted.signer().primaryFingerprint(), accepted);
            } catch (RejectedException refused) {
                if (firstRefusal == null) {
                    firstRefusal = refused;
                }
            }
        }
        requireThreshold(byPrimary, options.threshold(), firstRefusal);

        // Step 4: the signed bytes are a usable list.
        T read = reader.apply(list);
        Lifetime parsed = lifetimeOf.apply(read);

        // Step 5: the list's own times, then its lifetime binds its signatures.
        if (!parsed.expires().isAfter(now)) {
            throw new ListExpiredException(parsed.expires(), now);
        }
        if (parsed.timestamp().isAfter(now.plus(options.skew()))) {
            throw new ListFromFutureException(parsed.timestamp(), now);
        }
        if (!parsed.expires().isAfter(parsed.timestamp())) {
            throw new ListExpiresBeforeTimestampException(parsed.timestamp(), parsed.expires());
        }
        if (Duration.between(parsed.timestamp(), parsed.expires()).compareTo(options.maxValidity())
                > 0) {
            throw new ListValidityTooLongException(
                    parsed.timestamp(), parsed.expires(), options.maxValidity());
        }

        Map<String, Accepted> inLifetime = new LinkedHashMap<>();
        RejectedException firstOutside = null;
        for (Map.Entry<String, Accepted> entry : byPrimary.entrySet()) {
            try {
                checkWithinLifetime(entry.getValue(), parsed, now, options.skew());
                inLifetime.put(entry.getKey(), entry.getValue());
            } catch (RejectedException refused) {
                if (firstOutside == null) {
                    firstOutside = refused;
                }
            }
        }
        requireThreshold(inLifetime, options.threshold(), firstOutside);
        Instant signatureTime =
                inLifetime.values().stream()
                        .map(Accepted::created)
                        .max(Instant::compareTo)
                        .orElseThrow();

        // Step 6: no rollback behind the list this consumer accepted last.
        boolean unchanged = false;
        if (options.previous().isPresent()) {
            byte[] previous = options.previous().get();
            if (Arrays.equals(previous, list)) {
                unchanged = true;
            } else {
                Instant previousTimestamp = previousTimestamp(previous);
                if (!parsed.timestamp().isAfter(previousTimestamp)) {
                    throw new RollbackException(previousTimestamp, parsed.timestamp());
                }
            }
        }
        return new Checked<>(read, List.copyOf(inLifetime.keySet()), signatureTime, unchanged);
    }

    private static void warmUpReader() {
        try {
            UsableList.requireUsable(PublishedListFastPath.warmUp());
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: the real read below does the same work and reports any failure.
        }
    }

    private static void requireThreshold(
            Map<String, Accepted> accepted, int threshold, RejectedException firstRefusal) {
        if (accepted.size() < threshold) {
            if (accepted.isEmpty() && firstRefusal != null) {
                throw firstRefusal;
            }
            throw new ThresholdNotMetException(
                    accepted.size(),
                    threshold,
                    List.copyOf(accepted.keySet()),
                    firstRefusal == null ? null : firstRefusal.getMessage());
        }
    }

    /**
     * Step 5 for one signature: its time inside the list's lifetime, its key valid at the list's
     * timestamp.
     */
    private static void checkWithinLifetime(
            Accepted accepted, Lifetime list, Instant now, Duration skew) {
        Instant created = accepted.created();
        if (created.isBefore(list.timestamp().minus(skew)) || !created.isBefore(list.expires())) {
            throw new SignatureOutsideListLifetimeException(
                    accepted.signer().fingerprint(), created, list.timestamp(), list.expires());
        }
        checkKeyState(accepted.signer(), list.timestamp(), now, "the list's timestamp");
    }

    private static List<PGPSignature> parseSignatures(byte[] file, int maxSignatures) {
        if (file.length == 0) {
            throw new MalformedSignatureException("is empty");
        }
        List<PGPSignature> signatures = new ArrayList<>();
        try {
            BcPGPObjectFactory factory =
                    new BcPGPObjectFactory(OpenPgpFiles.dearmor(file, "SIGNATURE"));
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (object instanceof PGPSignatureList list) {
                    for (PGPSignature one : list) {
                        if (signatures.size() == maxSignatures) {
                            throw new TooManySignaturesException(maxSignatures);
                        }
                        signatures.add(one);
                    }
                } else {
                    // E.g. a signed message or a key: the signature must be detached, over our
                    // bytes only.
                    throw new MalformedSignatureException(
                            "holds "
                                    + object.getClass().getSimpleName()
                                    + ", not only detached signatures");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedSignatureException malformed) {
                throw malformed;
            }
            if (e instanceof TooManySignaturesException tooMany) {
                throw tooMany;
            }
            throw new MalformedSignatureException(
                    "is damaged or truncated (" + e.getMessage() + ")");
        }
        if (signatures.isEmpty()) {
            throw new MalformedSignatureException("holds no OpenPGP signature");
        }
        return signatures;
    }

    private static Accepted check(
            PGPSignature signature, byte[] list, PinnedKeys pinned, Instant now, Duration skew) {
        // Step 1: match by full fingerprint. A key id alone only proposes candidates; the
        // cryptographic check below decides, so a pinned key's id on another key matches nothing.
        List<byte[]> fingerprints = issuerFingerprints(signature);
        List<PinnedKeys.Component> candidates = new ArrayList<>();
        if (!fingerprints.isEmpty()) {
            fingerprints.forEach(f -> candidates.addAll(pinned.withFingerprint(f)));
            if (candidates.isEmpty()) {
                throw new UnpinnedKeyException(OpenPgpFiles.hex(fingerprints.get(0)));
            }
        } else {
            List<Long> keyIds = issuerKeyIds(signature);
            if (keyIds.isEmpty()) {
                throw new UnpinnedKeyException("an unnamed key (the signature has no issuer)");
            }
            keyIds.forEach(id -> candidates.addAll(pinned.withKeyId(id)));
            if (candidates.isEmpty()) {
                throw new UnpinnedKeyException(String.format("key id %016X", keyIds.get(0)));
            }
        }
        PinnedKeys.Component signer = null;
        for (PinnedKeys.Component candidate : candidates) {
            if (signatureMatches(signature, candidate, list)) {
                signer = candidate;
                break;
            }
        }
        String named = candidates.get(0).fingerprint();
        if (signer == null) {
            throw new BadSignatureException(
                    named,
                    "it does not match these bytes (the file was changed, or the signature is of another file)");
        }
        if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
            throw new BadSignatureException(
                    named,
                    String.format(
                            "signature type 0x%02X is not a binary-document signature (0x00); sign with gpg --detach-sign, without --textmode",
                            signature.getSignatureType()));
        }

        // Step 3: signature policy.
        String fingerprint = signer.fingerprint();
        String weak = weakHash(signature.getHashAlgorithm());
        if (weak != null) {
            throw new WeakHashException(fingerprint, weak);
        }
        Instant created = signature.getCreationTime().toInstant();
        if (created.isAfter(now.plus(skew))) {
            throw new SignatureFromFutureException(fingerprint, created, now);
        }
        long validSeconds =
                signature.getHashedSubPackets() == null
                        ? 0
                        : signature.getHashedSubPackets().getSignatureExpirationTime();
        if (validSeconds > 0 && !created.plusSeconds(validSeconds).isAfter(now)) {
            throw new SignatureExpiredException(
                    fingerprint, created.plusSeconds(validSeconds), now);
        }
        int unknownCritical = unknownCriticalSubpacket(signature);
        if (unknownCritical >= 0) {
            // RFC 4880 §5.2.3.1: a critical subpacket the reader does not understand voids the
            // signature.
            throw new BadSignatureException(
                    fingerprint, "it has a critical subpacket of unknown type " + unknownCritical);
        }
        checkKeyState(signer, created, now, "the signature was made");
        return new Accepted(signer, created);
    }

    /**
     * Revoked (at the reference time: a retired or compromised key is no longer trusted), expired
     * at the signature's time, or not a signing key of its certificate then.
     */
    private static void checkKeyState(
            PinnedKeys.Component signer, Instant created, Instant now, String event) {
        OpenPGPCertificate certificate = signer.certificate();
        Date createdDate = Date.from(created);
        OpenPGPCertificate.OpenPGPComponentKey primary = certificate.getPrimaryKey();
        OpenPGPCertificate.OpenPGPComponentKey key =
                certificate.getKey(signer.key().getKeyIdentifier());
        for (OpenPGPCertificate.OpenPGPComponentKey component : List.of(primary, key)) {
            String fingerprint = OpenPgpFiles.fingerprint(component.getPGPPublicKey());
            OpenPGPCertificate.OpenPGPComponentSignature revocation =
                    component.getRevocation(Date.from(now));
            if (revocation != null) {
                throw new KeyRevokedException(
                        fingerprint, revocation.getCreationTime().toInstant());
            }
            Date expiry = component.getKeyExpirationDateAt(createdDate);
            if (expiry != null && !expiry.toInstant().isAfter(createdDate.toInstant())) {
                throw new KeyExpiredException(fingerprint, expiry.toInstant(), created, event);
            }
        }
        boolean signing =
                certificate.getSigningKeys(createdDate).stream()
                        .anyMatch(
                                k -> k.getKeyIdentifier().equals(signer.key().getKeyIdentifier()));
        if (!signing) {
            throw new KeyNotForSigningException(signer.fingerprint(), created);
        }
    }

    private static boolean signatureMatches(
            PGPSignature signature, PinnedKeys.Component candidate, byte[] list) {
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), candidate.key());
            signature.update(list);
            return signature.verify();
        } catch (PGPException | RuntimeException e) {
            // A key of another algorithm, or a malformed signature value: it does not match.
            return false;
        }
    }

    private static List<byte[]> issuerFingerprints(PGPSignature signature) {
        List<byte[]> result = new ArrayList<>();
        for (PGPSignatureSubpacketVector vector :
                List.of(signature.getHashedSubPackets(), signature.getUnhashedSubPackets())) {
            if (vector == null) {
                continue;
            }
            for (SignatureSubpacket packet :
                    vector.getSubpackets(SignatureSubpacketTags.ISSUER_FINGERPRINT)) {
                result.add(((IssuerFingerprint) packet).getFingerprint());
            }
        }
        return result;
    }

    private static List<Long> issuerKeyIds(PGPSignature signature) {
        List<Long> result = new ArrayList<>();
        for (PGPSignatureSubpacketVector vector :
                List.of(signature.getHashedSubPackets(), signature.getUnhashedSubPackets())) {
            if (vector == null) {
                continue;
            }
            for (SignatureSubpacket packet :
                    vector.getSubpackets(SignatureSubpacketTags.ISSUER_KEY_ID)) {
                result.add(((IssuerKeyID) packet).getKeyID());
            }
        }
        if (result.isEmpty() && signature.getVersion() < 4) {
            result.add(signature.getKeyID());
        }
        return result;
    }

    /** Subpacket types a detached document signature may mark critical that this check honours. */
    private static final java.util.Set<Integer> UNDERSTOOD_CRITICAL =
            java.util.Set.of(
                    SignatureSubpacketTags.CREATION_TIME, SignatureSubpacketTags.EXPIRE_TIME,
                    SignatureSubpacketTags.ISSUER_KEY_ID, SignatureSubpacketTags.ISSUER_FINGERPRINT,
                    SignatureSubpacketTags.SIGNER_USER_ID,
                            SignatureSubpacketTags.INTENDED_RECIPIENT_FINGERPRINT);

    private static int unknownCriticalSubpacket(PGPSignature signature) {
        PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
        if (hashed == null) {
            return -1;
        }
        for (int tag : hashed.getCriticalTags()) {
            if (!UNDERSTOOD_CRITICAL.contains(tag)) {
                return tag;
            }
        }
        return -1;
    }

    private static String weakHash(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            default -> null;
        };
    }

    /** Only the previous list's timestamp matters here; streaming to it skips building the list. */
    private static Instant previousTimestamp(byte[] previous) {
        return ListInstants.read(previous)
                .map(ListValidity::timestamp)
                .orElseThrow(
                        () ->
                                new CouldNotCompleteException(
                                        "the previous list has no readable timestamp (it cannot be read as a policy list), so a rollback"
                                                + " cannot be ruled out; restore it from backup"));
    }
}
