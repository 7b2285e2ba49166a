package org.starttlslist.verify;

import java.io.IOException;
import java.nio.file.Path;
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
import org.starttlslist.json.Json;
import org.starttlslist.json.NotJsonException;
import org.starttlslist.listfile.MalformedListException;
import org.starttlslist.listfile.ListValidity;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.PolicyList;
import org.starttlslist.signing.OpenPgpFiles;
import org.starttlslist.validate.PublishedListSchema;
import tools.jackson.databind.JsonNode;

/**
 * The one checklist every consumer runs on a signed list: {@code verify}, the release
 * self-check, the mirror and export. Its steps, in order, stop at the first failure with an
 * exception that names the reason, the fingerprint and the instants:
 *
 * <ol>
 *   <li>The signature file parses; each signature is matched, by full fingerprint, to a pinned
 *       primary key or a subkey of one, and checked over the exact bytes.
 *   <li>At least K valid signatures from distinct pinned primary keys.
 *   <li>Signature policy: no MD5/SHA-1/RIPEMD-160, not made after now + skew, not past its own
 *       expiry, no unknown critical subpacket, key not revoked, not expired at the signature's
 *       time, and a signing key of its certificate then.
 *   <li>The list is UTF-8 JSON without duplicate keys, valid against the published-list schema.
 *   <li>{@code expires} is after now, {@code timestamp} not after now + skew, {@code expires}
 *       after {@code timestamp}.
 *   <li>With a previous list: the new timestamp is strictly later, unless the bytes are identical.
 * </ol>
 *
 * <p>Steps 1 and 3 apply to each signature; a signature counts for step 2 only when it passes both.
 * When too few pass and none passed at all, the first signature's own reason is reported, since
 * it is the one a person can act on. The signature is checked before the JSON is parsed, so
 * unsigned bytes never reach the parser. The reference time is injected ({@link Options#now()}):
 * the clock is never read here.
 */
public final class ListVerifier {
    /** Allowed difference between the signer's clock and ours. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

    /** What to verify against: pinned keys, the reference time, and the consumer's last list. */
    public record Options(
            List<Path> pinnedKeyFiles,
            Instant now,
            int threshold,
            Duration skew,
            Optional<byte[]> previous) {
        public Options {
            pinnedKeyFiles = List.copyOf(pinnedKeyFiles);
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(skew, "skew");
            Objects.requireNonNull(previous, "previous");
            if (threshold < 1) {
                throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
            }
            if (skew.isNegative()) {
                throw new IllegalArgumentException("skew must not be negative, was " + skew);
            }
        }

        /** Threshold 1, {@link #DEFAULT_SKEW}, no previous list. */
        public static Options of(List<Path> pinnedKeyFiles, Instant now) {
            return new Options(pinnedKeyFiles, now, 1, DEFAULT_SKEW, Optional.empty());
        }

        public Options withThreshold(int k) {
            return new Options(pinnedKeyFiles, now, k, skew, previous);
        }

        public Options withSkew(Duration newSkew) {
            return new Options(pinnedKeyFiles, now, threshold, newSkew, previous);
        }

        public Options withPrevious(byte[] previousList) {
            return new Options(pinnedKeyFiles, now, threshold, skew, Optional.of(previousList));
        }
    }

    /** A list that passed every check, with the facts to show. */
    public record Verified(
            PolicyList list,
            List<String> signerFingerprints,
            Instant signatureTime,
            boolean unchangedFromPrevious) {}

    /** A signature that passed steps 1 and 3. */
    private record Accepted(String primaryFingerprint, Instant created) {}

    private ListVerifier() {}

    /** Verifies against the keys in {@link Options#pinnedKeyFiles()}. */
    public static Verified verify(byte[] list, byte[] signature, Options options) {
        return verify(list, signature, PinnedKeys.load(options.pinnedKeyFiles()), options);
    }

