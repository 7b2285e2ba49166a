package org.starttlslist.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.starttlslist.model.HostNames;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS questions the checker asks, through dnsjava and the resolver the caller named (or the
 * system's). CNAME chains are followed here, up to {@value #MAX_CNAMES}, because a resolver may
 * return only the first link. NXDOMAIN and "no such record" are answers; anything else that is not
 * NOERROR, and every time-out, is a {@link DnsFailedException}.
 */
final class Dns {
    private static final int MAX_CNAMES = 8;

    private final Resolver resolver;

    Dns(Optional<InetSocketAddress> server, Duration timeout) {
        Resolver chosen =
                server.isPresent() ? new SimpleResolver(server.get()) : new ExtendedResolver();
        chosen.setTimeout(timeout);
        this.resolver = chosen;
    }

    /**
     * An answer: the records of the asked type (after CNAMEs), whether the name exists, and the
     * CNAMEs crossed.
     */
    record Answer(List<Record> records, boolean nxdomain, List<String> cnames) {}

    /**
     * Answers received or awaited in this run: hundreds of domains name the same provider's MX
     * hosts, and each question goes to the resolver once. Failures are not kept.
     */
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();

    Answer query(String name, int type) throws DnsFailedException {
        String key = HostNames.foldCase(name) + " " + type;
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> known = answers.putIfAbsent(key, mine);
        if (known != null) {
            try {
                return known.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof DnsFailedException failed) {
                    throw new DnsFailedException(failed.getMessage(), failed);
                }
                throw e;
            }
        }
        try {
            Answer answer = ask(name, type);
            mine.complete(answer);
            return answer;
        } catch (DnsFailedException | RuntimeException e) {
            answers.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Asks now, on {@code threads}, so that a later {@link #query} finds the answer waiting. */
    void prefetch(Executor threads, String name, int type) {
        threads.execute(
                () -> {
                    try {
                        query(name, type);
                    } catch (DnsFailedException e) {
                        // the real question will ask again and report it
                    }
                });
    }

    private Answer ask(String name, int type) throws DnsFailedException {
        Name current = absolute(name);
        List<String> cnames = new ArrayList<>();
        for (int hop = 0; hop <= MAX_CNAMES; hop++) {
            Message response = send(current, type);
            int rcode = response.getRcode();
            List<Record> matching = new ArrayList<>();
            // Walk the answer as a chain from the current name, so a stray record cannot be taken.
            Name owner = current;
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Record record : response.getSection(Section.ANSWER)) {
                    if (record.getName().equals(owner)
                            && record instanceof CNAMERecord cname
                            && type != Type.CNAME) {
                        cnames.add(text(cname.getTarget()));
                        owner = cname.getTarget();
                        moved = true;
                        break;
                    }
                }
            }
            for (Record record : response.getSection(Section.ANSWER)) {
                if (record.getName().equals(owner) && record.getType() == type) {
                    matching.add(record);
                }
            }
            if (!matching.isEmpty()) {
                return new Answer(matching, false, cnames);
            }
            if (rcode == Rcode.NXDOMAIN) {
                return new Answer(List.of(), true, cnames);
            }
            if (rcode != Rcode.NOERROR) {
                throw new DnsFailedException(
                        "the resolver answered "
                                + Rcode.string(rcode)
                                + " for "
                                + text(current)
                                + " "
                                + Type.string(type));
            }
            if (owner.equals(current)) {
                return new Answer(List.of(), false, cnames);
            }
            current = owner;
        }
        throw new DnsFailedException("more than " + MAX_CNAMES + " CNAMEs from " + name);
    }

    /**
     * A and AAAA addresses of {@code host}, IPv4 first; the CNAMEs crossed go to {@code cnamesOut}.
     */
    List<InetAddress> addresses(String host, List<String> cnamesOut) throws DnsFailedException {
        List<InetAddress> addresses = new ArrayList<>();
        Answer a = query(host, Type.A);
        for (Record record : a.records()) {
            addresses.add(((ARecord) record).getAddress());
        }
        Answer aaaa = query(host, Type.AAAA);
        for (Record record : aaaa.records()) {
            addresses.add(((AAAARecord) record).getAddress());
        }
        cnamesOut.addAll(a.cnames());
        return addresses;
    }

    /** The TXT records at {@code name}, each joined from its strings (RFC 7208 §3.3 style). */
    List<String> txt(String name) throws DnsFailedException {
        List<String> texts = new ArrayList<>();
        for (Record record : query(name, Type.TXT).records()) {
            texts.add(String.join("", ((TXTRecord) record).getStrings()));
        }
        return texts;
    }

    private Message send(Name name, int type) throws DnsFailedException {
        try {
            return resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException e) {
            throw new DnsFailedException(
                    "no answer from the resolver for "
                            + text(name)
                            + " "
                            + Type.string(type)
                            + " ("
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage())
                            + ")",
                    e);
        }
    }

    private static Name absolute(String name) throws DnsFailedException {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new DnsFailedException("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    /** Lower case, no trailing dot. */
    static String text(Name name) {
        return HostNames.foldCase(name.toString(true));
    }
}
