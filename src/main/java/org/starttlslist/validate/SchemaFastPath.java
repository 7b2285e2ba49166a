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

    /** True only when {@code root} provably satisfies the schema of {@code kind}. */
    static boolean conforms(Kind kind, JsonNode root) {
        return switch (kind) {
            case DOMAIN -> domain(root);
            case ALIAS -> alias(root);
            case CONFIG -> config(root);
        };
    }

    /**
     * {@code schema/config.schema.json}. There is one config per run, so this saves no walking; it
     * saves loading the schema engine at all (some 250 classes, and compiling three schemas) when
     * every file of a repository is clean.
     */
    private static boolean config(JsonNode root) {
        if (!root.isObject()) {
            return false;
        }
        boolean author = false;
        boolean version = false;
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.properties().iterator();
                fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            boolean ok =
                    switch (field.getKey()) {
                        case "author" -> isString(value, 1, 200);
                        case "version" -> value.isString() && value.stringValue().equals("0.1");
                        case "validity-days", "minimum-validity-days" -> isInteger(value, 1, 366);
                        case "threshold" -> isInteger(value, 1, 20);
                        case "release-branch" -> isBranch(value);
                        case "committer" -> isCommitter(value);
                        case "testing-days" -> isInteger(value, 7, 365);
                        case "testing-failure-days" -> isInteger(value, 1, 365);
                        case "grace-days" -> isInteger(value, 1, 60);
                        case "notices-per-run" -> isInteger(value, 1, 10_000);
                        case "maintainers" -> isMaintainers(value);
                        default -> false;
                    };
            if (!ok) {
                return false;
            }
            author |= field.getKey().equals("author");
            version |= field.getKey().equals("version");
        }
        return author && version;
    }

    /** A whole number written as one (never {@code 7.0}, which the schema may or may not take). */
    private static boolean isInteger(JsonNode value, long minimum, long maximum) {
        return value.isIntegralNumber()
                && value.canConvertToLong()
                && value.longValue() >= minimum
                && value.longValue() <= maximum;
    }

    /** {@code ^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$} */
    private static boolean isBranch(JsonNode value) {
        if (!value.isString()) {
            return false;
        }
        String text = value.stringValue();
        if (text.isEmpty() || text.length() > 100 || !isAsciiAlnum(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAsciiAlnum(c) && c != '.' && c != '_' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** {@code {"name": 1..200 characters, "email": at most 254}}, both required, nothing else. */
    private static boolean isCommitter(JsonNode value) {
        if (!value.isObject() || value.size() != 2) {
            return false;
        }
        JsonNode name = value.get("name");
        JsonNode email = value.get("email");
        return name != null
                && email != null
                && isString(name, 1, 200)
                && email.isString()
                && email.stringValue().length() <= 254;
    }

    /** An array of {@code {"fingerprint": 40 upper-case hex digits, "name": 1..200 characters}}. */
    private static boolean isMaintainers(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode maintainer : value) {
            if (!maintainer.isObject()) {
                return false;
            }
            JsonNode fingerprint = maintainer.get("fingerprint");
            JsonNode name = maintainer.get("name");
            int expected = name == null ? 1 : 2;
            if (maintainer.size() != expected
                    || fingerprint == null
                    || !isFingerprint(fingerprint)
                    || (name != null && !isString(name, 1, 200))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ^[0-9A-F]{40}$} */
    private static boolean isFingerprint(JsonNode value) {
        if (!value.isString() || value.stringValue().length() != 40) {
            return false;
        }
        String text = value.stringValue();
        for (int i = 0; i < 40; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
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
