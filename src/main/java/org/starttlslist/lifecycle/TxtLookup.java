package org.starttlslist.lifecycle;

import java.util.List;

/** DNS TXT look-ups, through the resolver the caller chose ({@code --resolver} in the CLI). */
public interface TxtLookup {
    /**
     * The TXT records at {@code name}, each as its strings joined; empty when the name or type does
     * not exist. Throws {@link org.starttlslist.failure.CouldNotCompleteException} when DNS cannot
     * answer (timeout, SERVFAIL), which is not the same as "no record".
     */
    List<String> txt(String name);
}
