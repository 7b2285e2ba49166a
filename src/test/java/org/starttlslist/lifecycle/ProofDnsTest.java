package org.starttlslist.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.starttlslist.testing.servers.Dnsmasq;

/** Proof records read from a real dnsmasq on loopback. */
class ProofDnsTest {
    @TempDir Path temp;

    @Test
    void proofRecords_fromDns() {
        Dnsmasq.Zone zone =
                new Dnsmasq.Zone()
                        .txt(
                                "_starttls-list.good.test",
                                "v=STARTTLS-LIST1; contact=postmaster@good.test")
                        .txt(
                                "_starttls-list.other.test",
                                "v=STARTTLS-LIST1; contact=someone@evil.test")
                        .txt("_starttls-list.two.test", "v=spf1 -all")
                        .txt(
                                "_starttls-list.two.test",
                                "v=starttls-list1;contact=hostmaster@TWO.test;")
                        .txt("_starttls-list.old.test", "contact=postmaster@old.test");
        try (Dnsmasq dns = Dnsmasq.start(temp.resolve("dns"), zone)) {
            ProofCheck proof =
                    new ProofCheck(
                            new DnsTxtLookup(Optional.of(dns.address()), Duration.ofSeconds(5)));
            assertTrue(proof.present("good.test", "postmaster@good.test"));
            assertFalse(
                    proof.present("good.test", "hostmaster@good.test"), "it names another contact");
            assertFalse(proof.present("other.test", "postmaster@other.test"));
            assertTrue(
                    proof.present("two.test", "hostmaster@two.test"),
                    "one of several records, case-insensitive version and domain");
            assertFalse(proof.present("old.test", "postmaster@old.test"), "no version tag");
            ProofMissingException missing =
                    assertThrows(
                            ProofMissingException.class,
                            () -> proof.require("absent.test", "postmaster@absent.test"));
            assertEquals(List.of(), missing.found());
            assertTrue(
                    missing.getMessage()
                            .contains(
                                    "publish _starttls-list.absent.test. 3600 IN TXT \"v=STARTTLS-LIST1; contact=postmaster@absent.test\""),
                    missing.getMessage());
            ProofMissingException wrong =
                    assertThrows(
                            ProofMissingException.class,
                            () -> proof.require("other.test", "postmaster@other.test"));
            assertTrue(
                    wrong.getMessage()
                            .contains("found: v=STARTTLS-LIST1; contact=someone@evil.test"),
                    wrong.getMessage());
        }
    }

    @Test
    void parse_syntax() {
        assertEquals(
                Optional.of(new ProofRecord("a@b.example")),
                ProofRecord.parse("v=STARTTLS-LIST1; contact=a@b.example"));
        assertEquals(
                Optional.of(new ProofRecord("a@b.example")),
                ProofRecord.parse(" v = starttls-list1 ;contact= a@b.example ; pr=12"));
        assertEquals(
                Optional.empty(),
                ProofRecord.parse("contact=a@b.example; v=STARTTLS-LIST1"),
                "v first");
        assertEquals(Optional.empty(), ProofRecord.parse("v=STARTTLS-LIST2; contact=a@b.example"));
        assertEquals(Optional.empty(), ProofRecord.parse("v=STARTTLS-LIST1"));
        assertEquals(
                Optional.empty(),
                ProofRecord.parse("v=STARTTLS-LIST1; contact=a@b.example; contact=c@d.example"));
        assertEquals(Optional.empty(), ProofRecord.parse("v=STARTTLS-LIST1;; contact=a@b.example"));
        assertEquals(Optional.empty(), ProofRecord.parse("v=STARTTLS-LIST1; contact"));
        assertTrue(new ProofRecord("Post.Master@B.Example").names("Post.Master@b.example"));
        assertFalse(
                new ProofRecord("post.master@b.example").names("Post.Master@b.example"),
                "local parts are exact");
    }
}
