package org.starttlslist.export;

import java.nio.file.Path;
import java.util.List;
import org.starttlslist.model.PolicyList;

/**
 * Turns a verified, unexpired list into one MTA's configuration. A second MTA is one more
 * implementation; reading, verifying, the expiry rule and the atomic write stay in {@link
 * ListExporter}.
 */
public interface MtaConfigGenerator {
    /** The MTA's name, for messages ("Postfix"). */
    String mtaName();

    /** The file name used when the operator names no output file. */
    String defaultFileName();

    /**
     * Why the MTA could not use a file at {@code out}, or empty. Asked before anything is read or
     * written, so that a path the MTA would misread is refused up front.
     */
    default java.util.Optional<String> unusableOutput(Path out) {
        return java.util.Optional.empty();
    }

    /**
     * The whole configuration file for {@code list}, which has been checked and has not expired.
     */
    byte[] generate(PolicyList list);

    /**
     * The file written instead when the list has expired: mail must keep flowing with opportunistic
     * TLS rather than be held against a stale list (the predecessor's RULES.md).
     */
    byte[] expiredFallback();

    /** The one line saying the fallback file was written, and what the MTA needs to pick it up. */
    default String fallbackWritten(Path writtenFile) {
        return "Wrote the fallback file " + writtenFile + ".";
    }

    /** What the operator runs next to make the MTA use {@code writtenFile}, one line each. */
    List<String> instructions(Path writtenFile);
}
