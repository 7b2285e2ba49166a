package org.starttlslist.lifecycle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.starttlslist.failure.CouldNotCompleteException;
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
 * TXT look-ups with dnsjava, through a named resolver ({@code --resolver}) or the system's. One
 * query, no cache: the proof is read fresh every time a command needs it.
 */
public final class DnsTxtLookup implements TxtLookup {
    private final Resolver resolver;
    private final String describe;

    public DnsTxtLookup(Optional<InetSocketAddress> server, Duration timeout) {
        if (server.isPresent()) {
            SimpleResolver simple = new SimpleResolver(server.get());
            simple.setTimeout(timeout);
            this.resolver = simple;
            this.describe =
                    server.get().getAddress().getHostAddress() + ":" + server.get().getPort();
        } else {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            this.resolver = system;
            this.describe = "the system's resolver";
        }
    }

    @Override
    public List<String> txt(String name) {
        Message response;
        try {
            Name query = Name.fromString(name.endsWith(".") ? name : name + ".");
            response =
                    resolver.send(Message.newQuery(Record.newRecord(query, Type.TXT, DClass.IN)));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name", e);
        } catch (IOException e) {
            throw new CouldNotCompleteException(
                    "DNS did not answer for "
                            + name
                            + " TXT ("
                            + describe
                            + "): "
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage())
                            + "; try again later, or name a resolver with --resolver HOST:PORT",
                    e);
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new CouldNotCompleteException(
                    "DNS answered "
                            + Rcode.string(rcode)
                            + " for "
                            + name
                            + " TXT ("
                            + describe
                            + "); try again later");
        }
        List<String> texts = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        return texts;
    }
}
