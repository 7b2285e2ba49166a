package org.starttlslist.lifecycle;

import java.util.List;
import org.starttlslist.failure.RejectedException;

/** The domain's proof record is absent, or names someone else. */
public final class ProofMissingException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String domain;
    private final String contact;
    private final List<String> found;

    public ProofMissingException(String domain, String contact, List<String> found) {
        super(message(domain, contact, found));
        this.domain = domain;
        this.contact = contact;
        this.found = List.copyOf(found);
    }

    private static String message(String domain, String contact, List<String> found) {
        String seen =
                found.isEmpty()
                        ? "there is no TXT record at " + ProofRecord.ownerName(domain)
                        : "the TXT records at "
                                + ProofRecord.ownerName(domain)
                                + " do not name "
                                + contact
                                + " (found: "
                                + String.join(" | ", found)
                                + ")";
        return domain
                + ": no proof of control: "
                + seen
                + "; publish "
                + ProofRecord.zoneLine(domain, contact)
                + " and try again once it is visible in DNS";
    }

    public String domain() {
        return domain;
    }

    public String contact() {
        return contact;
    }

    public List<String> found() {
        return found;
    }
}
