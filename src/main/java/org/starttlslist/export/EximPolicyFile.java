package org.starttlslist.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.starttlslist.model.InlinePolicy;
import org.starttlslist.model.Mode;
import org.starttlslist.model.MxPattern;
import org.starttlslist.model.PolicyList;

/**
 * An Exim {@code lsearch} file: each enforced domain, then the MX host names it may use, as an Exim
 * host list of anchored regular expressions.
 *
 * <pre>
 * example.com:  ^(?i)mx1\.example\.com$ : ^(?i)[^.]+\.mail\.example\.com$
 * # example.net: undefined due to testing policy
 * </pre>
 *
 * <p>The file does nothing alone; {@link #snippet} is the part of Exim's configuration that uses
 * it, and the two together give the list's rule:
 *
 * <ol>
 *   <li>a {@code dnslookup} router for the listed domains whose {@code ignore_target_hosts} drops
 *       every MX host that matches none of the domain's patterns, as if it were not in the DNS;
 *   <li>a {@code redirect} router that defers a listed domain when no MX host is left, so the mail
 *       waits in the queue instead of bouncing or leaving by the ordinary router;
 *   <li>an {@code smtp} transport that requires TLS, a certificate chain the sender trusts, and a
 *       certificate name matching the MX host name ({@code tls_verify_cert_hostnames}).
 * </ol>
 *
 * Host name matches a pattern, and certificate matches host name: so the certificate matches a
 * pattern. Exim checks the certificate against the MX host's name rather than against the patterns
 * themselves (Postfix's {@code match=}), which is what the list's checker requires of a domain
 * anyway (its MX hosts covered by the patterns, each with a valid certificate for its name).
 *
 * <p>Why regular expressions: in an Exim host list, a plain name ({@code mx1.example.com}) is
 * matched by looking up its IP addresses and comparing them with the host's, not by name, and
 * {@code *.example.com} matches names at any depth. An anchored expression matches the name itself,
 * and {@code [^.]+} is exactly one label: the list's rule, with nothing wider. Names are matched
 * without regard to case ({@code (?i)}), as DNS does.
 *
 * <p>The predecessor's unmerged Exim branch wrote a {@code manualroute} route list that routed to
 * the patterns themselves (which cannot work for a suffix) plus two key files; see the README.
 */
public final class EximPolicyFile implements MtaConfigGenerator {
    static final String HEADER =
            "# STARTTLS policy list for Exim (lsearch): domain, then the MX host names it may use.\n"
                    + "# Used by the routers and transport in the README's Exim snippet; every other MX host is ignored.\n";
    static final String FALLBACK =
            "# Policy list is outdated. Falling back to opportunistic encryption.\n";
    static final String EMPTY = "# The policy list names no domains.\n";

    /** What {@link #snippet} verifies certificates against unless the operator names a CA file. */
    public static final String SYSTEM_TRUST = "system";

    private final boolean earlyAdopter;

    /**
     * @param earlyAdopter treat {@code testing} domains as {@code enforce}
     */
    public EximPolicyFile(boolean earlyAdopter) {
        this.earlyAdopter = earlyAdopter;
    }

    @Override
    public String mtaName() {
        return "Exim";
    }

    @Override
    public String defaultFileName() {
        return "exim_tls_policy";
    }

    @Override
    public java.util.Optional<String> unusableOutput(Path out) {
        return pathProblem(out.toAbsolutePath().toString());
    }

