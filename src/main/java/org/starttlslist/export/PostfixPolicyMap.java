package org.starttlslist.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.PolicyList;

/**
 * A Postfix {@code smtp_tls_policy_maps} table, in the predecessor's layout (starttls-policy-cli's
 * {@code postfix_tls_policy}) so that operators who diffed its output see the same lines.
 *
 * <pre>
 * example.com       secure match=mx1.example.com:.mail.example.com
 * # example.net     undefined due to testing policy
 * </pre>
 *
 * <p>Keys are exact domains, as in the list: Postfix matches a table key {@code example.com} only
 * against the domain {@code example.com} (subdomains need a {@code .example.com} key, which we
 * never write). Each line is one domain; domains are sorted by code point; the domain column is
 * padded to the longest domain of the list, as the predecessor did.
 *
 * <p>A leading-dot pattern in {@code match=} is wider in Postfix than in the list: Postfix lets
 * {@code .example.com} match a certificate name at ANY depth below example.com, while the list's
 * rule is exactly one more label. The table cannot say "one label"; the README says what that means
 * for operators.
 */
public final class PostfixPolicyMap implements MtaConfigGenerator {
    static final String FALLBACK =
            "# Policy list is outdated. Falling back to opportunistic encryption.\n";
    static final String EMPTY = "# The policy list names no domains.\n";

    private final boolean earlyAdopter;
    private final Postconf postconf;

    /**
     * @param earlyAdopter treat {@code testing} domains as {@code enforce} (predecessor's issue
     *     #124)
     */
    public PostfixPolicyMap(boolean earlyAdopter) {
        this(earlyAdopter, new Postconf(java.util.Optional.empty()));
    }

    /**
     * @param postconf asks the Postfix configuration the instructions are for
     */
    public PostfixPolicyMap(boolean earlyAdopter, Postconf postconf) {
        this.earlyAdopter = earlyAdopter;
        this.postconf = postconf;
    }

    @Override
    public String mtaName() {
        return "Postfix";
    }

    @Override
    public String defaultFileName() {
        return "postfix_tls_policy";
    }

    @Override
    public byte[] generate(PolicyList list) {
        Map<String, InlinePolicy> policies = list.resolvedPolicies();
        if (policies.isEmpty()) {
            return EMPTY.getBytes(StandardCharsets.US_ASCII);
        }
        int width = policies.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, InlinePolicy> entry : policies.entrySet()) {
            String domain = pad(entry.getKey(), width);
            InlinePolicy policy = entry.getValue();
            if (policy.mode() == Mode.ENFORCE || earlyAdopter) {
                table.append(domain)
                        .append("  secure match=")
                        .append(matchList(policy))
                        .append('\n');
            } else {
                table.append("# ").append(domain).append(" undefined due to testing policy\n");
            }
        }
        // The list's names are A-labels (ASCII); anything else would have been refused earlier.
        return table.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String matchList(InlinePolicy policy) {
        return policy.mxs().stream().map(MxPattern::value).collect(Collectors.joining(":"));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    @Override
    public byte[] expiredFallback() {
        return FALLBACK.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String fallbackWritten(Path writtenFile) {
        return "Wrote the fallback table "
                + writtenFile
                + "; run 'postmap hash:"
                + writtenFile.toAbsolutePath()
                + "'.";
    }

    @Override
    public List<String> instructions(Path writtenFile) {
        String table = "hash:" + writtenFile.toAbsolutePath();
        List<String> lines =
                new java.util.ArrayList<>(
                        List.of(
                                "Next, build the lookup table Postfix reads (run this after every export):",
                                "  postmap " + table));
        lines.addAll(
                PostfixPolicyMaps.advice(
                        table, postconf.value(PostfixPolicyMaps.PARAMETER), postconf.options()));
        lines.add("and finally: postfix reload");
        return lines;
    }
}
