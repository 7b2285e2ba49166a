package org.starttlslist.check;

import java.time.Duration;
import java.util.List;
import org.starttlslist.model.HostNames;

/** An MTA-STS policy (RFC 8461 §3.2) as fetched and parsed; {@code id} is from the TXT record. */
public record MtaStsPolicy(String id, String mode, Duration maxAge, List<String> mx) {
    public MtaStsPolicy {
        mx = List.copyOf(mx);
    }

    /**
     * RFC 8461 §4.1: a pattern is a host name, or {@code *.} and a suffix matching exactly one more
     * label.
     */
    public boolean allows(String host) {
        for (String pattern : mx) {
            String lower = HostNames.foldCase(pattern);
            if (lower.startsWith("*.")) {
                String suffix = lower.substring(1);
                if (host.endsWith(suffix)
                        && host.length() > suffix.length()
                        && host.indexOf('.') == host.length() - suffix.length()) {
                    return true;
                }
            } else if (lower.equals(host)) {
                return true;
            }
        }
        return false;
    }
}