    /** Verifies against already loaded keys; {@link Options#pinnedKeyFiles()} is not read. */
    public static Verified verify(byte[] list, byte[] signature, PinnedKeys pinned, Options options) {
        Instant now = options.now();

        // Step 1: parse the signature file.
        List<PGPSignature> signatures = parseSignatures(signature);

        // Steps 1 and 3, per signature; step 2 counts distinct pinned primary keys.
        Map<String, Accepted> byPrimary = new LinkedHashMap<>();
        RejectedException firstRefusal = null;
        for (PGPSignature candidate : signatures) {
            try {
                Accepted accepted = check(candidate, list, pinned, now, options.skew());
                byPrimary.putIfAbsent(accepted.primaryFingerprint(), accepted);
            } catch (RejectedException refused) {
                if (firstRefusal == null) {
                    firstRefusal = refused;
                }
            }
        }
        if (byPrimary.size() < options.threshold()) {
            if (byPrimary.isEmpty() && firstRefusal != null) {
                throw firstRefusal;
            }
            throw new ThresholdNotMetException(byPrimary.size(), options.threshold(), List.copyOf(byPrimary.keySet()),
                    firstRefusal == null ? null : firstRefusal.getMessage());
        }
        Instant signatureTime = byPrimary.values().stream().map(Accepted::created).max(Instant::compareTo).orElseThrow();

        // Step 4: the signed bytes are a valid list.
        PolicyList parsed = parseList(list);

        // Step 5: the list's own times.
        if (!parsed.expires().isAfter(now)) {
            throw new ListExpiredException(parsed.expires(), now);
        }
        if (parsed.timestamp().isAfter(now.plus(options.skew()))) {
            throw new ListFromFutureException(parsed.timestamp(), now);
        }
        if (!parsed.expires().isAfter(parsed.timestamp())) {
            throw new ListExpiresBeforeTimestampException(parsed.timestamp(), parsed.expires());
        }

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
        return new Verified(parsed, List.copyOf(byPrimary.keySet()), signatureTime, unchanged);
    }

