package org.starttlslist.lifecycle;

import java.util.List;

/** Checks a domain's proof record through DNS. */
public final class ProofCheck {
    private final TxtLookup dns;

    public ProofCheck(TxtLookup dns) {
        this.dns = dns;
    }

    /** Whether a proof record at the domain names {@code contact}. */
    public boolean present(String domain, String contact) {
        return dns.txt(ProofRecord.ownerName(domain)).stream()
                .flatMap(text -> ProofRecord.parse(text).stream())
                .anyMatch(record -> record.names(contact));
    }

    /**
     * Throws {@link ProofMissingException}, naming the record to publish, unless the proof is
     * present.
     */
    public void require(String domain, String contact) {
        List<String> found = dns.txt(ProofRecord.ownerName(domain));
        boolean ok =
                found.stream()
                        .flatMap(text -> ProofRecord.parse(text).stream())
                        .anyMatch(record -> record.names(contact));
        if (!ok) {
            throw new ProofMissingException(domain, contact, found);
        }
    }
}
