package org.starttlslist.verify;

import java.util.Map;
import org.starttlslist.model.HostNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Folds the host names of a parsed list to lower case, in a copy.
 *
 * <p>Why: host names are case-insensitive (RFC 4343), and the predecessor's last real list holds
 * eight upper-case MX names that our strict schema refuses. A list signed by a pinned key must
 * still verify, so the schema check runs on this folded copy; the signed bytes are never changed.
 * Only ASCII letters fold: an upper-case non-ASCII letter stays and the schema refuses it.
 */
final class HostNameCase {
    private HostNameCase() {}

    /**
     * {@code list} with domain keys and {@code mxs} entries in lower case: the same tree when they
     * already are (every list we publish; copying a large one costs more than checking it),
     * otherwise a folded copy.
     */
    static JsonNode fold(JsonNode list) {
        if (!hasUpperCase(list)) {
            return list;
        }
        JsonNode copy = list.deepCopy();
        if (!(copy instanceof ObjectNode root)) {
            return copy;
        }
        if (root.get("policies") instanceof ObjectNode policies) {
            ObjectNode folded = root.objectNode();
            for (Map.Entry<String, JsonNode> entry : policies.properties()) {
                String domain = HostNames.foldCase(entry.getKey());
                if (folded.has(domain)) {
                    throw new ListInvalidException(
                            "/policies/" + domain,
                            "domain '"
                                    + domain
                                    + "' is listed twice (names differ only in case, and case does not matter)");
                }
                folded.set(domain, foldMxs(entry.getValue()));
            }
            root.set("policies", folded);
        }
        if (root.get("policy-aliases") instanceof ObjectNode aliases) {
            for (Map.Entry<String, JsonNode> entry : aliases.properties()) {
                foldMxs(entry.getValue());
            }
        }
        return root;
    }

    private static JsonNode foldMxs(JsonNode policy) {
        if (policy.get("mxs") instanceof ArrayNode mxs) {
            for (int i = 0; i < mxs.size(); i++) {
                if (mxs.get(i).isString()) {
                    mxs.set(i, mxs.stringNode(HostNames.foldCase(mxs.get(i).stringValue())));
                }
            }
        }
        return policy;
    }

    private static boolean hasUpperCase(JsonNode list) {
        if (list.get("policies") instanceof ObjectNode policies) {
            for (Map.Entry<String, JsonNode> entry : policies.properties()) {
                if (HostNames.hasUpperCase(entry.getKey()) || mxsHaveUpperCase(entry.getValue())) {
                    return true;
                }
            }
        }
        if (list.get("policy-aliases") instanceof ObjectNode aliases) {
            for (Map.Entry<String, JsonNode> entry : aliases.properties()) {
                if (mxsHaveUpperCase(entry.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mxsHaveUpperCase(JsonNode policy) {
        if (policy.get("mxs") instanceof ArrayNode mxs) {
            for (JsonNode mx : mxs) {
                if (mx.isString() && HostNames.hasUpperCase(mx.stringValue())) {
                    return true;
                }
            }
        }
        return false;
    }
}
