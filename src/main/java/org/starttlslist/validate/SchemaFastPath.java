package org.starttlslist.validate;

import java.time.DateTimeException;
import java.util.Iterator;
import java.util.Map;
import org.starttlslist.model.AliasName;
import org.starttlslist.validate.SourceSchemas.Kind;
import tools.jackson.databind.JsonNode;

/**
 * A hand-written proof that a domain or alias source matches its schema, so that the schema engine
 * walks only the files this cannot vouch for. Walking networknt's validators over 100,000 small
 * files cost more than reading and parsing them; this check is a few comparisons per value.
 *
 * <p>It is one-sided on purpose: {@code true} means the schema would report nothing, and anything
 * it does not recognise (a number where a string belongs, an odd date, a stray field) answers
 * {@code false} and goes to the schema, which then says what is wrong in its usual words. So the
 * findings are the same with or without it; {@code SchemaFastPathTest} holds it to that on the
 * validate corpus and on generated hostile documents. Keep it in step with {@code
 * schema/domain-source.schema.json} and {@code schema/alias-source.schema.json}.
 */
final class SchemaFastPath {
    private SchemaFastPath() {}

    /**
     * True only when {@code root} provably satisfies the schema of {@code kind}; never for the
     * config.
     */
    static boolean conforms(Kind kind, JsonNode root) {
        return switch (kind) {
            case DOMAIN -> domain(root);
            case ALIAS -> alias(root);
            case CONFIG -> false;
        };
    }

    private static boolean domain(JsonNode root) {
        if (!root.isObject()) {
            return false;
        }
        boolean contact = false;
        boolean alias = false;
        boolean mode = false;
        boolean mxs = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "contact" -> {
                    if (!isString(value, 3, 254)) {
                        return false;
                    }
                    contact = true;
                }
                case "testing-since" -> {
                    if (!isDate(value)) {
                        return false;
                    }
                }
                case "mode" -> {
                    if (!isMode(value)) {
                        return false;
                    }
                    mode = true;
                }
                case "mxs" -> {
                    if (!isMxs(value)) {
                        return false;
                    }
                    mxs = true;
                }
                case "policy-alias" -> {
                    if (!value.isString() || !AliasName.isValid(value.stringValue())) {
                        return false;
                    }
                    alias = true;
                }
                default -> {
                    return false;
                }
            }
        }
        // required: contact; if policy-alias then no mode or mxs, else both.
        return contact && (alias ? !mode && !mxs : mode && mxs);
    }

    private static boolean alias(JsonNode root) {
        if (!root.isObject() || root.size() != 2) {
            return false;
        }
        JsonNode mode = root.get("mode");
        JsonNode mxs = root.get("mxs");
        return mode != null && mxs != null && isMode(mode) && isMxs(mxs);
    }

    private static boolean isString(JsonNode value, int minLength, int maxLength) {
        if (!value.isString()) {
            return false;
        }
        String text = value.stringValue();
        // JSON Schema counts code points; a string of chars in that range surely qualifies.
        return text.length() >= minLength
                && text.length() <= maxLength
                && text.codePointCount(0, text.length()) >= minLength;
    }

    private static boolean isMode(JsonNode value) {
        return value.isString()
                && (value.stringValue().equals("testing") || value.stringValue().equals("enforce"));
    }

    /** YYYY-MM-DD, a real day of a year from 1900 on (the schema's pattern plus format "date"). */
    private static boolean isDate(JsonNode value) {
        if (!value.isString()) {
            return false;
        }
        String text = value.stringValue();
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
                return false;
            }
        }
        try {
            return SourceFileCheck.isoDate(text).getYear() >= 1900;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean isMxs(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode mx : value) {
            if (!mx.isString() || !isMxPattern(mx.stringValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The schema's {@code mxPattern}: at most 254 characters matching {@code
     * ^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$}.
     */
    static boolean isMxPattern(String text) {
        int length = text.length();
        if (length == 0 || length > 254) {
            return false;
        }
        int start = text.charAt(0) == '.' ? 1 : 0;
        int lastDot = text.lastIndexOf('.');
        if (lastDot <= start) {
            return false; // no label before the top-level one
        }
        int labelStart = start;
        for (int i = start; i <= lastDot; i++) {
            if (text.charAt(i) == '.') {
                if (!isLabel(text, labelStart, i)) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return isTopLevel(text, lastDot + 1, length);
    }

    /** {@code [a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?} */
    private static boolean isLabel(String text, int from, int to) {
        int length = to - from;
        if (length < 1
                || length > 63
                || !isLowerAlnum(text.charAt(from))
                || !isLowerAlnum(text.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = text.charAt(i);
            if (!isLowerAlnum(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z]{2,63}|xn--[a-z0-9-]{1,59}} */
    private static boolean isTopLevel(String text, int from, int to) {
        int length = to - from;
        if (text.startsWith("xn--", from) && length >= 5 && length <= 63) {
            for (int i = from + 4; i < to; i++) {
                char c = text.charAt(i);
                if (!isLowerAlnum(c) && c != '-') {
                    return false;
                }
            }
            return true;
        }
        if (length < 2 || length > 63) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
