package org.starttlslist.source;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.starttlslist.model.Fingerprint;

/**
 * The list-level settings in {@code release/config.json}.
 *
 * @param author published as the list's {@code author}
 * @param version the format version, always {@code "0.1"}
 * @param validity how long a published list stays valid ({@code expires - timestamp})
 * @param minimumValidity a list with less than this left is due for a new release; no list is
 *     published with a validity shorter than this
 * @param releaseBranch the branch releases are cut from
 * @param maintainerFingerprints the OpenPGP v4 fingerprints of the keys allowed to sign a release;
 *     their public keys are in {@code release/keys/}
 * @param committer who release commits and tags are made by, when the config names one; never taken
 *     silently from the environment or the user's git config
 */
public record ListSettings(
        String author,
        String version,
        Duration validity,
        Duration minimumValidity,
        String releaseBranch,
        List<Fingerprint> maintainerFingerprints,
        Optional<Committer> committer) {

    /** A name and e-mail address for commits and tags. */
    public record Committer(String name, String email) {
        public Committer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }
    }

    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(14);
    public static final Duration DEFAULT_MINIMUM_VALIDITY = Duration.ofDays(7);
    public static final String DEFAULT_RELEASE_BRANCH = "main";

    public ListSettings {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(minimumValidity, "minimumValidity");
        Objects.requireNonNull(releaseBranch, "releaseBranch");
        maintainerFingerprints = List.copyOf(maintainerFingerprints);
        Objects.requireNonNull(committer, "committer");
    }

    /**
     * True when {@code fingerprint}, as the signing and verifying code prints it, names a key
     * listed under {@code maintainers}; a string that is no v4 fingerprint names none.
     */
    public boolean isMaintainer(String fingerprint) {
        return Fingerprint.tryParse(fingerprint)
                .filter(maintainerFingerprints::contains)
                .isPresent();
    }
}
