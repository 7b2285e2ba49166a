package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.starttlslist.model.DomainName;

/** The lifecycle commands' edge: a typed domain becomes a {@link DomainName} once. */
class DomainEditsTest {
    @Test
    void domainName_foldsCaseAndTheTrailingDot() {
        assertEquals(new DomainName("leaving.example"), DomainEdits.domainName("Leaving.EXAMPLE."));
    }

    @Test
    void domainName_refusesABrokenName_namingItAndTheRule() {
        LifecycleRefusedException e =
                assertThrows(
                        LifecycleRefusedException.class,
                        () -> DomainEdits.domainName("leaving_example.com"));
        assertTrue(
                e.getMessage()
                        .contains(
                                "the domain name has the character '_'; only letters, digits,"
                                        + " hyphens and dots are allowed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("leaving_example.com"), e.getMessage());
    }
}