    /** Exim reads the path inside a list (':') and an expansion ('}', '$', '\\'). */
    private static java.util.Optional<String> pathProblem(String path) {
        for (String special : List.of(":", "}", "$", "\\", "\n")) {
            if (path.contains(special)) {
                return java.util.Optional.of(
                        "Exim cannot use the path "
                                + path.strip()
                                + " in its configuration: it contains "
                                + (special.equals("\n") ? "a line break" : "'" + special + "'")
                                + "; choose a path without : } $ or \\");
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public byte[] generate(PolicyList list) {
        Map<String, InlinePolicy> policies = list.resolvedPolicies();
        if (policies.isEmpty()) {
            return EMPTY.getBytes(StandardCharsets.US_ASCII);
        }
        int width = policies.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        StringBuilder file = new StringBuilder(HEADER);
        for (Map.Entry<String, InlinePolicy> entry : policies.entrySet()) {
            InlinePolicy policy = entry.getValue();
            if (policy.mode() == Mode.ENFORCE || earlyAdopter) {
                String key = entry.getKey() + ":";
                file.append(key)
                        .append(" ".repeat(width - key.length() + 2))
                        .append(hostList(policy))
                        .append('\n');
            } else {
                file.append("# ")
                        .append(entry.getKey())
                        .append(": undefined due to testing policy\n");
            }
        }
        return file.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String hostList(InlinePolicy policy) {
        return policy.mxs().stream()
                .map(EximPolicyFile::hostPattern)
                .collect(Collectors.joining(" : "));
    }

    /**
     * One list pattern as an Exim host-list item that matches host names exactly as the list does.
     * Names hold only letters, digits, hyphens and dots (A-labels), so only the dots need escaping.
     */
    static String hostPattern(MxPattern pattern) {
        String escaped = pattern.value().replace(".", "\\.");
        // A suffix's escaped form starts with "\." — one label, then the suffix.
        return pattern.isSuffix() ? "^(?i)[^.]+" + escaped + "$" : "^(?i)" + escaped + "$";
    }

    @Override
    public byte[] expiredFallback() {
        return FALLBACK.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String fallbackWritten(Path writtenFile) {
        return "Wrote the fallback file " + writtenFile + "; Exim reads it at the next delivery.";
    }

    @Override
    public List<String> instructions(Path writtenFile) {
        List<String> lines = new ArrayList<>();
        lines.add("Exim reads this file at every delivery; nothing to rebuild after an export.");
        lines.add(
                "Once, add this to Exim's configuration (the routers before your dnslookup router; on Debian's split");
        lines.add(
                "configuration: /etc/exim4/conf.d/router/190_starttls-list and /etc/exim4/conf.d/transport/30_starttls-list,");
        lines.add("then update-exim4.conf and systemctl reload exim4):");
        lines.add("");
        snippet(writtenFile.toAbsolutePath(), SYSTEM_TRUST)
                .lines()
                .map(line -> line.isEmpty() ? "" : "  " + line)
                .forEach(lines::add);
        return lines;
    }

    /**
     * The routers and transport that make Exim apply {@code policyFile}. The routers go in Exim's
     * {@code begin routers} section before the router that delivers to the internet ({@code
     * dnslookup}), the transport anywhere in {@code begin transports}.
     *
     * @param verifyCertificates the value of {@code tls_verify_certificates}: {@code system}, or a
     *     CA file (the tests use their own CA)
     */
    public static String snippet(Path policyFile, String verifyCertificates) {
        return "# begin routers: before your dnslookup router\n"
                + routers(policyFile)
                + "\n# begin transports\n"
                + transport(verifyCertificates);
    }

    /** The two routers of {@link #snippet}. */
    public static String routers(Path policyFile) {
        String file = policyFile.toString();
        pathProblem(file)
                .ifPresent(
                        problem -> {
                            throw new IllegalArgumentException(problem);
                        });
        return """
                starttls_list:
                  driver = dnslookup
                  domains = lsearch;%1$s
                  # MX hosts that match none of the domain's patterns are ignored, as if absent from the DNS.
                  ignore_target_hosts = ${map{${lookup{$domain}lsearch{%1$s}}}{! $item}} : *
                  transport = starttls_list_smtp
                starttls_list_no_mx:
                  driver = redirect
                  domains = lsearch;%1$s
                  allow_defer
                  # No MX host left: keep the mail queued rather than send it elsewhere or bounce it.
                  data = :defer: no MX host of $domain matches its STARTTLS policy list entry
                """
                .formatted(file);
    }

    /** The transport of {@link #snippet}. */
    public static String transport(String verifyCertificates) {
        return """
                starttls_list_smtp:
                  driver = smtp
                  hosts_require_tls = *
                  tls_tempfail_tryclear = false
                  tls_verify_hosts = *
                  tls_verify_cert_hostnames = *
                  tls_verify_certificates = %s
                  # The list asks for a CA-signed certificate for the MX name, as Postfix's 'secure' does.
                  hosts_try_dane =
                """
                .formatted(verifyCertificates);
    }
}
