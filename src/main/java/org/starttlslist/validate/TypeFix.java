package org.starttlslist.validate;

/** The fix for a value of the wrong type, from the schema's "X found, Y expected". */
final class TypeFix {
    private TypeFix() {}

    static String of(String message) {
        int expected = message.lastIndexOf(", ");
        String wanted =
                expected < 0
                        ? message
                        : message.substring(expected + 2).replace(" expected", "").strip();
        return switch (wanted) {
            case "string" -> "; write the value in double quotes";
            case "integer" -> "; write a whole number without quotes, e.g. 14";
            case "array" -> "; write a list in square brackets: [ … ]";
            case "object" -> "; write an object in braces: { … }";
            case "boolean" -> "; write true or false, without quotes";
            default -> "";
        };
    }
}
