package org.starttlslist.validate;

import java.util.Optional;

/**
 * Recognises the commonest JSON mistake in hand-edited files, a comma after the last entry ({@code
 * "mxs": ["a",]}), which the parser reports only as an unexpected '}' or ']'. Returns the comma's
 * position so the message points at what to delete.
 */
final class TrailingComma {
    private TrailingComma() {}

    static Optional<LocatedJson.Position> before(String text, LocatedJson.Position error) {
        int offset = offset(text, error);
        if (offset < 0 || offset >= text.length()) {
            return Optional.empty();
        }
        // The parser stops at the closing bracket, or just after it.
        int close = offset;
        while (close > 0
                && text.charAt(close) != '}'
                && text.charAt(close) != ']'
                && Character.isWhitespace(text.charAt(close))) {
            close--;
        }
        if (text.charAt(close) != '}'
                && text.charAt(close) != ']'
                && close > 0
                && (text.charAt(close - 1) == '}' || text.charAt(close - 1) == ']')) {
            close--;
        }
        if (text.charAt(close) != '}' && text.charAt(close) != ']') {
            return Optional.empty();
        }
        int comma = close - 1;
        while (comma >= 0 && Character.isWhitespace(text.charAt(comma))) {
            comma--;
        }
        if (comma < 0 || text.charAt(comma) != ',') {
            return Optional.empty();
        }
        return Optional.of(position(text, comma));
    }

    private static int offset(String text, LocatedJson.Position position) {
        int line = 1;
        int i = 0;
        while (line < position.line() && i < text.length()) {
            if (text.charAt(i++) == '\n') {
                line++;
            }
        }
        int offset = i + position.column() - 1;
        return line == position.line() ? Math.min(offset, text.length() - 1) : -1;
    }

    private static LocatedJson.Position position(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new LocatedJson.Position(line, column);
    }
}
