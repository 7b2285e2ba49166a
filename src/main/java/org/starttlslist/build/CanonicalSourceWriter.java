package org.starttlslist.build;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Policy;

/**
 * The canonical form of a source file, as {@code import} writes it and {@code fmt} rewrites it: the
 * layout of the published list ({@code package-info.java}), with the keys of a domain file in the
 * order {@code contact}, {@code testing-since}, then {@code mode}, {@code mxs} or {@code
 * policy-alias}, and of an alias file {@code mode}, {@code mxs}; MX patterns lower case, without
 * duplicates, sorted.
 */
public final class CanonicalSourceWriter {
    private CanonicalSourceWriter() {}

    /** A domain file; {@code contact} is written even when empty, so validate names the file. */
    public static byte[] domain(String contact, Optional<LocalDate> testingSince, Policy policy) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("contact", contact);
        testingSince.ifPresent(date -> root.put("testing-since", date.toString()));
        if (policy instanceof AliasReference reference) {
            root.put("policy-alias", reference.alias());
        } else {
            root.putAll(CanonicalListWriter.inlineTree((InlinePolicy) policy));
        }
        return CanonicalJson.toBytes(root);
    }

    /** An alias file. */
    public static byte[] alias(InlinePolicy policy) {
        return CanonicalJson.toBytes(CanonicalListWriter.inlineTree(policy));
    }
}
