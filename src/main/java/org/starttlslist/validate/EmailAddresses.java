package org.starttlslist.validate;

import java.util.Locale;
import java.util.Optional;
import org.starttlslist.model.HostNames;

/**
 * The e-mail addresses we accept for {@code contact} and the release committer: a dot-atom local
 * part (RFC 5322, no quoted strings, no comments) at a domain in the list's own grammar.
 */
public final class EmailAddresses {
    private static final String ATEXT = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddresses() {}

    /** Why {@code text} is not an address we accept, as a phrase completing "the address …". */
    public static Optional<String> problem(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return Optional.of("has no '@'; write it as name@example.com");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.isEmpty() || local.length() > 64) {
            return Optional.of(
                    "has a local part (before '@') that is empty or longer than 64 characters");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.of("has a local part with a leading, trailing or double dot");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || ATEXT.indexOf(c) >= 0;
            if (!ok) {
                return Optional.of(
                        "has the character '"
                                + c
                                + "' before '@', which an address cannot hold unquoted");
            }
        }
        Optional<String> domainProblem = HostNames.problem(domain.toLowerCase(Locale.ROOT));
        return domainProblem.map(p -> "has a domain '" + domain + "' that " + p);
    }
}
