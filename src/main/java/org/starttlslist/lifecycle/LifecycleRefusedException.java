package org.starttlslist.lifecycle;

import org.starttlslist.failure.RejectedException;

/**
 * A lifecycle command refused on the state of the repository: the domain is already listed, not
 * listed, removed, uses a shared policy, or the change is not one the rules allow. The message
 * names the domain and what to do.
 */
public final class LifecycleRefusedException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String domain;

    public LifecycleRefusedException(String domain, String message) {
        super(domain + ": " + message);
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }
}
