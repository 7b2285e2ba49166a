package org.starttlslist.validate;

import java.util.List;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.source.DomainSource;

/**
 * A domain source file that passed every check, as its JSON was read: a {@link DomainKeeper} takes
 * what it needs of it, and the model objects of a {@link DomainSource} are made only for a keeper
 * that asks for them ({@link #source()}).
 *
 * <p>Why: {@code build} needs of each domain its name and policy as text, to write its bytes in the
 * list. Making the source first (an {@link MxPattern} per MX host, which checks the name the file's
 * checks have just checked, the contact, the testing-since date) was half of what {@code build}
 * spent on a domain beyond what {@code validate} spends (100,000 domains: ~0.15 s of CPU).
 */
public interface CheckedDomain {
    /** The domain's name (its file's name). */
    String name();

    /** The alias whose policy it uses ({@code policy-alias}), or null when it has its own. */
    String alias();

    /** Its own policy's mode; only when {@link #alias()} is null. */
    Mode mode();

    /**
     * Its own policy's MX patterns as the file lists them, each checked to be a well-formed pattern
     * and none repeated; only when {@link #alias()} is null.
     */
    List<String> mxs();

    /** The source, loaded into the model: made on each call. */
    DomainSource source();

    /** A source already loaded, as a checked domain (e.g. from a {@code SourceSet}). */
    static CheckedDomain of(DomainSource source) {
        return new CheckedDomain() {
            @Override
            public String name() {
                return source.domain();
            }

            @Override
            public String alias() {
                return source.policy() instanceof AliasReference reference
                        ? reference.alias()
                        : null;
            }

            @Override
            public Mode mode() {
                return ((InlinePolicy) source.policy()).mode();
            }

            @Override
            public List<String> mxs() {
                return ((InlinePolicy) source.policy())
                        .mxs().stream().map(MxPattern::value).toList();
            }

            @Override
            public DomainSource source() {
                return source;
            }
        };
    }
}
