package org.starttlslist.release;

import java.time.Instant;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.starttlslist.signing.SigningKey;

/**
 * Signs git objects with the maintainer's key file, through JGit's {@link Signer} SPI.
 *
 * <p>JGit's own OpenPGP signer looks keys up only in the GnuPG home; ours signs with the key the
 * release was given and ignores every setting JGit passes in (signing key id, gpg program, format),
 * so nothing in the user's git or GnuPG configuration can change what signs a release. The
 * signature is the same detached OpenPGP signature as {@code policy.json.asc}, over exactly the
 * bytes of the object without its signature, which is what {@code git verify-tag} checks.
 */
public final class OpenPgpTagSigner implements Signer {
    private final SigningKey key;
    private final Instant signingTime;

    public OpenPgpTagSigner(SigningKey key, Instant signingTime) {
        this.key = key;
        this.signingTime = signingTime;
    }

    /** What to pass as the signing key to JGit, for its messages only. */
    public String keyId() {
        return key.primaryFingerprint();
    }

    @Override
    public GpgSignature sign(
            Repository repository,
            GpgConfig config,
            byte[] data,
            PersonIdent committer,
            String signingKey,
            CredentialsProvider credentialsProvider) {
        return new GpgSignature(key.signDetached(data, signingTime));
    }

    @Override
    public boolean canLocateSigningKey(
            Repository repository,
            GpgConfig config,
            PersonIdent committer,
            String signingKey,
            CredentialsProvider credentialsProvider) {
        return true;
    }
}
