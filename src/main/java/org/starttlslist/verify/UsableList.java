package org.starttlslist.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.starttlslist.failure.Printable;
import org.starttlslist.json.Json;
import org.starttlslist.json.NotJsonException;
import org.starttlslist.listfile.MalformedListException;
import org.starttlslist.listfile.PolicyListParser;
import org.starttlslist.model.AliasReference;
import org.starttlslist.model.HostNames;
import org.starttlslist.model.Policy;
import org.starttlslist.model.PolicyList;
import org.starttlslist.validate.PublishedListSchema;
import tools.jackson.databind.JsonNode;

/**
 * The one definition of "a usable list", run by {@link ListVerifier} on signed bytes and by {@code
 * export} on a list the operator chose not to verify: strict UTF-8 JSON without duplicate keys,
 * valid against the published-list schema, readable by the parser, every domain a canonical name
 * and every alias reference resolved. Whatever a consumer relies on belongs here, so a list that
 * verifies can always be exported.
 */
public final class UsableList {
    private UsableList() {}

    /**
     * The list in these bytes; {@link ListInvalidException} with a JSON pointer when it is not
     * usable.
     */
    public static PolicyList read(byte[] list) {
        PolicyList parsed = PublishedListFastPath.read(list).orElseGet(() -> readBySchema(list));
        requireUsable(parsed);
        return parsed;
    }

    /**
     * The summary of the list in these bytes (as {@link ListSummary#of} of {@link #read}), refused
     * exactly as {@link #read} refuses: counted on the bytes when {@link
     * PublishedListFastPath#summarize} can prove it, otherwise read in full.
     */
    public static ListSummary summarize(byte[] list) {
        return PublishedListFastPath.summarize(list).orElseGet(() -> ListSummary.of(read(list)));
    }

    /**
     * The plain path: a strict parse into a tree, case folding, the published-list schema through
     * networknt, then the parser. {@link #read} takes it whenever {@link PublishedListFastPath}
     * cannot prove the list, so every refusal is worded by this path; tests compare the two.
     */
    static PolicyList readBySchema(byte[] list) {
        JsonNode tree;
        try {
            tree = Json.readStrict(list);
        } catch (NotJsonException e) {
            throw new ListInvalidException(
                    "", "line " + e.line() + ", column " + e.column() + ": it " + e.getMessage());
        }
        JsonNode folded = HostNameCase.fold(tree);
        List<PublishedListSchema.Violation> violations = PublishedListSchema.check(folded);
        if (!violations.isEmpty()) {
            PublishedListSchema.Violation first = violations.get(0);
            throw new ListInvalidException(
                    first.pointer(),
                    first.message()
                            + (violations.size() > 1
                                    ? " (and "
                                            + (violations.size() - 1)
                                            + " more schema violations)"
                                    : ""));
        }
        PolicyList parsed;
        try {
            parsed = PolicyListParser.parse(folded);
        } catch (MalformedListException e) {
            throw new ListInvalidException(e.pointer(), e.getMessage());
        }
        return parsed;
    }

    static void requireUsable(PolicyList list) {
        for (Map.Entry<String, Policy> entry : list.policies().entrySet()) {
            // The pointer is built only for a refusal: 100,000 strings otherwise.
            Optional<String> problem = HostNames.problem(entry.getKey());
            if (problem.isPresent()) {
                throw new ListInvalidException(
                        "/policies/" + entry.getKey(),
                        "the domain '"
                                + Printable.escape(entry.getKey())
                                + "' "
                                + problem.get()
                                + " (a leading dot would make Postfix apply the policy to every subdomain)");
            }
            if (entry.getValue() instanceof AliasReference reference
                    && !list.aliases().containsKey(reference.alias())) {
                throw new ListInvalidException(
                        "/policies/" + entry.getKey() + "/policy-alias",
                        "refers to the alias '"
                                + Printable.escape(reference.alias())
                                + "', which /policy-aliases does not define");
            }
        }
    }
}