    private static List<PGPSignature> parseSignatures(byte[] file) {
        if (file.length == 0) {
            throw new MalformedSignatureException("is empty");
        }
        List<PGPSignature> signatures = new ArrayList<>();
        try {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(OpenPgpFiles.dearmor(file, "SIGNATURE"));
            Object object;
            while ((object = factory.nextObject()) != null) {
                if (object instanceof PGPSignatureList list) {
                    list.forEach(signatures::add);
                } else {
                    // E.g. a signed message or a key: the signature must be detached, over our bytes only.
                    throw new MalformedSignatureException("holds " + object.getClass().getSimpleName()
                            + ", not only detached signatures");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedSignatureException malformed) {
                throw malformed;
            }
            throw new MalformedSignatureException("is damaged or truncated (" + e.getMessage() + ")");
        }
        if (signatures.isEmpty()) {
            throw new MalformedSignatureException("holds no OpenPGP signature");
        }
        return signatures;
    }

    private static Accepted check(PGPSignature signature, byte[] list, PinnedKeys pinned, Instant now, Duration skew) {
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
            throw new BadSignatureException(named,
                    "it does not match these bytes (the file was changed, or the signature is of another file)");
        }
        if (signature.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
            throw new BadSignatureException(named, String.format(
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
        long validSeconds = signature.getHashedSubPackets() == null ? 0
                : signature.getHashedSubPackets().getSignatureExpirationTime();
        if (validSeconds > 0 && !created.plusSeconds(validSeconds).isAfter(now)) {
            throw new SignatureExpiredException(fingerprint, created.plusSeconds(validSeconds), now);
        }
        int unknownCritical = unknownCriticalSubpacket(signature);
        if (unknownCritical >= 0) {
            // RFC 4880 §5.2.3.1: a critical subpacket the reader does not understand voids the signature.
            throw new BadSignatureException(fingerprint, "it has a critical subpacket of unknown type " + unknownCritical);
        }
        checkKeyState(signer, created, now);
        return new Accepted(signer.primaryFingerprint(), created);
    }

    /**
     * Revoked (at the reference time: a retired or compromised key is no longer trusted), expired
     * at the signature's time, or not a signing key of its certificate then.
     */
    private static void checkKeyState(PinnedKeys.Component signer, Instant created, Instant now) {
        OpenPGPCertificate certificate = signer.certificate();
        Date createdDate = Date.from(created);
        OpenPGPCertificate.OpenPGPComponentKey primary = certificate.getPrimaryKey();
        OpenPGPCertificate.OpenPGPComponentKey key = certificate.getKey(signer.key().getKeyIdentifier());
        for (OpenPGPCertificate.OpenPGPComponentKey component : List.of(primary, key)) {
            String fingerprint = OpenPgpFiles.fingerprint(component.getPGPPublicKey());
            OpenPGPCertificate.OpenPGPComponentSignature revocation = component.getRevocation(Date.from(now));
            if (revocation != null) {
                throw new KeyRevokedException(fingerprint, revocation.getCreationTime().toInstant());
            }
            Date expiry = component.getKeyExpirationDateAt(createdDate);
            if (expiry != null && !expiry.after(createdDate)) {
                throw new KeyExpiredException(fingerprint, expiry.toInstant(), created);
            }
        }
        boolean signing = certificate.getSigningKeys(createdDate).stream()
                .anyMatch(k -> k.getKeyIdentifier().equals(signer.key().getKeyIdentifier()));
        if (!signing) {
            throw new KeyNotForSigningException(signer.fingerprint(), created);
        }
    }

    private static boolean signatureMatches(PGPSignature signature, PinnedKeys.Component candidate, byte[] list) {
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
        for (PGPSignatureSubpacketVector vector : List.of(signature.getHashedSubPackets(), signature.getUnhashedSubPackets())) {
            if (vector == null) {
                continue;
            }
            for (SignatureSubpacket packet : vector.getSubpackets(SignatureSubpacketTags.ISSUER_FINGERPRINT)) {
                result.add(((IssuerFingerprint) packet).getFingerprint());
            }
        }
        return result;
    }

    private static List<Long> issuerKeyIds(PGPSignature signature) {
        List<Long> result = new ArrayList<>();
        for (PGPSignatureSubpacketVector vector : List.of(signature.getHashedSubPackets(), signature.getUnhashedSubPackets())) {
            if (vector == null) {
                continue;
            }
            for (SignatureSubpacket packet : vector.getSubpackets(SignatureSubpacketTags.ISSUER_KEY_ID)) {
                result.add(((IssuerKeyID) packet).getKeyID());
            }
        }
        if (result.isEmpty() && signature.getVersion() < 4) {
            result.add(signature.getKeyID());
        }
        return result;
    }

    /** Subpacket types a detached document signature may mark critical that this check honours. */
    private static final java.util.Set<Integer> UNDERSTOOD_CRITICAL = java.util.Set.of(
            SignatureSubpacketTags.CREATION_TIME, SignatureSubpacketTags.EXPIRE_TIME,
            SignatureSubpacketTags.ISSUER_KEY_ID, SignatureSubpacketTags.ISSUER_FINGERPRINT,
            SignatureSubpacketTags.SIGNER_USER_ID, SignatureSubpacketTags.INTENDED_RECIPIENT_FINGERPRINT);

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

    private static PolicyList parseList(byte[] list) {
        JsonNode tree;
        try {
            tree = Json.readStrict(list);
        } catch (NotJsonException e) {
            throw new ListInvalidException("", "line " + e.line() + ", column " + e.column() + ": it " + e.getMessage());
        }
        JsonNode folded = HostNameCase.fold(tree);
        List<PublishedListSchema.Violation> violations = PublishedListSchema.check(folded);
        if (!violations.isEmpty()) {
            PublishedListSchema.Violation first = violations.get(0);
            throw new ListInvalidException(first.pointer(), first.message()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more schema violations)" : ""));
        }
        try {
            return PolicyListParser.parse(folded);
        } catch (MalformedListException e) {
            throw new ListInvalidException(e.pointer(), e.getMessage());
        }
    }

    /** Only the previous list's timestamp matters here; streaming to it skips building the list. */
    private static Instant previousTimestamp(byte[] previous) {
        return ListValidity.read(previous).map(ListValidity::timestamp).orElseThrow(() -> new CouldNotCompleteException(
                "the previous list has no readable timestamp (it cannot be read as a policy list), so a rollback"
                        + " cannot be ruled out; restore it from backup"));
    }

}
