package org.starttlslist.check;

import java.util.List;

/**
 * An MX host of a domain as DNS gave it, with its addresses' probes (A-label, lower case, no
 * trailing dot).
 */
public record MxHost(
        String name, int preference, List<String> addresses, List<AddressProbe> probes) {
    public MxHost {
        addresses = List.copyOf(addresses);
        probes = List.copyOf(probes);
    }
}
